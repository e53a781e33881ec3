// One line of a wizard check list: passed, failed, or not reached because an earlier one failed.
export function Check({ ok, pending = false, label }: { ok: boolean; pending?: boolean; label: string }) {
  const state = pending ? 'pending' : ok ? 'ok' : 'bad';
  const mark = { pending: '–', ok: '✓', bad: '✗' }[state];
  return (
    <li className={`check ${state}`}>
      <span className="check-mark" aria-hidden="true">
        {mark}
      </span>
      {label}
      <span className="visually-hidden">
        {{ pending: ' (not checked)', ok: ' (passed)', bad: ' (failed)' }[state]}
      </span>
    </li>
  );
}

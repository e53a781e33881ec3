// The application's sync history, newest first: what was deployed, from which commit, by whom
// and with what result, each with the way to roll back to it.
import type { HistoryEntry } from '../../../../../engine/api/contract.ts';
import { timeAgo } from '../../../components/StatusBadges.tsx';
import { commitSubject, currentEntryId, initiatedBy, newestFirst, shortSha } from './historyFormat.ts';

const RESULT_TONE: Record<HistoryEntry['result'], string> = {
  Succeeded: 'ok',
  Failed: 'bad',
  Error: 'bad',
  Interrupted: 'warn',
};

export function HistoryTable({
  entries,
  onRollback,
  blockedBy = null,
}: {
  entries: readonly HistoryEntry[];
  onRollback(entry: HistoryEntry): void;
  /** Why rollback is not possible now (the cluster is not live); null when it is. */
  blockedBy?: string | null;
}) {
  const current = currentEntryId(entries);
  return (
    <table className="table history-table" aria-label="Sync history">
      <thead>
        <tr>
          <th>#</th>
          <th>Commit</th>
          <th>Author</th>
          <th>Deployed</th>
          <th>Initiated by</th>
          <th>Result</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {newestFirst(entries).map((entry) => (
          <tr key={entry.id}>
            <td className="mono">{entry.id}</td>
            <td className="history-commit">
              <span className="mono">{shortSha(entry.commit?.sha ?? entry.revisions[0] ?? '')}</span>{' '}
              <span title={entry.commit?.message}>
                {entry.commit ? commitSubject(entry.commit.message) : ''}
              </span>
              {entry.id === current && <span className="pill">current</span>}
            </td>
            <td className="nowrap" title={entry.commit?.email}>
              {entry.commit?.author ?? '—'}
            </td>
            <td className="nowrap" title={entry.deployedAt}>
              {timeAgo(entry.deployedAt)}
            </td>
            <td className="nowrap">{initiatedBy(entry)}</td>
            <td className={`tone-${RESULT_TONE[entry.result]}`} title={entry.message}>
              <strong>{entry.result}</strong>
              {entry.result !== 'Succeeded' && entry.message && (
                <span className="history-message subtle">{entry.message}</span>
              )}
            </td>
            <td className="nowrap">
              <button
                onClick={() => onRollback(entry)}
                disabled={blockedBy !== null}
                title={blockedBy ?? undefined}
              >
                Rollback…
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

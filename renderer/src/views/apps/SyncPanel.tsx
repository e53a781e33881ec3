// The sync dialog of an application: options, then the operation's progress per object as the
// engine reports it.
import { useState } from 'react';
import { useClient } from '../../clientContext.ts';
import { useApps } from '../../stores/apps.ts';
import { CheckboxField } from './fields.tsx';

export function SyncPanel({ name, onClose }: { name: string; onClose(): void }) {
  const client = useClient();
  const operation = useApps((state) => state.operations[name]);
  const [prune, setPrune] = useState(false);
  const [dryRun, setDryRun] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [started, setStarted] = useState(false);
  const start = async () => {
    setError(null);
    setStarted(true);
    await client
      .call('apps.sync', { name, prune, dryRun })
      .catch((failure: Error) => setError(failure.message));
  };
  return (
    <div className="card sync-panel" role="dialog" aria-label={`Sync ${name}`}>
      <div className="row">
        <h3>Sync {name}</h3>
        <button onClick={onClose} aria-label="Close sync">
          ✕
        </button>
      </div>
      <CheckboxField label="Prune objects no longer in git" checked={prune} onChange={setPrune} />
      <CheckboxField label="Dry run (change nothing)" checked={dryRun} onChange={setDryRun} />
      <div className="actions">
        <button className="primary" onClick={() => void start()} disabled={operation?.phase === 'Running'}>
          Synchronize
        </button>
      </div>
      {error && <p className="error">{error}</p>}
      {started && operation && (
        <div role="status">
          <p
            className={
              operation.phase === 'Succeeded'
                ? 'ok-text'
                : operation.phase === 'Running'
                  ? 'progress'
                  : 'error'
            }
          >
            {operation.dryRun ? 'Dry run: ' : ''}
            {operation.phase} — {operation.message}
          </p>
          <table className="table" aria-label="Sync results">
            <tbody>
              {operation.resources.map((r) => (
                <tr key={`${r.phase}/${r.id}`}>
                  <td>{r.phase}</td>
                  <td>{r.wave}</td>
                  <td>
                    {r.kind} {r.namespace ? `${r.namespace}/` : ''}
                    {r.name}
                  </td>
                  <td>{r.status ?? r.hookPhase ?? '…'}</td>
                  <td className="subtle">{r.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

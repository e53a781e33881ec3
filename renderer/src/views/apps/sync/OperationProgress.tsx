// A running or finished operation: its phase and message, then every object grouped by phase
// and wave with its own status and message, and Terminate while it runs.
import { useState } from 'react';
import type { Operation } from '../../../../../engine/api/contract.ts';
import { useClient } from '../../../clientContext.ts';
import { timeAgo } from '../../../components/StatusBadges.tsx';
import { groupCounts, groupProgress, isFinished, resourceState, type StepState } from './progressGroups.ts';
import './sync.css';

const STATE_MARK: Record<StepState, string> = { pending: '○', running: '◐', done: '●', failed: '✕' };

function OperationHeadline({ operation }: { operation: Operation }) {
  const finished = isFinished(operation);
  const tone = !finished ? 'busy' : operation.phase === 'Succeeded' ? 'ok' : 'bad';
  return (
    <p className={`operation-headline tone-${tone}`}>
      {!finished && <span className="spinner" />}
      <strong>
        {operation.dryRun ? 'Dry run ' : ''}
        {operation.phase}
      </strong>
      <span className="operation-message">{operation.message}</span>
      {operation.finishedAt && (
        <span className="subtle" title={operation.finishedAt}>
          {timeAgo(operation.finishedAt)}
        </span>
      )}
    </p>
  );
}

export function OperationProgress({ name, operation }: { name: string; operation: Operation }) {
  const client = useClient();
  const [terminating, setTerminating] = useState(false);
  const groups = groupProgress(operation.resources);
  const terminate = async () => {
    setTerminating(true);
    await client.call('apps.terminate', { name }).catch(() => setTerminating(false));
  };
  return (
    <div className="operation" role="status" aria-live="polite">
      <div className="row">
        <OperationHeadline operation={operation} />
        {operation.phase === 'Running' && (
          <button className="danger" onClick={() => void terminate()} disabled={terminating}>
            {terminating ? 'Terminating…' : 'Terminate'}
          </button>
        )}
      </div>
      {groups.length > 0 && (
        <table className="table operation-table" aria-label="Sync results">
          {/* Fixed layout takes widths from the first row, a group header spanning all columns. */}
          <colgroup>
            <col className="operation-object" />
            <col className="operation-status" />
            <col />
          </colgroup>
          {groups.map((group) => (
            <tbody key={`${group.phase}/${group.wave}`}>
              <tr className={`operation-group state-${group.state}`}>
                <th colSpan={3}>
                  <span className="state-mark">{STATE_MARK[group.state]}</span> {group.phase} · wave{' '}
                  {group.wave}
                  <span className="subtle"> — {groupCounts(group)}</span>
                </th>
              </tr>
              {group.resources.map((resource) => {
                const state = resourceState(resource);
                return (
                  <tr key={resource.id} className={`state-${state}`}>
                    <td className="operation-object">
                      {resource.kind}{' '}
                      <span className="mono">
                        {resource.namespace ? `${resource.namespace}/` : ''}
                        {resource.name}
                      </span>
                    </td>
                    <td className="nowrap operation-status">
                      <span className="state-mark">{STATE_MARK[state]}</span>{' '}
                      {resource.status ?? resource.hookPhase ?? 'Pending'}
                    </td>
                    <td className="subtle operation-detail">{resource.message}</td>
                  </tr>
                );
              })}
            </tbody>
          ))}
        </table>
      )}
    </div>
  );
}

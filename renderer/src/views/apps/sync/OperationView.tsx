// The part of a dialog that follows the operation it started: waiting (for the first progress,
// or for the lease another desktop holds), the progress itself, then the way out.
import { useApps } from '../../../stores/apps.ts';
import { OperationProgress } from './OperationProgress.tsx';
import { isFinished } from './progressGroups.ts';
import type { OperationRun } from './useOperationRun.ts';

export function OperationView({
  name,
  run,
  onClose,
  againLabel,
}: {
  name: string;
  run: OperationRun;
  onClose(): void;
  againLabel?: string;
}) {
  const lease = useApps((state) => state.apps?.find((a) => a.name === name)?.lease ?? null);
  const { operation, error } = run;
  const finished = error !== null || (operation !== undefined && isFinished(operation));
  return (
    <>
      {operation && <OperationProgress name={name} operation={operation} />}
      {!operation && !error && (
        <p className="progress" role="status">
          <span className="spinner" />
          {lease && !lease.heldByUs
            ? `Waiting: ${lease.holder} holds this application's lease.`
            : 'Starting…'}
        </p>
      )}
      {error && <p className="error">{error}</p>}
      {finished && (
        <div className="actions">
          {againLabel && <button onClick={run.reset}>{againLabel}</button>}
          <button className="primary" onClick={onClose}>
            Close
          </button>
        </div>
      )}
    </>
  );
}

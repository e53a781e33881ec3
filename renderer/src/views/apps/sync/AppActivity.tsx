// What is happening to an application right now, under its header: an operation running (with
// the way back to its progress) and the lease another desktop holds on its operations.
import type { AppSummary } from '../../../../../engine/api/contract.ts';
import { timeAgo } from '../../../components/StatusBadges.tsx';

export function AppActivity({ app, onShowOperation }: { app: AppSummary; onShowOperation(): void }) {
  const foreignLease = app.lease && !app.lease.heldByUs ? app.lease : null;
  if (!app.operationRunning && !foreignLease) return null;
  return (
    <div className="app-activity">
      {app.operationRunning && (
        <span className="progress" role="status">
          <span className="spinner" /> Operation running
          <button className="link inline" onClick={onShowOperation}>
            Show progress
          </button>
        </span>
      )}
      {foreignLease && (
        <span className="lease-notice" title={foreignLease.renewedAt ?? undefined}>
          Held by <strong>{foreignLease.holder}</strong> — syncs from here are refused until it is released
          {foreignLease.renewedAt && (
            <span className="subtle"> · renewed {timeAgo(foreignLease.renewedAt)}</span>
          )}
        </span>
      )}
    </div>
  );
}

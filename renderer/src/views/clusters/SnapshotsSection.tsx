// The Snapshots section of the Clusters view: the last known live state of each cluster kept on
// disk (persisted as it changes, imported, or the demo's), with export and import.
import { useState } from 'react';
import { useClient } from '../../clientContext.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { formatObservedAt } from '../../components/liveSourceText.ts';
import { timeAgo } from '../../components/StatusBadges.tsx';
import { useSnapshots } from '../../stores/snapshots.ts';
import { ExportSnapshotDialog } from './ExportSnapshotDialog.tsx';
import { ImportSnapshotDialog } from './ImportSnapshotDialog.tsx';
import { snapshotKindText } from './snapshotFiles.ts';

export function SnapshotsSection() {
  const client = useClient();
  const { snapshots, error } = useSnapshots();
  const [dialog, setDialog] = useState<'export' | 'import' | null>(null);
  const [removeError, setRemoveError] = useState<string | null>(null);

  const remove = async (cluster: string) => {
    if (!window.confirm(`Forget the snapshot of ${cluster}? Its applications show Unknown while it is away.`))
      return;
    setRemoveError(null);
    await client
      .call('snapshots.remove', { cluster })
      .catch((failure: Error) => setRemoveError(`Could not remove it: ${failure.message}`));
  };

  return (
    <>
      <div className="section-head">
        <h2 className="section-title">Snapshots</h2>
        <div className="actions">
          <button onClick={() => setDialog('export')}>Export a snapshot…</button>
          <button onClick={() => setDialog('import')}>Import a snapshot…</button>
        </div>
      </div>
      <p className="subtle">
        The last known live state of each cluster, kept on disk: while a cluster is unreachable its
        applications show their statuses and diff as of then. Secret values are never kept.
      </p>
      {error && <p className="error">Could not list the snapshots: {error}</p>}
      {removeError && <p className="error">{removeError}</p>}
      {snapshots === null && !error && <p className="subtle">Loading…</p>}
      {snapshots?.length === 0 && (
        <EmptyState title="No snapshots yet">
          <p>
            A snapshot is kept for each cluster Plumbline watches. Import a file to inspect a cluster you
            cannot reach from here.
          </p>
        </EmptyState>
      )}
      {snapshots && snapshots.length > 0 && (
        <table className="table" aria-label="Snapshots">
          <thead>
            <tr>
              <th>Cluster</th>
              <th>Kind</th>
              <th>As of</th>
              <th>Objects</th>
              <th aria-label="Actions" />
            </tr>
          </thead>
          <tbody>
            {snapshots.map((snapshot) => (
              <tr key={snapshot.cluster}>
                <td>
                  {snapshot.cluster}{' '}
                  {snapshot.offlineOnly && (
                    <span className="pill" title="No registered cluster or kubeconfig context has this name">
                      offline only
                    </span>
                  )}
                </td>
                <td>{snapshotKindText(snapshot)}</td>
                <td title={snapshot.asOf}>
                  {formatObservedAt(snapshot.asOf)} <span className="subtle">· {timeAgo(snapshot.asOf)}</span>
                </td>
                <td>{snapshot.objects}</td>
                <td className="row-actions">
                  <button onClick={() => void remove(snapshot.cluster)}>Remove</button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {dialog === 'export' && <ExportSnapshotDialog onClose={() => setDialog(null)} />}
      {dialog === 'import' && <ImportSnapshotDialog onClose={() => setDialog(null)} />}
    </>
  );
}

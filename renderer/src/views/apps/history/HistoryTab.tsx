// The History tab: what was deployed when, and the commits of the application's branch, each
// a starting point for a previewed rollback.
import { useState } from 'react';
import type { AppSummary } from '../../../../../engine/api/contract.ts';
import { offlineActionReason } from '../../../components/liveSourceText.ts';
import { useLiveQuery } from '../live/useLiveQuery.ts';
import { CommitTable } from './CommitTable.tsx';
import { HistoryTable } from './HistoryTable.tsx';
import { commitSubject, entryTarget, type RollbackTarget } from './historyFormat.ts';
import { RollbackDialog } from './RollbackDialog.tsx';
import './history.css';

const COMMIT_LIMIT = 50;

export function HistoryTab({ app }: { app: AppSummary }) {
  const { name } = app;
  const history = useLiveQuery(name, name, (c) => c.call('apps.history', { name }));
  const commits = useLiveQuery(name, name, (c) => c.call('apps.commits', { name, limit: COMMIT_LIMIT }));
  const [target, setTarget] = useState<RollbackTarget | null>(null);
  const blockedBy = offlineActionReason(app);
  const branch = commits.data?.branch ?? app.sources[0]?.targetRevision ?? 'HEAD';

  return (
    <div className="history">
      <h2 className="section-title">Sync history</h2>
      {history.error && <p className="error">Cannot read the history: {history.error}</p>}
      {history.data?.history.length === 0 && <p className="subtle">Not synced by Plumbline yet.</p>}
      {history.data && history.data.history.length > 0 && (
        <HistoryTable
          entries={history.data.history}
          blockedBy={blockedBy}
          onRollback={(entry) => setTarget(entryTarget(entry))}
        />
      )}
      <h2 className="section-title">
        Commits of <span className="mono">{branch}</span>
      </h2>
      {commits.error && <p className="error">Cannot list the commits: {commits.error}</p>}
      {commits.data && (
        <CommitTable
          branch={branch}
          commits={commits.data.commits}
          deployed={app.revision}
          pinned={app.pin?.revision ?? null}
          blockedBy={blockedBy}
          onRollback={(commit) =>
            setTarget({ kind: 'commit', revision: commit.sha, subject: commitSubject(commit.message) })
          }
        />
      )}
      {target && (
        <RollbackDialog name={name} target={target} branch={branch} onClose={() => setTarget(null)} />
      )}
    </div>
  );
}

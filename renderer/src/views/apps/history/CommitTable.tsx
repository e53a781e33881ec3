// The latest commits of the branch an application follows, so a rollback can go to any of
// them, with the deployed and pinned ones marked.
import type { Commit } from '../../../../../engine/api/contract.ts';
import { timeAgo } from '../../../components/StatusBadges.tsx';
import { commitSubject, shortSha } from './historyFormat.ts';

export function CommitTable({
  branch,
  commits,
  deployed,
  pinned,
  onRollback,
  blockedBy = null,
}: {
  branch: string;
  commits: readonly Commit[];
  deployed: string | null;
  pinned: string | null;
  onRollback(commit: Commit): void;
  /** Why rollback is not possible now (the cluster is not live); null when it is. */
  blockedBy?: string | null;
}) {
  return (
    <table className="table history-table" aria-label={`Commits of ${branch}`}>
      <thead>
        <tr>
          <th>Commit</th>
          <th>Author</th>
          <th>Date</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {commits.map((commit) => (
          <tr key={commit.sha}>
            <td className="history-commit">
              <span className="mono">{shortSha(commit.sha)}</span>{' '}
              <span title={commit.message}>{commitSubject(commit.message)}</span>
              {commit.sha === deployed && <span className="pill">deployed</span>}
              {commit.sha === pinned && <span className="pill pill-warn">pinned</span>}
            </td>
            <td className="nowrap" title={commit.email}>
              {commit.author}
            </td>
            <td className="nowrap" title={commit.date}>
              {timeAgo(commit.date)}
            </td>
            <td className="nowrap">
              <button
                onClick={() => onRollback(commit)}
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

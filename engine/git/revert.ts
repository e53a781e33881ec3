// One-click rollback as a git change: one new commit on the branch whose tree is exactly the
// tree of an earlier commit, pushed without force.
//
// The commit is made with `git commit-tree <old tree> -p <branch head>`, not with
// `git revert --no-commit old..HEAD`: reverting a range stops on merge commits and can conflict,
// while taking the old tree whole can not fail and is exactly "everything after `old` undone".
// The new commit builds on the branch as Plumbline last fetched it — what the user saw when they
// chose to roll back; if the branch moved since, the push is rejected rather than undoing
// commits nobody looked at.
import { progressFlag, type CachedRepository } from './cachedRepository.ts';
import { branchNameProblem, isFullSha } from './refs.ts';
import { RepositoryError, repositoryError } from './repositoryError.ts';
import type { ProgressListener } from './runGit.ts';

export interface RevertAuthor {
  authorName: string;
  authorEmail: string;
  /** Commit message; default: `Roll back <branch> to <short sha>` with the reverted range. */
  message?: string;
}

export async function revertAndPush(
  repo: CachedRepository,
  branch: string,
  toSha: string,
  author: RevertAuthor,
  onProgress?: ProgressListener,
): Promise<string> {
  const operation = `roll back ${branch} of ${repo.url.display} to ${toSha}`;
  const problem = branchNameProblem(branch) ?? authorProblem(author);
  if (problem) throw repositoryError('other', operation, problem);
  if (!isFullSha(toSha))
    throw repositoryError('unknown-revision', operation, 'a full 40-character commit SHA is needed');
  const target = toSha.toLowerCase();
  const ref = `refs/heads/${branch}`;
  const branchHead = () =>
    repo
      .tryGit(['rev-parse', '--verify', '--end-of-options', `${ref}^{commit}`])
      .then((out) => out?.trim() ?? null);
  await repo.ensure(async () => (await repo.hasCommit(target)) && (await branchHead()) !== null, {
    onProgress,
  });
  await repo.ensureCommit(target);
  const head = await branchHead();
  if (!head) throw repositoryError('unknown-revision', operation, `the remote has no branch "${branch}"`);
  if ((await repo.tryGit(['merge-base', '--is-ancestor', '--end-of-options', target, head])) === null) {
    throw repositoryError(
      'unknown-revision',
      operation,
      `${target} is not in the history of ${branch} (at ${head})`,
    );
  }
  const treeOf = async (sha: string) =>
    (await repo.git(['rev-parse', '--verify', '--end-of-options', `${sha}^{tree}`], 'read tree of')).trim();
  const tree = await treeOf(target);
  // Nothing after `toSha` changed the files: a second click must not add an empty commit.
  if (tree === (await treeOf(head))) return head;

  const message = author.message ?? defaultMessage(branch, target, head);
  const identity = {
    GIT_AUTHOR_NAME: author.authorName,
    GIT_AUTHOR_EMAIL: author.authorEmail,
    GIT_COMMITTER_NAME: author.authorName,
    GIT_COMMITTER_EMAIL: author.authorEmail,
  };
  const commit = (
    await repo.git(['commit-tree', tree, '-p', head, '-m', message], 'commit rollback in', identity)
  ).trim();
  await repo.exclusively(async () => {
    try {
      const args = ['push', ...progressFlag(onProgress), '--', repo.url.fetchUrl, `${commit}:${ref}`];
      await repo.remote(args, `push ${branch} to`, onProgress);
    } catch (error) {
      throw explainRejection(error, branch);
    }
    // The cache now knows the new head without another fetch.
    await repo.git(['update-ref', ref, commit, head], 'record pushed head in');
  });
  return commit;
}

function defaultMessage(branch: string, target: string, head: string): string {
  return `Roll back ${branch} to ${target.slice(0, 12)}\n\nRestores the files of ${target}, undoing ${target.slice(0, 12)}..${head.slice(0, 12)}.\nMade by Plumbline.`;
}

function authorProblem({ authorName, authorEmail }: RevertAuthor): string | null {
  const invalid = (value: string) => value.trim() === '' || /[<>\n\r\0]/.test(value);
  if (invalid(authorName)) return `author name "${authorName}" is empty or contains <, > or a line break`;
  if (invalid(authorEmail)) return `author email "${authorEmail}" is empty or contains <, > or a line break`;
  return null;
}

function explainRejection(error: unknown, branch: string): unknown {
  if (!(error instanceof RepositoryError) || error.kind !== 'rejected') return error;
  const moved = /non-fast-forward|fetch first/i.test(error.message);
  const why = moved
    ? `${branch} moved on the remote since Plumbline last fetched it; refresh and choose the rollback again`
    : `the remote refused the push to ${branch} (protected branch or hook)`;
  return new RepositoryError('rejected', `${why}. ${error.message}`);
}

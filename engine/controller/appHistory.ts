// What the history and rollback views need from git: each deployment with its commit's message,
// author and time, the commits of the source's branch, the revisions a rollback goes to, and the
// revert commit that rolls the branch itself back.
import { hostname } from 'node:os';
import type { Commit, HistoryEntry } from '../api/contract.ts';
import { ContractError } from '../api/errors.ts';
import type { RepositoryCache } from '../git/index.ts';
import { appSources, type Application } from '../model/index.ts';
import type { AppRecord } from '../store/appStateStore.ts';
import { desktopUser } from '../store/instanceIdentity.ts';
import { isOciSource } from '../oci/reference.ts';

const fullSha = /^[0-9a-f]{40}$/i;

/** The first source that comes from git: what history, commits and rollback are about. */
export function gitSource(app: Application): { repoURL: string; targetRevision: string; index: number } {
  const sources = appSources(app);
  const index = sources.findIndex(
    (s) => !(s.chart && /^https?:\/\//.test(s.repoURL ?? '')) && !isOciSource(s),
  );
  const source = sources[index];
  if (!source?.repoURL)
    throw new ContractError('invalid-input', `${app.metadata.name}: no source from a git repository`);
  return { repoURL: source.repoURL, targetRevision: source.targetRevision || 'HEAD', index };
}

async function commitOf(
  repos: RepositoryCache,
  url: string,
  sha: string | undefined,
): Promise<Commit | null> {
  if (!sha) return null;
  return repos.commitMetadata(url, sha).catch(() => null);
}

/** The history, newest first, each entry with its commit where git can tell it. */
export async function historyEntries(
  record: AppRecord,
  repos: RepositoryCache,
  app: Application | undefined,
): Promise<HistoryEntry[]> {
  const source = app ? gitSource(app) : null;
  return Promise.all(
    [...record.history].reverse().map(async (entry) => ({
      ...entry,
      commit: source ? await commitOf(repos, source.repoURL, entry.revisions[source.index]) : null,
    })),
  );
}

export async function branchCommits(
  repos: RepositoryCache,
  app: Application,
  limit: number,
): Promise<{ branch: string; commits: Commit[] }> {
  const { repoURL, targetRevision } = gitSource(app);
  return { branch: targetRevision, commits: await repos.log(repoURL, targetRevision, limit) };
}

/**
 * The revisions a rollback deploys: those of a history entry, or a commit of the git source with
 * the other sources at the revisions deployed now.
 */
export async function rollbackRevisions(
  record: AppRecord,
  repos: RepositoryCache,
  app: Application,
  current: ReadonlyArray<string | null>,
  target: { id?: number; revision?: string },
): Promise<Array<string | null>> {
  const name = app.metadata.name;
  if (target.id !== undefined) {
    const entry = record.history.find((h) => h.id === target.id);
    if (!entry) throw new ContractError('invalid-input', `${name}: no history entry ${target.id}`);
    if (entry.revisions.length === 0)
      throw new ContractError('invalid-input', `${name}: history entry ${target.id} has no git revision`);
    const sources = appSources(app);
    return sources.map((_, index) => entry.revisions[index] ?? current[index] ?? null);
  }
  const { repoURL, index } = gitSource(app);
  let sha: string;
  try {
    sha = await repos.resolveRevision(repoURL, target.revision ?? '');
  } catch (error) {
    throw new ContractError('invalid-input', `${name}: ${(error as Error).message}`);
  }
  const revisions = appSources(app).map((_, i) => current[i] ?? null);
  revisions[index] = sha;
  return revisions;
}

/** The branch a source follows; a revert needs one (a tag or a commit cannot move). */
async function followedBranch(
  repos: RepositoryCache,
  repoURL: string,
  targetRevision: string,
): Promise<string> {
  const refs = await repos.lsRemote(repoURL);
  if (targetRevision === 'HEAD') {
    const head = refs.get('HEAD');
    const branches = [...refs].filter(([ref, sha]) => ref.startsWith('refs/heads/') && sha === head);
    const preferred = branches.find(([ref]) => /\/(main|master)$/.test(ref)) ?? branches[0];
    if (preferred) return preferred[0].slice('refs/heads/'.length);
  }
  const branch = targetRevision.replace(/^refs\/heads\//, '');
  if (refs.has(`refs/heads/${branch}`)) return branch;
  throw new ContractError(
    'invalid-input',
    `revert in git needs the source to follow a branch; ${targetRevision} of ${repoURL} is ${fullSha.test(targetRevision) ? 'a commit' : 'not a branch'}`,
  );
}

/** Commits, on the source's branch, the tree of the target revision, pushes it and returns it. */
export async function revertInGit(
  repos: RepositoryCache,
  app: Application,
  revisions: ReadonlyArray<string | null>,
  author: { name?: string; email?: string } | undefined,
): Promise<string> {
  const { repoURL, targetRevision, index } = gitSource(app);
  const sha = revisions[index];
  if (!sha) throw new ContractError('invalid-input', `${app.metadata.name}: no git revision to revert to`);
  const branch = await followedBranch(repos, repoURL, targetRevision);
  const user = desktopUser() ?? 'plumbline';
  try {
    return await repos.revertAndPush(repoURL, branch, sha, {
      authorName: author?.name ?? user,
      authorEmail: author?.email ?? `${user}@${hostname()}`,
    });
  } catch (error) {
    throw new ContractError('failed', `${app.metadata.name}: ${(error as Error).message}`);
  }
}

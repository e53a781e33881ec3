// Submodules of a checkout, as Argo CD's `git submodule update --init --recursive` gives them to
// its renderers — each at the commit the superproject's tree pins — but done by Plumbline itself,
// never by `git submodule`: each submodule's repository is fetched into its own cache entry
// (credentials looked up for its own URL, the protocols it may use on git's command line), and
// its tree written into the submodule's folder by extractCommit, which recurses. `.gitmodules` is
// judged first (submoduleConfig.ts); a refusal names the submodule and fails the checkout, as a
// failed `git submodule update` fails Argo CD's. Bounded: nesting, count and time.
import { lstat, mkdir, readdir, realpath } from 'node:fs/promises';
import { join, sep } from 'node:path';
import type { CachedRepository } from './cachedRepository.ts';
import type { ExtractionBudget, ExtractionContext, TreeEntry } from './extractCommit.ts';
import { extractCommit } from './extractCommit.ts';
import { allowedProtocols } from './gitProtections.ts';
import { RepositoryError, repositoryError } from './repositoryError.ts';
import {
  parseGitmodulesListing,
  submoduleNameProblem,
  submodulePathProblem,
  submoduleUpdateProblem,
  submoduleUrl,
  type SubmoduleEntry,
} from './submoduleConfig.ts';

export interface SubmoduleLimits {
  /** Submodules inside submodules, counting the first level as 1. */
  maxDepth: number;
  /** Submodules written for one checkout, at every level. */
  maxCount: number;
  /** Time all submodules of one checkout may take. */
  timeMs: number;
}

export const DEFAULT_SUBMODULE_LIMITS: SubmoduleLimits = { maxDepth: 5, maxCount: 50, timeMs: 10 * 60_000 };

/** A `.gitmodules` larger than this is not a list of submodules. */
const MAX_GITMODULES_BYTES = 256 * 1024;

export interface SubmoduleWork {
  repo: CachedRepository;
  commit: string;
  /** The folder the superproject's tree was written to. */
  dir: string;
  gitlinks: readonly TreeEntry[];
  context: ExtractionContext;
  budget: ExtractionBudget;
  /** The superproject's folder in the top repository ('' for the top). */
  where: string;
  depth: number;
}

export async function initSubmodules(work: SubmoduleWork): Promise<void> {
  const { repo, commit, dir, context, budget, where, depth } = work;
  const limits = context.submoduleLimits;
  const entries = await readGitmodules(repo, commit, where);
  for (const entry of entries.values()) {
    const problem =
      submoduleNameProblem(entry.name) ??
      (entry.path === undefined ? null : submodulePathProblem(entry.path)) ??
      submoduleUpdateProblem(entry.update);
    if (problem) throw refusal(repo, entry.name, entry.path ?? '', where, problem);
  }
  const byPath = new Map([...entries.values()].flatMap((entry) => (entry.path ? [[entry.path, entry]] : [])));
  for (const gitlink of [...work.gitlinks].sort((a, b) => a.path.localeCompare(b.path))) {
    const shown = where ? `${where}/${gitlink.path}` : gitlink.path;
    const entry = byPath.get(gitlink.path);
    if (!entry?.url) throw refusal(repo, entry?.name, gitlink.path, where, 'no URL for it in .gitmodules');
    if (entry.update === 'none') continue;
    const url = submoduleUrl(entry.url, repo.url);
    if ('problem' in url) throw refusal(repo, entry.name, gitlink.path, where, url.problem);
    if (depth + 1 > limits.maxDepth)
      throw refusal(repo, entry.name, gitlink.path, where, `submodules nest deeper than ${limits.maxDepth}`);
    if (budget.submodulesLeft <= 0)
      throw refusal(
        repo,
        entry.name,
        gitlink.path,
        where,
        `the checkout has more than ${limits.maxCount} submodules`,
      );
    if (Date.now() > budget.deadline)
      throw refusal(
        repo,
        entry.name,
        gitlink.path,
        where,
        `submodules took longer than ${limits.timeMs / 1000} s`,
      );
    budget.submodulesLeft -= 1;
    const problem = await folderProblem(dir, gitlink.path);
    if (problem) throw refusal(repo, entry.name, gitlink.path, where, problem);
    const sub = await context.repositoryFor(url.url.fetchUrl);
    try {
      await fetchPinned(sub, gitlink.object, repo.url.transport === 'file', context);
      await extractCommit(sub, gitlink.object, join(dir, gitlink.path), context, budget, shown, depth + 1);
    } catch (error) {
      if (error instanceof RepositoryError && error.message.startsWith('submodule ')) throw error;
      const message = error instanceof Error ? error.message : String(error);
      throw new RepositoryError(
        error instanceof RepositoryError ? error.kind : 'other',
        `submodule "${entry.name}" at ${shown}: ${message}`,
      );
    }
  }
}

/** The submodules `.gitmodules` of the commit lists (none when it has no `.gitmodules`). */
async function readGitmodules(
  repo: CachedRepository,
  commit: string,
  where: string,
): Promise<Map<string, SubmoduleEntry>> {
  const blob = `${commit}:.gitmodules`;
  const size = await repo.tryGit(['cat-file', '-s', '--end-of-options', blob]);
  if (size === null) return new Map();
  const file = where ? `${where}/.gitmodules` : '.gitmodules';
  if (Number(size) > MAX_GITMODULES_BYTES)
    throw repositoryError(
      'other',
      `read ${file} of ${repo.url.display}`,
      `larger than ${MAX_GITMODULES_BYTES} bytes`,
    );
  // Read from the commit's blob with includes off: nothing outside the repository is read.
  const listing = await repo.git(
    ['config', '--no-includes', '--null', '--list', '--blob', blob],
    `read ${file} of`,
  );
  return parseGitmodulesListing(listing);
}

/**
 * Why the submodule's folder can not be written: it must be an empty folder inside the
 * checkout reached through folders only (no symlink on the way). Made when missing.
 */
export async function folderProblem(root: string, path: string): Promise<string | null> {
  const pathProblem = submodulePathProblem(path);
  if (pathProblem) return pathProblem;
  let current = root;
  for (const part of path.split('/')) {
    current = join(current, part);
    const info = await lstat(current).catch(() => null);
    if (!info) {
      await mkdir(current, { recursive: true });
      continue;
    }
    if (info.isSymbolicLink()) return `its path "${path}" passes through a symlink`;
    if (!info.isDirectory()) return `its path "${path}" is not a folder in the checkout`;
  }
  const [real, realRoot] = await Promise.all([realpath(current), realpath(root)]);
  if (!real.startsWith(realRoot + sep)) return `its path "${path}" leaves the repository`;
  if ((await readdir(current)).length > 0) return `its folder "${path}" is not empty`;
  return null;
}

/** Brings the pinned commit into the submodule's cache: its branches and tags, else the commit itself. */
async function fetchPinned(
  sub: CachedRepository,
  sha: string,
  localAllowed: boolean,
  context: ExtractionContext,
): Promise<void> {
  const gitConfig = allowedProtocols(localAllowed);
  const onProgress = context.onProgress;
  await sub.ensure(() => sub.hasCommit(sha), { gitConfig, ...(onProgress ? { onProgress } : {}) });
  if (await sub.hasCommit(sha)) return;
  // A commit on no branch or tag: asked for by name, as `git submodule update` does.
  await sub.exclusively(() =>
    sub.remote(
      [
        ...gitConfig,
        'fetch',
        '--no-write-fetch-head',
        '--',
        sub.url.fetchUrl,
        `+${sha}:refs/plumbline/submodule-commits/${sha}`,
      ],
      `fetch commit ${sha} of`,
    ),
  );
  if (!(await sub.hasCommit(sha)))
    throw repositoryError('unknown-revision', `find commit ${sha} in ${sub.url.display}`, 'no such commit');
}

function refusal(
  repo: CachedRepository,
  name: string | undefined,
  path: string,
  where: string,
  problem: string,
): RepositoryError {
  const shown = where ? `${where}/${path}` : path;
  const named = name === undefined ? 'submodule' : `submodule "${name}"`;
  return new RepositoryError(
    'other',
    `${named}${shown ? ` at ${shown}` : ''} of ${repo.url.display}: ${problem}`,
  );
}

/**
 * Whether checkouts write submodules: the environment variable PLUMBLINE_GIT_MODULES_ENABLED
 * (`false` or `true`, as Argo CD's ARGOCD_GIT_MODULES_ENABLED) when set, else the setting
 * `gitSubmodules`, else yes.
 */
export function submodulesEnabled(environment: string | undefined, setting: boolean | undefined): boolean {
  const value = environment?.trim().toLowerCase();
  if (value === 'false' || value === '0') return false;
  if (value === 'true' || value === '1') return true;
  return setting ?? true;
}

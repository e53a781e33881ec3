// The repository cache of the repo server: resolves Application revisions to commits, hands
// renderers the files of a commit, reads history, and rolls a branch back — over https (token
// or password), ssh (key), git:// and local paths, with credentials from the SecretStore.
import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { findRepoCredentials } from '../secrets/repoCredentials.ts';
import type { SecretStore } from '../secrets/secretStore.ts';
import { CachedRepository, INIT_PREFIX, type RepositoryContext } from './cachedRepository.ts';
import { COMMIT_FORMAT, parseCommits, type CommitMetadata } from './commitLog.ts';
import { prepareGitPlaces, type GitConnection } from './gitSession.ts';
import { keyedQueue } from './keyedQueue.ts';
import { createLimiter, type Limiter } from '../limits/limiter.ts';
import { defaultConcurrency } from '../limits/workLimits.ts';
import { isLeftover } from './leftovers.ts';
import { isFullSha, isShortSha } from './refs.ts';
import { matchTargetRevision, targetRevisionProblem } from './revisions.ts';
import { repositoryError } from './repositoryError.ts';
import { parseRepoUrl, type ParsedRepoUrl } from './repoUrl.ts';
import { revertAndPush, type RevertAuthor } from './revert.ts';
import { signedRevision, type SignedRevision } from './signedObject.ts';
import type { ProgressListener } from './runGit.ts';
import { TreeStore } from './treeStore.ts';
import { extractCommit } from './extractCommit.ts';
import { gitLfsInstalled, type LfsLimits } from './lfs.ts';
import { DEFAULT_SUBMODULE_LIMITS, type SubmoduleLimits } from './submodules.ts';

export interface RepositoryCacheOptions {
  /** Where clones, extracted trees, git's private HOME and known_hosts live. */
  cacheDir: string;
  /** Source of repository credentials (the repository's own, else a template's: findRepoCredentials); without it, anonymous access only. */
  secrets?: SecretStore;
  /**
   * The credentials and settings of a repository as the user configured it (engine/repos:
   * GitHub App tokens, CA, known hosts, proxy); without it, credentials from `secrets` alone.
   */
  connectionFor?: (url: string) => Promise<GitConnection>;
  /** A git process is killed after this long without output. Default 120 s. */
  timeoutMs?: number;
  /** Extracted trees kept beyond those in use. Default 20. */
  maxTrees?: number;
  /** A tree handed out within this time is never removed. Default 10 minutes. */
  treeGraceMs?: number;
  /** Git processes running at once, shared with whoever else holds it; the machine's default otherwise. */
  processes?: Limiter;
  /**
   * Whether checkouts fetch and write submodules (Argo CD's ARGOCD_GIT_MODULES_ENABLED); asked at
   * every checkout. Default: yes.
   */
  submodules?: () => boolean | Promise<boolean>;
  /** Nesting, count and time of a checkout's submodules; DEFAULT_SUBMODULE_LIMITS otherwise. */
  submoduleLimits?: SubmoduleLimits;
  /** Sizes of the Git LFS files a checkout fetches; DEFAULT_LFS_LIMITS otherwise. */
  lfsLimits?: LfsLimits;
}

export interface OperationOptions {
  /** Progress of a clone or fetch this call starts (a call that waits for another's fetch gets none). */
  onProgress?: ProgressListener;
}

export interface RepositoryCache {
  /** The commit a targetRevision names now: branch, tag (peeled), full or short SHA, `HEAD` or empty. Fetches when the commit is missing. */
  resolveRevision(url: string, targetRevision: string, options?: OperationOptions): Promise<string>;
  /** A directory with the files of the commit, to read only; the same directory for the same commit. */
  checkout(url: string, sha: string, options?: OperationOptions): Promise<string>;
  commitMetadata(url: string, sha: string, options?: OperationOptions): Promise<CommitMetadata>;
  /** The newest `limit` commits of a branch (or any revision), newest first. */
  log(url: string, branch: string, limit: number, options?: OperationOptions): Promise<CommitMetadata[]>;
  /** The remote's refs → commit SHAs (annotated tags peeled), without fetching: cheap change detection. */
  lsRemote(url: string): Promise<Map<string, string>>;
  /** What a revision points at on the remote now, without fetching (short SHAs: from the cache). */
  headOf(url: string, revision: string): Promise<string>;
  /** The object whose signature counts for a resolved revision: its annotated tag, else its commit (raw bytes). */
  signedRevision(url: string, targetRevision: string, sha: string): Promise<SignedRevision>;
  /** Pushes one commit onto `branch` that restores the tree of `toSha`; returns its SHA (or the head when nothing differs). */
  revertAndPush(
    url: string,
    branch: string,
    toSha: string,
    author: RevertAuthor,
    options?: OperationOptions,
  ): Promise<string>;
}

export function createRepositoryCache(options: RepositoryCacheOptions): RepositoryCache {
  const cacheOptions = options;
  const reposDir = join(options.cacheDir, 'repos');
  const places = {
    homeDir: join(options.cacheDir, 'home'),
    knownHostsFile: join(options.cacheDir, 'known_hosts'),
    sessionsDir: join(options.cacheDir, 'sessions'),
  };
  const context: RepositoryContext = {
    places,
    reposDir,
    timeoutMs: options.timeoutMs ?? 120_000,
    queue: keyedQueue(),
    processes: options.processes ?? createLimiter(defaultConcurrency().git),
    inFlight: new Map(),
    tickets: 0,
    knownCommits: new Map(),
    connectionFor: (url) => connectionFor(options, url),
  };
  const trees = new TreeStore({
    root: join(options.cacheDir, 'trees'),
    maxTrees: options.maxTrees ?? 20,
    graceMs: options.treeGraceMs ?? 600_000,
  });
  let prepared: Promise<void> | undefined;

  async function prepare(): Promise<void> {
    await mkdir(reposDir, { recursive: true, mode: 0o700 });
    await prepareGitPlaces(places);
    for (const name of await readdir(reposDir)) {
      if (isLeftover(name, INIT_PREFIX)) await rm(join(reposDir, name), { recursive: true, force: true });
    }
  }

  // A view of the cache for this request's URL: credentials written in the URL belong to this
  // request only. The cache directory and the fetch queue are shared by normalized URL.
  async function repository(url: string): Promise<CachedRepository> {
    const parsed = parseRepoUrl(url);
    // A failed setup (say, a permission error the user then fixes) is tried again next time.
    await (prepared ??= prepare().catch((error: unknown) => {
      prepared = undefined;
      throw error;
    }));
    return new CachedRepository(parsed, context);
  }

  async function resolveIn(repo: CachedRepository, targetRevision: string, options: OperationOptions) {
    const revision = targetRevision.trim() || 'HEAD';
    const operation = `resolve revision "${revision}" of ${repo.url.display}`;
    const problem = targetRevisionProblem(revision);
    if (problem) throw repositoryError('unknown-revision', operation, problem);
    if (isFullSha(revision)) {
      await repo.ensureCommit(revision.toLowerCase(), options);
      return revision.toLowerCase();
    }
    const refs = await repo.lsRemote();
    const { ref, unmatched } = matchTargetRevision(refs, revision);
    const sha = ref && refs.get(ref);
    if (ref && sha) {
      const outsideMirror = !ref.startsWith('refs/heads/') && !ref.startsWith('refs/tags/') && ref !== 'HEAD';
      await repo.ensureCommit(sha, { ...options, extraRefs: outsideMirror ? [ref] : [] });
      return sha;
    }
    const full = isShortSha(revision) ? await expandShortSha(repo, revision, options) : null;
    if (full) return full;
    throw repositoryError(
      'unknown-revision',
      operation,
      unmatched ?? 'no branch, tag or commit of that name',
    );
  }

  return {
    async resolveRevision(url, targetRevision, options = {}) {
      return resolveIn(await repository(url), targetRevision, options);
    },

    async checkout(url, sha, options = {}) {
      const repo = await repository(url);
      const commit = await resolveIn(repo, sha, options);
      const submodules = (await cacheOptions.submodules?.()) ?? true;
      const lfs = await gitLfsInstalled();
      // A tree made without submodules, or with LFS pointers for want of git-lfs, is another tree.
      const variant = `${submodules ? '' : '-no-submodules'}${lfs ? '' : '-no-lfs'}`;
      const submoduleLimits = cacheOptions.submoduleLimits ?? DEFAULT_SUBMODULE_LIMITS;
      return trees.get(`${repo.key}${variant}`, commit, (dir) =>
        extractCommit(
          repo,
          commit,
          dir,
          {
            repositoryFor: repository,
            submodules,
            lfs,
            submoduleLimits,
            ...(cacheOptions.lfsLimits ? { lfsLimits: cacheOptions.lfsLimits } : {}),
            ...(options.onProgress ? { onProgress: options.onProgress } : {}),
            indexPrefix: dir,
          },
          {
            submodulesLeft: submoduleLimits.maxCount,
            deadline: Date.now() + submoduleLimits.timeMs,
            indexes: 0,
          },
        ),
      );
    },

    async commitMetadata(url, sha, options = {}) {
      const repo = await repository(url);
      const commit = await resolveIn(repo, sha, options);
      const [metadata] = parseCommits(
        await repo.git(['show', '-s', '-z', COMMIT_FORMAT, commit], 'read commit of'),
      );
      if (!metadata)
        throw repositoryError('other', `read commit ${commit} of ${repo.url.display}`, 'git printed nothing');
      return metadata;
    },

    async log(url, branch, limit, options = {}) {
      const repo = await repository(url);
      const head = await resolveIn(repo, branch, options);
      const count = Math.max(1, Math.floor(limit));
      return parseCommits(
        await repo.git(['log', '-z', `--max-count=${count}`, COMMIT_FORMAT, head], 'read history of'),
      );
    },

    async lsRemote(url) {
      return (await repository(url)).lsRemote();
    },

    async headOf(url, revision) {
      const repo = await repository(url);
      const name = revision.trim() || 'HEAD';
      const problem = targetRevisionProblem(name);
      if (problem)
        throw repositoryError('unknown-revision', `look up "${name}" on ${repo.url.display}`, problem);
      if (isFullSha(name)) return name.toLowerCase();
      const refs = await repo.lsRemote();
      const { ref, unmatched } = matchTargetRevision(refs, name);
      const sha = ref && refs.get(ref);
      if (sha) return sha;
      // A short SHA never moves: expanding it costs a fetch at most once.
      const full = isShortSha(name) ? await expandShortSha(repo, name, {}) : null;
      if (full) return full;
      throw repositoryError(
        'unknown-revision',
        `look up "${name}" on ${repo.url.display}`,
        unmatched ?? 'no such ref or commit',
      );
    },

    async signedRevision(url, targetRevision, sha) {
      return signedRevision(await repository(url), targetRevision, sha);
    },

    async revertAndPush(url, branch, toSha, author, options = {}) {
      return revertAndPush(await repository(url), branch, toSha, author, options.onProgress);
    },
  };
}

/** The full SHA of a truncated one, fetching when the cache does not know it; null when no commit matches. */
async function expandShortSha(
  repo: CachedRepository,
  short: string,
  options: OperationOptions,
): Promise<string | null> {
  const expand = () =>
    repo.tryGit(['rev-parse', '--verify', '--end-of-options', `${short.toLowerCase()}^{commit}`]);
  await repo.ensure(async () => (await expand()) !== null, options);
  return (await expand())?.trim() ?? null;
}

async function connectionFor(options: RepositoryCacheOptions, url: ParsedRepoUrl): Promise<GitConnection> {
  const configured: GitConnection = options.connectionFor
    ? await options.connectionFor(url.normalized)
    : {
        credentials: options.secrets ? await findRepoCredentials(options.secrets, url.normalized) : null,
        settings: {},
      };
  // Credentials written in the URL are what this request asked for; they win over stored ones.
  if (url.embedded.username || url.embedded.password)
    return { ...configured, credentials: { ...configured.credentials, ...url.embedded } };
  return configured;
}

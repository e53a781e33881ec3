// One repository's cache: a bare repository under `<cacheDir>/repos/<hash of normalized url>`,
// filled by fetches on demand, one fetch at a time. Work is shared between the applications of a
// repository: one ref listing serves every request made while it runs, one check (and at most one
// fetch) serves every request for the same commit, and commits known to be present are remembered
// (git never loses a commit it fetched: fetches only add objects). Every git process waits for a
// slot of the engine's git limiter.
//
// Bare, because nothing ever works in it: renderers get extracted trees (treeStore), rollback
// commits are made with plumbing (no index, no merge). Mirror-ish, not `--mirror`: branches and
// tags land under their own names (`refs/heads/main` is the remote's main after a fetch) with
// --prune, but refs/pull/*, refs/changes/*, notes etc. are not copied — hosting services keep
// thousands of them.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { cleanEnvironment, openGitSession, type GitConnection, type GitSessionPlaces } from './gitSession.ts';
import type { Limiter } from '../limits/limiter.ts';
import type { KeyedQueue } from './keyedQueue.ts';
import { temporaryName } from './leftovers.ts';
import { parseLsRemote } from './refs.ts';
import { repositoryError } from './repositoryError.ts';
import { repoCacheKey, type ParsedRepoUrl } from './repoUrl.ts';
import { runGit, type ProgressListener } from './runGit.ts';

export interface RepositoryContext {
  places: GitSessionPlaces;
  reposDir: string;
  timeoutMs: number;
  /** One fetch (or push) at a time per repository. */
  queue: KeyedQueue;
  /** Git processes running at once, for all repositories. */
  processes: Limiter;
  /** Work under way, shared by everyone who asks while it runs (key: what is asked). */
  inFlight: Map<string, Promise<unknown>>;
  /** Counts the callers of work shared since asked (see sharedSinceAsked). */
  tickets: number;
  /** Commits each cache (by key) is known to hold. */
  knownCommits: Map<string, Set<string>>;
  connectionFor(url: ParsedRepoUrl): Promise<GitConnection>;
}

export interface FetchOptions {
  onProgress?: ProgressListener;
  /** Refs outside branches and tags to fetch as well (a `targetRevision: refs/pull/1/head`). */
  extraRefs?: readonly string[];
  /** `-c name=value` arguments placed before `fetch` (the protocols a submodule's fetch may use). */
  gitConfig?: readonly string[];
}

/** Prefix of caches being created; leftovers of a crash are swept by the cache's setup. */
export const INIT_PREFIX = 'init-';
const MIRROR_REFSPECS = ['+refs/heads/*:refs/heads/*', '+refs/tags/*:refs/tags/*'];

export class CachedRepository {
  readonly key: string;
  readonly dir: string;

  constructor(
    readonly url: ParsedRepoUrl,
    private readonly context: RepositoryContext,
  ) {
    this.key = repoCacheKey(url.normalized);
    this.dir = join(context.reposDir, this.key);
  }

  /** A git command on the cache alone: no network, no credentials. */
  git(args: readonly string[], operation: string, env: Record<string, string> = {}): Promise<string> {
    return this.context.processes.run(() =>
      runGit(args, {
        cwd: this.dir,
        env: { ...cleanEnvironment(this.context.places.homeDir), ...env },
        timeoutMs: this.context.timeoutMs,
        operation: `${operation} ${this.url.display}`,
      }),
    );
  }

  /** A git command that talks to the remote, with the repository's credentials for its duration. */
  async remote(
    args: readonly string[],
    operation: string,
    onProgress?: ProgressListener,
    env: Record<string, string> = {},
  ): Promise<string> {
    // Run inside the cache so that no repository around the cache directory lends its config.
    await this.init();
    const { credentials, settings } = await this.context.connectionFor(this.url);
    const session = await openGitSession(this.context.places, this.url.transport, credentials, settings);
    try {
      return await this.context.processes.run(() =>
        runGit(args, {
          cwd: this.dir,
          env: { ...session.env, ...env },
          timeoutMs: this.context.timeoutMs,
          operation: `${operation} ${this.url.display}`,
          secrets: session.secrets,
          ...(onProgress ? { onProgress } : {}),
        }),
      );
    } finally {
      await session.dispose();
    }
  }

  /** The remote's refs (ref → commit SHA), without fetching; a listing under way answers every caller. */
  lsRemote(): Promise<Map<string, string>> {
    return this.sharedSinceAsked('ls-remote', async () =>
      parseLsRemote(await this.remote(['ls-remote', '--', this.url.fetchUrl], 'list refs of')),
    );
  }

  async hasCommit(sha: string): Promise<boolean> {
    const known = this.context.knownCommits.get(this.key);
    if (known?.has(sha)) return true;
    const present = (await this.tryGit(['cat-file', '-e', '--end-of-options', `${sha}^{commit}`])) !== null;
    if (present) {
      if (known) known.add(sha);
      else this.context.knownCommits.set(this.key, new Set([sha]));
    }
    return present;
  }

  /** The output of a local git command, or null when git says no (unknown object, missing ref). */
  async tryGit(args: readonly string[]): Promise<string | null> {
    if (!existsSync(join(this.dir, 'HEAD'))) return null;
    return this.git(args, 'read').catch(() => null);
  }

  /**
   * Makes `satisfied` true by fetching, unless it already is. Concurrent callers queue up; each
   * checks again when its turn comes, so a burst of requests for one new commit causes one fetch.
   */
  async ensure(satisfied: () => Promise<boolean>, options: FetchOptions = {}): Promise<void> {
    if (await satisfied()) return;
    await this.exclusively(async () => {
      if (await satisfied()) return;
      const extra = (options.extraRefs ?? []).map((ref) => `+${ref}:${ref}`);
      const args = [
        ...(options.gitConfig ?? []),
        'fetch',
        '--prune',
        '--force',
        '--no-write-fetch-head',
        ...progressFlag(options.onProgress),
      ];
      await this.remote(
        [...args, '--', this.url.fetchUrl, ...MIRROR_REFSPECS, ...extra],
        'fetch',
        options.onProgress,
      );
    });
  }

  /**
   * Fetches when the commit is missing; fails with `unknown-revision` when the remote lacks it too.
   * Concurrent requests for one commit share one check and one fetch.
   */
  async ensureCommit(sha: string, options: FetchOptions = {}): Promise<void> {
    if (this.context.knownCommits.get(this.key)?.has(sha)) return;
    const extra = (options.extraRefs ?? []).join(' ');
    await this.shared(`commit ${sha} ${extra}`, async () => {
      await this.ensure(() => this.hasCommit(sha), options);
      if (!(await this.hasCommit(sha))) {
        throw repositoryError(
          'unknown-revision',
          `find commit ${sha} in ${this.url.display}`,
          'no such commit',
        );
      }
    });
  }

  /**
   * Runs `work` unless the same work for this repository is under way; then its outcome answers.
   * Requests with credentials written in the URL share only with the same credentials.
   */
  private shared<T>(what: string, work: () => Promise<T>): Promise<T> {
    const key = this.sharedKey(what);
    const running = this.context.inFlight.get(key) as Promise<T> | undefined;
    if (running) return running;
    const started = work().finally(() => this.context.inFlight.delete(key));
    this.context.inFlight.set(key, started);
    return started;
  }

  /**
   * Like shared, but the answer of work under way serves only those who asked before it
   * started; a later caller waits for it and shares the next run. A listing of refs that began
   * before a push would otherwise answer a refresh asked after the push with the old commit.
   */
  private async sharedSinceAsked<T>(what: string, work: () => Promise<T>): Promise<T> {
    const key = this.sharedKey(what);
    const ticket = ++this.context.tickets;
    for (;;) {
      const running = this.context.inFlight.get(key) as (Promise<T> & { covers?: number }) | undefined;
      if (!running) break;
      if ((running.covers ?? 0) >= ticket) return running;
      await running.catch(() => undefined);
    }
    const started = Object.assign(
      work().finally(() => this.context.inFlight.delete(key)),
      { covers: this.context.tickets },
    );
    this.context.inFlight.set(key, started);
    return started;
  }

  private sharedKey(what: string): string {
    return `${this.key}\n${this.url.embedded.username ?? ''}\n${this.url.embedded.password ?? ''}\n${what}`;
  }

  /** Runs work while no fetch or push of this repository runs. */
  exclusively<T>(work: () => Promise<T>): Promise<T> {
    return this.context.queue.run(this.key, work);
  }

  // Made under a temporary name and renamed, so a half-made cache never looks like a cache.
  private async init(): Promise<void> {
    if (existsSync(join(this.dir, 'HEAD'))) return;
    const staging = join(this.context.reposDir, `${temporaryName(INIT_PREFIX)}${randomUUID()}`);
    await this.context.processes.run(() =>
      runGit(['init', '--bare', '--quiet', staging], {
        cwd: this.context.reposDir,
        env: cleanEnvironment(this.context.places.homeDir),
        timeoutMs: this.context.timeoutMs,
        operation: `create cache of ${this.url.display}`,
      }),
    );
    try {
      await rename(staging, this.dir);
    } catch (error) {
      // Another caller made it first: theirs is as good as ours.
      await rm(staging, { recursive: true, force: true });
      if (!existsSync(join(this.dir, 'HEAD'))) throw error;
    }
  }
}

/** `--progress` when someone listens: git prints progress only to a terminal otherwise. */
export function progressFlag(onProgress: ProgressListener | undefined): string[] {
  return onProgress ? ['--progress'] : [];
}

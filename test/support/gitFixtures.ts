// Real repositories for the engine/git tests: a bare repository playing the remote, filled
// through a working clone the way a user pushes, plus a scratch directory for the cache.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll } from 'vitest';
import { createRepositoryCache, type RepositoryCache } from '../../engine/git/index.ts';

const execFileAsync = promisify(execFile);

export interface Scratch {
  root: string;
  cacheDir: string;
  remove(): Promise<void>;
}

export async function makeScratch(): Promise<Scratch> {
  const root = await mkdtemp(join(tmpdir(), 'plumbline-git-test-'));
  return { root, cacheDir: join(root, 'cache'), remove: () => rm(root, { recursive: true, force: true }) };
}

/** git of the test itself: its own identity, none of the machine's config. */
export async function git(cwd: string, ...args: string[]): Promise<string> {
  const { stdout } = await execFileAsync(
    'git',
    [
      '-c',
      'user.name=Test Author',
      '-c',
      'user.email=author@example.test',
      '-c',
      'init.defaultBranch=main',
      ...args,
    ],
    {
      cwd,
      timeout: 30_000,
      env: { PATH: process.env.PATH ?? '', HOME: cwd, GIT_CONFIG_NOSYSTEM: '1', LC_ALL: 'C' },
    },
  );
  return stdout.trim();
}

export interface Remote {
  /** Path of the bare repository. */
  bare: string;
  /** A working clone that pushes to it. */
  work: string;
  /** Writes the files, commits them in the working clone and returns the commit SHA (not pushed). */
  commit(files: Record<string, string>, message: string): Promise<string>;
  /** Pushes refs (`main`, `--tags`, `feature`…) of the working clone to the bare repository. */
  push(...refs: string[]): Promise<void>;
}

export async function makeRemote(parent: string, name = 'app.git'): Promise<Remote> {
  const bare = join(parent, name);
  const work = join(parent, `${name}-work`);
  await mkdir(bare, { recursive: true });
  await git(bare, 'init', '--bare', '--quiet');
  await git(parent, 'clone', '--quiet', bare, work);
  return {
    bare,
    work,
    async commit(files, message) {
      for (const [path, content] of Object.entries(files)) {
        await mkdir(dirname(join(work, path)), { recursive: true });
        await writeFile(join(work, path), content);
      }
      await git(work, 'add', '--all');
      await git(work, 'commit', '--quiet', '-m', message);
      return git(work, 'rev-parse', 'HEAD');
    },
    async push(...refs) {
      await git(work, 'push', '--quiet', 'origin', ...refs);
    },
  };
}

export interface History {
  remote: Remote;
  /** v1 (annotated tag) ← light (lightweight tag) ← feature branch tip; main moves on from `light`. */
  first: string;
  second: string;
  feature: string;
  main: string;
  /** The annotated tag object of v1 (not a commit). */
  v1TagObject: string;
}

/** A remote with two branches, an annotated and a lightweight tag, and a branch and tag sharing a name. */
export async function makeHistory(parent: string, name?: string): Promise<History> {
  const remote = await makeRemote(parent, name);
  const first = await remote.commit({ 'app/deploy.yaml': 'replicas: 1\n', 'README.md': 'app\n' }, 'first');
  await git(remote.work, 'tag', '-a', 'v1', '-m', 'release v1');
  const second = await remote.commit({ 'app/deploy.yaml': 'replicas: 2\n' }, 'second');
  await git(remote.work, 'tag', 'light');
  await git(remote.work, 'checkout', '--quiet', '-b', 'feature');
  const feature = await remote.commit({ 'app/feature.yaml': 'on: true\n' }, 'feature work');
  await git(remote.work, 'checkout', '--quiet', 'main');
  const main = await remote.commit({ 'app/deploy.yaml': 'replicas: 3\n' }, 'third\n\nwith a body line');
  // A tag named like a branch: Argo CD resolves the branch.
  await git(remote.work, 'tag', 'feature', first);
  await remote.push('refs/heads/main', 'refs/heads/feature', '--tags');
  const v1TagObject = await git(remote.bare, 'rev-parse', 'refs/tags/v1');
  return { remote, first, second, feature, main, v1TagObject };
}

export interface HistoryAndCache {
  scratch: Scratch;
  history: History;
  cache: RepositoryCache;
}

/** For a test file: a scratch folder with a remote's history and a repository cache, removed after. */
export function useHistoryAndCache(): HistoryAndCache {
  const repo = {} as HistoryAndCache;
  beforeAll(async () => {
    repo.scratch = await makeScratch();
    repo.history = await makeHistory(repo.scratch.root);
    repo.cache = createRepositoryCache({ cacheDir: repo.scratch.cacheDir });
  });
  afterAll(() => repo.scratch.remove());
  return repo;
}

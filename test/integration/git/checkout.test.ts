// The files of a commit for renderers, and the history the rollback view shows.
import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositoryCache, type RepositoryCache } from '../../../engine/git/index.ts';
import { makeHistory, makeScratch, type History, type Scratch } from '../../support/gitFixtures.ts';

let scratch: Scratch;
let history: History;
let cache: RepositoryCache;

beforeAll(async () => {
  scratch = await makeScratch();
  history = await makeHistory(scratch.root);
  cache = createRepositoryCache({ cacheDir: scratch.cacheDir });
});
afterAll(() => scratch.remove());

describe('checkout', () => {
  it('extracts the files of the commit, without a .git, outside the clone', async () => {
    const dir = await cache.checkout(history.remote.bare, history.first);
    expect((await readdir(dir)).sort()).toEqual(['README.md', 'app']);
    expect(await readFile(join(dir, 'app/deploy.yaml'), 'utf8')).toBe('replicas: 1\n');
    const feature = await cache.checkout(history.remote.bare, history.feature);
    expect(await readFile(join(feature, 'app/feature.yaml'), 'utf8')).toBe('on: true\n');
    expect(await readFile(join(feature, 'app/deploy.yaml'), 'utf8')).toBe('replicas: 2\n');
  });

  it('hands out the same directory for the same commit, also when asked at once', async () => {
    const [a, b] = await Promise.all([
      cache.checkout(history.remote.bare, history.second),
      cache.checkout(history.remote.bare, history.second),
    ]);
    expect(a).toBe(b);
    expect(await cache.checkout(history.remote.bare, 'light')).toBe(a);
  });

  it('keeps at most maxTrees trees, removing the least recently used', async () => {
    const bounded = createRepositoryCache({
      cacheDir: join(scratch.root, 'bounded'),
      maxTrees: 2,
      treeGraceMs: 0,
    });
    const url = history.remote.bare;
    const first = await bounded.checkout(url, history.first);
    const second = await bounded.checkout(url, history.second);
    await bounded.checkout(url, history.first);
    const main = await bounded.checkout(url, history.main);
    expect(existsSync(second)).toBe(false);
    expect(existsSync(first)).toBe(true);
    expect(existsSync(main)).toBe(true);
  });

  it('never removes a tree handed out within the grace time', async () => {
    const bounded = createRepositoryCache({
      cacheDir: join(scratch.root, 'grace'),
      maxTrees: 1,
      treeGraceMs: 60_000,
    });
    const dirs = [];
    for (const sha of [history.first, history.second, history.main])
      dirs.push(await bounded.checkout(history.remote.bare, sha));
    expect(dirs.every((dir) => existsSync(dir))).toBe(true);
  });

  it('remembers trees across restarts', async () => {
    const cacheDir = join(scratch.root, 'restart');
    const before = await createRepositoryCache({ cacheDir }).checkout(history.remote.bare, history.first);
    const again = createRepositoryCache({ cacheDir, maxTrees: 1, treeGraceMs: 0 });
    expect(await again.checkout(history.remote.bare, history.first)).toBe(before);
    await again.checkout(history.remote.bare, history.second);
    expect(existsSync(before)).toBe(false);
  });
});

describe('history', () => {
  it('reads the metadata of a commit', async () => {
    const commit = await cache.commitMetadata(history.remote.bare, history.main);
    expect(commit).toMatchObject({
      sha: history.main,
      author: 'Test Author',
      email: 'author@example.test',
      message: 'third\n\nwith a body line',
    });
    expect(Number.isNaN(Date.parse(commit.date))).toBe(false);
  });

  it('lists the newest commits of a branch, newest first, up to the limit', async () => {
    const log = await cache.log(history.remote.bare, 'main', 2);
    expect(log.map((commit) => commit.sha)).toEqual([history.main, history.second]);
    const all = await cache.log(history.remote.bare, 'feature', 50);
    expect(all.map((commit) => commit.message)).toEqual(['feature work', 'second', 'first']);
  });
});

// The files of a commit for renderers, and the history the rollback view shows.
import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRepositoryCache } from '../../../engine/git/index.ts';
import { useHistoryAndCache } from '../../support/gitFixtures.ts';

const repo = useHistoryAndCache();

describe('checkout', () => {
  it('extracts the files of the commit, without a .git, outside the clone', async () => {
    const dir = await repo.cache.checkout(repo.history.remote.bare, repo.history.first);
    expect((await readdir(dir)).sort()).toEqual(['README.md', 'app']);
    expect(await readFile(join(dir, 'app/deploy.yaml'), 'utf8')).toBe('replicas: 1\n');
    const feature = await repo.cache.checkout(repo.history.remote.bare, repo.history.feature);
    expect(await readFile(join(feature, 'app/feature.yaml'), 'utf8')).toBe('on: true\n');
    expect(await readFile(join(feature, 'app/deploy.yaml'), 'utf8')).toBe('replicas: 2\n');
  });

  it('hands out the same directory for the same commit, also when asked at once', async () => {
    const [a, b] = await Promise.all([
      repo.cache.checkout(repo.history.remote.bare, repo.history.second),
      repo.cache.checkout(repo.history.remote.bare, repo.history.second),
    ]);
    expect(a).toBe(b);
    expect(await repo.cache.checkout(repo.history.remote.bare, 'light')).toBe(a);
  });

  it('keeps at most maxTrees trees, removing the least recently used', async () => {
    const bounded = createRepositoryCache({
      cacheDir: join(repo.scratch.root, 'bounded'),
      maxTrees: 2,
      treeGraceMs: 0,
    });
    const url = repo.history.remote.bare;
    const first = await bounded.checkout(url, repo.history.first);
    const second = await bounded.checkout(url, repo.history.second);
    await bounded.checkout(url, repo.history.first);
    const main = await bounded.checkout(url, repo.history.main);
    expect(existsSync(second)).toBe(false);
    expect(existsSync(first)).toBe(true);
    expect(existsSync(main)).toBe(true);
  });

  it('never removes a tree handed out within the grace time', async () => {
    const bounded = createRepositoryCache({
      cacheDir: join(repo.scratch.root, 'grace'),
      maxTrees: 1,
      treeGraceMs: 60_000,
    });
    const dirs = [];
    for (const sha of [repo.history.first, repo.history.second, repo.history.main])
      dirs.push(await bounded.checkout(repo.history.remote.bare, sha));
    expect(dirs.every((dir) => existsSync(dir))).toBe(true);
  });

  it('remembers trees across restarts', async () => {
    const cacheDir = join(repo.scratch.root, 'restart');
    const before = await createRepositoryCache({ cacheDir }).checkout(
      repo.history.remote.bare,
      repo.history.first,
    );
    const again = createRepositoryCache({ cacheDir, maxTrees: 1, treeGraceMs: 0 });
    expect(await again.checkout(repo.history.remote.bare, repo.history.first)).toBe(before);
    await again.checkout(repo.history.remote.bare, repo.history.second);
    expect(existsSync(before)).toBe(false);
  });
});

describe('history', () => {
  it('reads the metadata of a commit', async () => {
    const commit = await repo.cache.commitMetadata(repo.history.remote.bare, repo.history.main);
    expect(commit).toMatchObject({
      sha: repo.history.main,
      author: 'Test Author',
      email: 'author@example.test',
      message: 'third\n\nwith a body line',
    });
    expect(Number.isNaN(Date.parse(commit.date))).toBe(false);
  });

  it('lists the newest commits of a branch, newest first, up to the limit', async () => {
    const log = await repo.cache.log(repo.history.remote.bare, 'main', 2);
    expect(log.map((commit) => commit.sha)).toEqual([repo.history.main, repo.history.second]);
    const all = await repo.cache.log(repo.history.remote.bare, 'feature', 50);
    expect(all.map((commit) => commit.message)).toEqual(['feature work', 'second', 'first']);
  });
});

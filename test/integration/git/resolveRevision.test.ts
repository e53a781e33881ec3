// Revision resolution against real bare repositories on disk, reached as a plain path and as a
// file:// URL (the offline and air-gapped case).
import { rename } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositoryCache, type RepositoryCache } from '../../../engine/git/index.ts';
import { git, makeHistory, makeScratch, type History, type Scratch } from '../../support/gitFixtures.ts';
import { repositoryFailure } from '../../support/repositoryFailure.ts';

let scratch: Scratch;
let history: History;
let cache: RepositoryCache;

beforeAll(async () => {
  scratch = await makeScratch();
  history = await makeHistory(scratch.root);
  cache = createRepositoryCache({ cacheDir: scratch.cacheDir });
});
afterAll(() => scratch.remove());

describe('resolveRevision', () => {
  it('resolves branches, HEAD and the empty revision', async () => {
    const url = history.remote.bare;
    expect(await cache.resolveRevision(url, 'main')).toBe(history.main);
    expect(await cache.resolveRevision(url, 'refs/heads/main')).toBe(history.main);
    expect(await cache.resolveRevision(url, 'HEAD')).toBe(history.main);
    expect(await cache.resolveRevision(url, '')).toBe(history.main);
  });

  it('peels an annotated tag to its commit and resolves a lightweight tag', async () => {
    const url = history.remote.bare;
    expect(history.v1TagObject).not.toBe(history.first);
    expect(await cache.resolveRevision(url, 'v1')).toBe(history.first);
    expect(await cache.resolveRevision(url, 'refs/tags/v1')).toBe(history.first);
    expect(await cache.resolveRevision(url, 'light')).toBe(history.second);
  });

  it('prefers the branch when a tag has the same name, as Argo CD does', async () => {
    expect(await cache.resolveRevision(history.remote.bare, 'feature')).toBe(history.feature);
    expect(await cache.resolveRevision(history.remote.bare, 'refs/tags/feature')).toBe(history.first);
  });

  it('resolves full and short SHAs, in any case', async () => {
    const url = history.remote.bare;
    expect(await cache.resolveRevision(url, history.second)).toBe(history.second);
    expect(await cache.resolveRevision(url, history.second.toUpperCase())).toBe(history.second);
    expect(await cache.resolveRevision(url, history.feature.slice(0, 7))).toBe(history.feature);
  });

  it('works the same through a file:// URL, sharing the cache of the plain path', async () => {
    const fileUrl = pathToFileURL(history.remote.bare).href;
    expect(await cache.resolveRevision(fileUrl, 'v1')).toBe(history.first);
    expect(await cache.headOf(`${fileUrl}/`, 'main')).toBe(history.main);
  });

  it('reports an unknown revision as a condition-ready error', async () => {
    const error = await repositoryFailure(cache.resolveRevision(history.remote.bare, 'no-such-branch'));
    expect(error.kind).toBe('unknown-revision');
    expect(error.message).toContain('"no-such-branch"');
    expect(error.message).toContain(history.remote.bare);
    const missingSha = await repositoryFailure(cache.resolveRevision(history.remote.bare, 'f'.repeat(40)));
    expect(missingSha.kind).toBe('unknown-revision');
  });

  it('refuses a revision that git would read as an option', async () => {
    const error = await repositoryFailure(
      cache.resolveRevision(history.remote.bare, '--upload-pack=touch x'),
    );
    expect(error.kind).toBe('unknown-revision');
  });

  it('reports a missing repository as unreachable', async () => {
    const error = await repositoryFailure(cache.resolveRevision(join(scratch.root, 'absent.git'), 'main'));
    expect(error.kind).toBe('unreachable');
    expect(error.toJSON()).toEqual({ kind: 'unreachable', message: error.message });
  });
});

describe('change detection', () => {
  it('sees a pushed commit with lsRemote and resolves it after a fetch', async () => {
    const url = history.remote.bare;
    expect(await cache.resolveRevision(url, 'main')).toBe(history.main);
    const next = await history.remote.commit({ 'app/extra.yaml': 'x: 1\n' }, 'pushed later');
    await history.remote.push('main');

    const refs = await cache.lsRemote(url);
    expect(refs.get('refs/heads/main')).toBe(next);
    expect(refs.get('refs/tags/v1')).toBe(history.first);
    expect(refs.has('refs/tags/v1^{}')).toBe(false);
    expect(await cache.headOf(url, 'main')).toBe(next);
    expect(await cache.resolveRevision(url, 'main')).toBe(next);
    expect((await cache.commitMetadata(url, next)).message).toBe('pushed later');
  });

  it('needs no remote for a commit already in the cache', async () => {
    const scratchRemote = await makeScratch();
    try {
      const own = await makeHistory(scratchRemote.root, 'gone.git');
      await cache.resolveRevision(own.remote.bare, 'main');
      await rename(own.remote.bare, `${own.remote.bare}-moved`);
      expect(await cache.resolveRevision(own.remote.bare, own.second)).toBe(own.second);
      const error = await repositoryFailure(cache.resolveRevision(own.remote.bare, 'main'));
      expect(error.kind).toBe('unreachable');
    } finally {
      await scratchRemote.remove();
    }
  });

  it('fetches a ref outside branches and tags when a revision names it', async () => {
    const url = history.remote.bare;
    const review = await history.remote.commit({ 'app/review.yaml': 'r: 1\n' }, 'under review');
    await git(history.remote.work, 'push', '--quiet', 'origin', `${review}:refs/pull/7/head`);
    await git(history.remote.work, 'reset', '--quiet', '--hard', 'HEAD~1');
    expect(await cache.resolveRevision(url, 'refs/pull/7/head')).toBe(review);
    expect(await cache.resolveRevision(url, review.slice(0, 10))).toBe(review);
  });
});

// Revision resolution against real bare repositories on disk, reached as a plain path and as a
// file:// URL (the offline and air-gapped case).
import { rename } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { git, makeHistory, makeScratch, useHistoryAndCache } from '../../support/gitFixtures.ts';
import { repositoryFailure } from '../../support/repositoryFailure.ts';

const repo = useHistoryAndCache();

describe('resolveRevision', () => {
  it('resolves branches, HEAD and the empty revision', async () => {
    const url = repo.history.remote.bare;
    expect(await repo.cache.resolveRevision(url, 'main')).toBe(repo.history.main);
    expect(await repo.cache.resolveRevision(url, 'refs/heads/main')).toBe(repo.history.main);
    expect(await repo.cache.resolveRevision(url, 'HEAD')).toBe(repo.history.main);
    expect(await repo.cache.resolveRevision(url, '')).toBe(repo.history.main);
  });

  it('peels an annotated tag to its commit and resolves a lightweight tag', async () => {
    const url = repo.history.remote.bare;
    expect(repo.history.v1TagObject).not.toBe(repo.history.first);
    expect(await repo.cache.resolveRevision(url, 'v1')).toBe(repo.history.first);
    expect(await repo.cache.resolveRevision(url, 'refs/tags/v1')).toBe(repo.history.first);
    expect(await repo.cache.resolveRevision(url, 'light')).toBe(repo.history.second);
  });

  it('prefers the branch when a tag has the same name, as Argo CD does', async () => {
    expect(await repo.cache.resolveRevision(repo.history.remote.bare, 'feature')).toBe(repo.history.feature);
    expect(await repo.cache.resolveRevision(repo.history.remote.bare, 'refs/tags/feature')).toBe(
      repo.history.first,
    );
  });

  it('resolves full and short SHAs, in any case', async () => {
    const url = repo.history.remote.bare;
    expect(await repo.cache.resolveRevision(url, repo.history.second)).toBe(repo.history.second);
    expect(await repo.cache.resolveRevision(url, repo.history.second.toUpperCase())).toBe(
      repo.history.second,
    );
    expect(await repo.cache.resolveRevision(url, repo.history.feature.slice(0, 7))).toBe(
      repo.history.feature,
    );
  });

  it('works the same through a file:// URL, sharing the cache of the plain path', async () => {
    const fileUrl = pathToFileURL(repo.history.remote.bare).href;
    expect(await repo.cache.resolveRevision(fileUrl, 'v1')).toBe(repo.history.first);
    expect(await repo.cache.headOf(`${fileUrl}/`, 'main')).toBe(repo.history.main);
  });

  it('reports an unknown revision as a condition-ready error', async () => {
    const error = await repositoryFailure(
      repo.cache.resolveRevision(repo.history.remote.bare, 'no-such-branch'),
    );
    expect(error.kind).toBe('unknown-revision');
    expect(error.message).toContain('"no-such-branch"');
    expect(error.message).toContain(repo.history.remote.bare);
    const missingSha = await repositoryFailure(
      repo.cache.resolveRevision(repo.history.remote.bare, 'f'.repeat(40)),
    );
    expect(missingSha.kind).toBe('unknown-revision');
  });

  it('refuses a revision that git would read as an option', async () => {
    const error = await repositoryFailure(
      repo.cache.resolveRevision(repo.history.remote.bare, '--upload-pack=touch x'),
    );
    expect(error.kind).toBe('unknown-revision');
  });

  it('reports a missing repository as unreachable', async () => {
    const error = await repositoryFailure(
      repo.cache.resolveRevision(join(repo.scratch.root, 'absent.git'), 'main'),
    );
    expect(error.kind).toBe('unreachable');
    expect(error.toJSON()).toEqual({ kind: 'unreachable', message: error.message });
  });
});

describe('change detection', () => {
  it('sees a pushed commit with lsRemote and resolves it after a fetch', async () => {
    const url = repo.history.remote.bare;
    expect(await repo.cache.resolveRevision(url, 'main')).toBe(repo.history.main);
    const next = await repo.history.remote.commit({ 'app/extra.yaml': 'x: 1\n' }, 'pushed later');
    await repo.history.remote.push('main');

    const refs = await repo.cache.lsRemote(url);
    expect(refs.get('refs/heads/main')).toBe(next);
    expect(refs.get('refs/tags/v1')).toBe(repo.history.first);
    expect(refs.has('refs/tags/v1^{}')).toBe(false);
    expect(await repo.cache.headOf(url, 'main')).toBe(next);
    expect(await repo.cache.resolveRevision(url, 'main')).toBe(next);
    expect((await repo.cache.commitMetadata(url, next)).message).toBe('pushed later');
  });

  it('needs no remote for a commit already in the cache', async () => {
    const scratchRemote = await makeScratch();
    try {
      const own = await makeHistory(scratchRemote.root, 'gone.git');
      await repo.cache.resolveRevision(own.remote.bare, 'main');
      await rename(own.remote.bare, `${own.remote.bare}-moved`);
      expect(await repo.cache.resolveRevision(own.remote.bare, own.second)).toBe(own.second);
      const error = await repositoryFailure(repo.cache.resolveRevision(own.remote.bare, 'main'));
      expect(error.kind).toBe('unreachable');
    } finally {
      await scratchRemote.remove();
    }
  });

  it('fetches a ref outside branches and tags when a revision names it', async () => {
    const url = repo.history.remote.bare;
    const review = await repo.history.remote.commit({ 'app/review.yaml': 'r: 1\n' }, 'under review');
    await git(repo.history.remote.work, 'push', '--quiet', 'origin', `${review}:refs/pull/7/head`);
    await git(repo.history.remote.work, 'reset', '--quiet', '--hard', 'HEAD~1');
    expect(await repo.cache.resolveRevision(url, 'refs/pull/7/head')).toBe(review);
    expect(await repo.cache.resolveRevision(url, review.slice(0, 10))).toBe(review);
  });
});

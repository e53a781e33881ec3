// One-click rollback as a git change: one commit restoring an old tree, pushed without force —
// across a merge in the history, refused when the branch moved, when the remote declines, or
// when pushing needs credentials Plumbline does not have.
import { chmod, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createRepositoryCache, type RepositoryCache } from '../../../engine/git/index.ts';
import { git, makeHistory, makeScratch, type History, type Scratch } from '../../support/gitFixtures.ts';
import { startHttpGitServer } from '../../support/httpGitServer.ts';
import { repositoryFailure } from '../../support/repositoryFailure.ts';

const author = { authorName: 'Plumbline User', authorEmail: 'user@example.test' };
let scratch: Scratch;
let history: History;
let cache: RepositoryCache;
let repoCount = 0;

beforeAll(async () => {
  scratch = await makeScratch();
  cache = createRepositoryCache({ cacheDir: scratch.cacheDir });
});
beforeEach(async () => {
  repoCount += 1;
  history = await makeHistory(scratch.root, `rollback-${repoCount}.git`);
});
afterAll(() => scratch.remove());

const treeOf = (repo: string, rev: string) => git(repo, 'rev-parse', `${rev}^{tree}`);

describe('revertAndPush', () => {
  it('pushes one commit whose tree is the old tree, across a merge, on top of the branch', async () => {
    const { remote } = history;
    await git(remote.work, 'checkout', '--quiet', '-b', 'side', history.second);
    await remote.commit({ 'app/side.yaml': 's: 1\n' }, 'side change');
    await git(remote.work, 'checkout', '--quiet', 'main');
    await git(remote.work, 'merge', '--quiet', '--no-ff', '-m', 'merge side', 'side');
    const head = await remote.commit({ 'app/deploy.yaml': 'replicas: 9\n' }, 'after the merge');
    await remote.push('refs/heads/main');

    const rollback = await cache.revertAndPush(remote.bare, 'main', history.second, author);

    expect(await git(remote.bare, 'rev-parse', 'refs/heads/main')).toBe(rollback);
    expect(await treeOf(remote.bare, rollback)).toBe(await treeOf(remote.bare, history.second));
    expect(await git(remote.bare, 'rev-list', '--parents', '-n', '1', rollback)).toBe(`${rollback} ${head}`);
    const metadata = await cache.commitMetadata(remote.bare, rollback);
    expect(metadata).toMatchObject({ author: author.authorName, email: author.authorEmail });
    expect(metadata.message).toContain(`Roll back main to ${history.second.slice(0, 12)}`);
    // The cache knows the new head without fetching, and the rollback is what main resolves to.
    expect(await cache.resolveRevision(remote.bare, 'main')).toBe(rollback);
  });

  it('uses the given message, and adds nothing when the tree is already the old one', async () => {
    const first = await cache.revertAndPush(history.remote.bare, 'main', history.first, {
      ...author,
      message: 'Back to v1',
    });
    expect((await cache.commitMetadata(history.remote.bare, first)).message).toBe('Back to v1');
    expect(await cache.revertAndPush(history.remote.bare, 'main', history.first, author)).toBe(first);
    expect(await git(history.remote.bare, 'rev-parse', 'refs/heads/main')).toBe(first);
  });

  it('refuses with `rejected` when the branch moved since the last fetch, leaving the remote as it is', async () => {
    const { remote } = history;
    expect(await cache.resolveRevision(remote.bare, 'main')).toBe(history.main);
    const moved = await remote.commit({ 'app/hotfix.yaml': 'h: 1\n' }, 'hotfix pushed meanwhile');
    await remote.push('refs/heads/main');

    const error = await repositoryFailure(cache.revertAndPush(remote.bare, 'main', history.first, author));
    expect(error.kind).toBe('rejected');
    expect(error.message).toContain('main moved on the remote since Plumbline last fetched it');
    expect(error.message).toContain('[rejected]');
    expect(await git(remote.bare, 'rev-parse', 'refs/heads/main')).toBe(moved);
  });

  it('refuses with `rejected` when the remote declines the push', async () => {
    const hook = join(history.remote.bare, 'hooks', 'pre-receive');
    await writeFile(hook, '#!/bin/sh\necho "main is protected" >&2\nexit 1\n');
    await chmod(hook, 0o755);
    const error = await repositoryFailure(
      cache.revertAndPush(history.remote.bare, 'main', history.first, author),
    );
    expect(error.kind).toBe('rejected');
    expect(error.message).toContain('main is protected');
    expect(await git(history.remote.bare, 'rev-parse', 'refs/heads/main')).toBe(history.main);
  });

  it('refuses a commit outside the branch history and an unusable branch name', async () => {
    const outside = await repositoryFailure(
      cache.revertAndPush(history.remote.bare, 'main', history.feature, author),
    );
    expect(outside.kind).toBe('unknown-revision');
    expect(outside.message).toContain('is not in the history of main');
    const badBranch = await repositoryFailure(
      cache.revertAndPush(history.remote.bare, '--force', history.first, author),
    );
    expect(badBranch.kind).toBe('other');
    const noBranch = await repositoryFailure(
      cache.revertAndPush(history.remote.bare, 'gone', history.first, author),
    );
    expect(noBranch.kind).toBe('unknown-revision');
  });

  it('refuses with `auth` when the remote wants credentials to push', async () => {
    const server = await startHttpGitServer({
      projectRoot: scratch.root,
      username: 'pusher',
      password: 'push-secret',
      protect: 'push',
    });
    try {
      const url = server.url(`rollback-${repoCount}.git`);
      const error = await repositoryFailure(cache.revertAndPush(url, 'main', history.first, author));
      expect(error.kind).toBe('auth');
      expect(await git(history.remote.bare, 'rev-parse', 'refs/heads/main')).toBe(history.main);
    } finally {
      await server.close();
    }
  });
});

// Semver constraints as targetRevision against a real repository's tags (annotated and
// lightweight, with and without `v`): the highest matching tag's commit wins, a new tag moves
// the revision, a constraint matching no tag is a clear unknown-revision.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositoryCache, type RepositoryCache } from '../../../engine/git/index.ts';
import { git, makeRemote, makeScratch, type Remote, type Scratch } from '../../support/gitFixtures.ts';
import { repositoryFailure } from '../../support/repositoryFailure.ts';

let scratch: Scratch;
let remote: Remote;
let cache: RepositoryCache;
const commits: Record<string, string> = {};

beforeAll(async () => {
  scratch = await makeScratch();
  remote = await makeRemote(scratch.root);
  const tag = async (name: string, annotated: boolean) => {
    commits[name] = await remote.commit({ 'app/version.yaml': `version: ${name}\n` }, `release ${name}`);
    await git(remote.work, 'tag', ...(annotated ? ['-a', '-m', `release ${name}`] : []), name);
  };
  await tag('v1.0.0', true);
  await tag('1.1.0', false);
  await tag('v1.2.3', true);
  await tag('v1.3.0-rc.1', true);
  await tag('v2.0.0', false);
  await tag('not-a-version', false);
  commits.main = await remote.commit({ 'app/version.yaml': 'version: main\n' }, 'after the releases');
  // a branch whose name reads as a constraint no tag matches: Argo CD falls back to the branch
  await git(remote.work, 'branch', '5.x');
  await remote.push('refs/heads/main', 'refs/heads/5.x', '--tags');
  cache = createRepositoryCache({ cacheDir: scratch.cacheDir });
});
afterAll(() => scratch.remove());

describe('semver constraints in targetRevision', () => {
  it.each([
    ['1.*', 'v1.2.3'],
    ['v1.*', 'v1.2.3'],
    ['>=1.0 <2.0', 'v1.2.3'],
    ['>=1.0, <2.0', 'v1.2.3'],
    ['^1.1', 'v1.2.3'],
    ['~1.1.0', '1.1.0'],
    ['1.0 - 1.1', '1.1.0'],
    ['*', 'v2.0.0'],
    ['>=1.3.0-rc.0 <2.0.0', 'v1.3.0-rc.1'],
    ['<1.0 || ^2', 'v2.0.0'],
  ])('%s resolves to the commit of %s', async (constraint, tag) => {
    expect(await cache.resolveRevision(remote.bare, constraint)).toBe(commits[tag]);
    expect(await cache.headOf(remote.bare, constraint)).toBe(commits[tag]);
  });

  it('a version written exactly is a tag name, not a constraint', async () => {
    expect(await cache.resolveRevision(remote.bare, 'v1.2.3')).toBe(commits['v1.2.3']);
    const error = await repositoryFailure(cache.resolveRevision(remote.bare, '1.2.3'));
    expect(error.kind).toBe('unknown-revision');
  });

  it('a constraint no tag matches is a clear unknown revision; a branch of that name still resolves', async () => {
    const error = await repositoryFailure(cache.resolveRevision(remote.bare, '^3'));
    expect(error.kind).toBe('unknown-revision');
    expect(error.message).toContain('no tag matches the semver constraint "^3"');
    expect(await cache.resolveRevision(remote.bare, '5.x')).toBe(commits.main);
  });

  it('a new matching tag moves the revision (change detection sees it)', async () => {
    const next = await remote.commit({ 'app/version.yaml': 'version: 1.4.0\n' }, 'release 1.4.0');
    await git(remote.work, 'tag', '-a', '-m', 'release', 'v1.4.0');
    await remote.push('refs/heads/main', '--tags');
    expect(await cache.headOf(remote.bare, '^1.0')).toBe(next);
    expect(await cache.resolveRevision(remote.bare, '^1.0')).toBe(next);
    expect(await cache.resolveRevision(remote.bare, '~1.2')).toBe(commits['v1.2.3']);
  });

  it('a checkout of a constraint is the files of the resolved commit', async () => {
    const sha = await cache.resolveRevision(remote.bare, '~1.2');
    const dir = await cache.checkout(remote.bare, sha);
    const { readFile } = await import('node:fs/promises');
    expect(await readFile(`${dir}/app/version.yaml`, 'utf8')).toBe('version: v1.2.3\n');
  });
});

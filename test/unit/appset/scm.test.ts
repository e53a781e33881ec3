// The pieces of the SCM generators that need no server: gosimple/slug as Argo CD configures it,
// Go regexps (RE2, matched anywhere), API path segments, and the filter order of Argo CD's
// ListRepos (repository filters before branches are read, branch filters after).
import { describe, expect, it } from 'vitest';
import { apiPath } from '../../../engine/appset/scm/api.ts';
import { listRepositories, pullRequestFilter } from '../../../engine/appset/scm/filters.ts';
import { goRegexp } from '../../../engine/appset/scm/goRegexp.ts';
import { slugOf } from '../../../engine/appset/scm/slug.ts';
import type { PullRequest, ScmProviderService, ScmRepository } from '../../../engine/appset/scm/types.ts';

describe('slugOf (gosimple/slug, MaxLength 50, _ as -)', () => {
  it.each([
    ['feature/add-login', 'feature-add-login'],
    ['Feature_Branch', 'feature-branch'],
    ['  fix: crash & burn @home  ', 'fix-crash-and-burn-athome'],
    ['release/2.0', 'release-2-0'],
    ['Été', 'ete'],
    ['--x--', 'x'],
    // over 50: cut at the last dash within the first 51 characters
    [
      'a-very-long-branch-name-that-goes-on-and-on-and-on-for-ever',
      'a-very-long-branch-name-that-goes-on-and-on-and-on',
    ],
    ['x'.repeat(60), 'x'.repeat(50)],
  ])('%s → %s', (branch, slug) => {
    expect(slugOf(branch)).toBe(slug);
  });
});

describe('goRegexp', () => {
  it('matches anywhere, as Go MatchString, with Go flags', () => {
    expect(goRegexp('svc', 'RepositoryMatch')('my-svc-a')).toBe(true);
    expect(goRegexp('^svc', 'RepositoryMatch')('my-svc-a')).toBe(false);
    expect(goRegexp('(?i)^FEAT', 'BranchMatch')('feature/x')).toBe(true);
    expect(goRegexp('^\\p{Greek}+$', 'TitleMatch')('αβγ')).toBe(true);
  });
  it('refuses what Go refuses, and non-strings', () => {
    expect(() => goRegexp('(?<=a)b', 'LabelMatch')).toThrow(/error compiling LabelMatch regexp/);
    expect(() => goRegexp(3, 'LabelMatch')).toThrow(/LabelMatch is not a string/);
    expect(() => goRegexp('a'.repeat(5000), 'LabelMatch')).toThrow(/longer than 4096/);
  });
});

describe('apiPath', () => {
  it('encodes each segment and refuses the ones a URL resolves away', () => {
    expect(apiPath('repos', 'team', 'a/b', 'branches', 'feature/x')).toBe(
      'repos/team/a%2Fb/branches/feature%2Fx',
    );
    for (const bad of ['', '.', '..', '%2E', '%2e%2E'])
      expect(() => apiPath('repos', bad)).toThrow(/is not a name an API path can hold/);
  });
});

function fakeProvider(repos: ScmRepository[], branches: Record<string, string[]>, paths: string[]) {
  const calls: string[] = [];
  const provider: ScmProviderService = {
    listRepos: async () => repos,
    branches: async (repo) => {
      calls.push(`branches ${repo.repository}`);
      return (branches[repo.repository] ?? []).map((branch) => ({ ...repo, branch, sha: `${branch}-sha` }));
    },
    hasPath: async (repo, path) => {
      calls.push(`path ${repo.repository}@${repo.branch}:${path}`);
      return paths.includes(`${repo.repository}@${repo.branch}:${path}`);
    },
  };
  return { provider, calls };
}

const repo = (name: string, labels: string[] = []): ScmRepository => ({
  organization: 'o',
  repository: name,
  url: `u/${name}`,
  branch: 'main',
  sha: '',
  labels,
  repositoryId: 1,
});

describe('listRepositories (Argo CD ListRepos)', () => {
  it('reads branches only of repositories a repository filter kept, then applies branch filters', async () => {
    const { provider, calls } = fakeProvider(
      [repo('svc-a', ['prod']), repo('svc-b'), repo('tools')],
      { 'svc-a': ['main', 'dev'], 'svc-b': ['main'] },
      ['svc-a@main:deploy'],
    );
    const found = await listRepositories(
      provider,
      [{ repositoryMatch: '^svc' }, { pathsExist: ['deploy/'] }],
      '',
    );
    expect(found.map((r) => `${r.repository}@${r.branch}`)).toEqual(['svc-a@main']);
    expect(calls).toEqual([
      'branches svc-a',
      'branches svc-b',
      'path svc-a@main:deploy',
      'path svc-a@dev:deploy',
      'path svc-b@main:deploy',
    ]);
  });
  it('lets a filter keep a repository only when all its conditions hold', async () => {
    const { provider } = fakeProvider(
      [repo('svc-a', ['prod']), repo('svc-b', ['dev'])],
      { 'svc-a': ['main'], 'svc-b': ['main'] },
      [],
    );
    const found = await listRepositories(provider, [{ repositoryMatch: 'svc', labelMatch: '^prod$' }], '');
    expect(found.map((r) => r.repository)).toEqual(['svc-a']);
  });
});

describe('pullRequestFilter', () => {
  const pull = (branch: string, title: string, targetBranch = 'main'): PullRequest => ({
    number: 1,
    title,
    branch,
    targetBranch,
    headSha: 'x',
    labels: [],
    author: 'a',
  });
  it('keeps a pull request that any one filter matches entirely', () => {
    const keep = pullRequestFilter([
      { branchMatch: '^feat' },
      { titleMatch: 'hotfix', targetBranchMatch: '^release' },
    ]);
    const kept = keep([
      pull('feat/a', 'x'),
      pull('fix/b', 'hotfix now', 'release/1'),
      pull('fix/c', 'hotfix', 'main'),
    ]);
    expect(kept.map((p) => p.branch)).toEqual(['feat/a', 'fix/b']);
  });
});

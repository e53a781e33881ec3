// A project's sourceRepos as Argo CD checks them: Argo CD's own IsSourcePermitted and
// IsNegatedSourcePermitted cases (as facts), plus the rule each refusal names and the sources
// of multi-source applications.
import { describe, expect, it } from 'vitest';
import type { AppProject, Application } from '../../../engine/model/index.ts';
import { normalizeGitUrl } from '../../../engine/policy/gitUrl.ts';
import { policyGlobMatch } from '../../../engine/policy/glob.ts';
import { sourceRepoPermitted, sourcesPermitted } from '../../../engine/policy/sourceRepos.ts';

const permitted = (patterns: string[], url: string) => sourceRepoPermitted(patterns, url).permitted;

describe('sourceRepos: Argo CD’s cases', () => {
  it.each([
    [['*'], 'https://github.com/argoproj/test.git', true],
    [['https://github.com/argoproj/test.git'], 'https://github.com/argoproj/test.git', true],
    [['ssh://git@GITHUB.com:argoproj/test'], 'ssh://git@github.com:argoproj/test', true],
    [['https://github.com/argoproj/*'], 'https://github.com/argoproj/argoproj.git', true],
    [
      ['https://github.com/test1/test.git', 'https://github.com/test2/test.git'],
      'https://github.com/test2/test.git',
      true,
    ],
    [['https://github.com/argoproj/test1.git'], 'https://github.com/argoproj/test2.git', false],
    [['https://github.com/argoproj/*.git'], 'https://github.com/argoproj1/test2.git', false],
    [['https://github.com/argoproj/foo'], 'https://github.com/argoproj/foo1', false],
    [['https://gitlab.com/group/*'], 'https://gitlab.com/group/repo/owner', false],
    [['https://gitlab.com/group/*/*'], 'https://gitlab.com/group/repo/owner', true],
    [['https://gitlab.com/group/*/*/*'], 'https://gitlab.com/group/sub-group/repo/owner', true],
    [['https://gitlab.com/group/**'], 'https://gitlab.com/group/sub-group/repo/owner', true],
  ])('%j permits %s: %s', (patterns, url, expected) => {
    expect(permitted(patterns, url)).toBe(expected);
  });

  it.each([
    [['!https://github.com/argoproj/test.git'], 'https://github.com/argoproj/test.git', false],
    [['!ssh://git@GITHUB.com:argoproj/test'], 'ssh://git@github.com:argoproj/test', false],
    [['!https://github.com/argoproj/*'], 'https://github.com/argoproj/argoproj.git', false],
    [
      ['https://github.com/test1/test.git', '!https://github.com/test2/test.git'],
      'https://github.com/test2/test.git',
      false,
    ],
    [['!https://github.com/argoproj/foo*'], 'https://github.com/argoproj/foo1', false],
    [['!https://gitlab.com/group/*/*'], 'https://gitlab.com/group/repo/owner', false],
    [['!https://gitlab.com/group/*/*/*'], 'https://gitlab.com/group/sub-group/repo/owner', false],
    [['!https://gitlab.com/group/**'], 'https://gitlab.com/group/sub-group/repo/owner', false],
    [['*'], 'https://github.com/argoproj/test.git', true],
    [['https://github.com/argoproj/test1.git', '*'], 'https://github.com/argoproj/test2.git', true],
    [['!https://github.com/argoproj/*.git', '*'], 'https://github.com/argoproj1/test2.git', true],
  ])('negated %j permits %s: %s', (patterns, url, expected) => {
    expect(permitted(patterns, url)).toBe(expected);
  });
});

describe('sourceRepos: the rules around the cases', () => {
  it('permits nothing when the project lists no sourceRepos, and says so', () => {
    expect(sourceRepoPermitted([], 'https://github.com/a/b')).toEqual({
      permitted: false,
      rule: 'the project lists no sourceRepos',
    });
  });

  it('lets a list of deny rules alone permit every other repository, as Argo CD does', () => {
    expect(permitted(['!https://github.com/evil/*'], 'https://github.com/good/repo')).toBe(true);
    expect(sourceRepoPermitted(['!https://github.com/evil/*'], 'https://github.com/evil/repo')).toEqual({
      permitted: false,
      rule: "it matches the deny rule '!https://github.com/evil/*'",
    });
  });

  it('reads !* as a glob that stops at "/": it refuses only URLs without one', () => {
    expect(permitted(['!*'], 'https://github.com/a/b')).toBe(true);
    expect(permitted(['!*'], 'localrepo')).toBe(false);
  });

  it('compares SCP-like SSH URLs, case and a .git suffix as Argo CD normalises them', () => {
    expect(normalizeGitUrl('git@GitHub.com:org/Repo.git')).toBe('git@github.com/org/repo');
    expect(normalizeGitUrl(' https://github.com/org/repo.git ')).toBe('https://github.com/org/repo');
    expect(permitted(['git@github.com:org/*'], 'git@github.com:org/repo.git')).toBe(true);
    expect(normalizeGitUrl('file:///srv/git/demo')).toBe('file:///srv/git/demo');
    // a URL Go cannot read is '' (a port that is not a number, a bad escape)
    expect(normalizeGitUrl('https://host:port/x')).toBe('');
    expect(normalizeGitUrl('https://host/%zz')).toBe('');
    // Go escapes braces in a path, so a {a,b} pattern there matches no real URL
    expect(normalizeGitUrl('https://github.com/org/{a,b}')).toBe('https://github.com/org/%7Ba,b%7D');
    expect(permitted(['https://github.com/org/{a,b}'], 'https://github.com/org/a')).toBe(false);
  });

  it('names the patterns when none matches', () => {
    expect(sourceRepoPermitted(['https://github.com/a/*'], 'https://gitlab.com/a/b')).toEqual({
      permitted: false,
      rule: "it matches none of the project's sourceRepos ('https://github.com/a/*')",
    });
  });
});

describe('sourcesPermitted', () => {
  const project: AppProject = {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'AppProject',
    metadata: { name: 'team' },
    spec: { sourceRepos: ['https://github.com/team/*', '!https://github.com/team/secrets'] },
  };
  const app = (spec: Partial<Application['spec']>): Application =>
    ({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: { name: 'shop' },
      spec: { destination: { name: 'prod', namespace: 'shop' }, ...spec },
    }) as Application;

  it('checks the one source of a single-source application', () => {
    expect(sourcesPermitted(project, app({ source: { repoURL: 'https://github.com/team/shop' } }))).toEqual({
      allowed: true,
    });
    const teamOnly = { ...project, spec: { sourceRepos: ['https://github.com/team/*'] } };
    expect(sourcesPermitted(teamOnly, app({ source: { repoURL: 'https://github.com/other/shop' } }))).toEqual(
      {
        allowed: false,
        message:
          "application repo https://github.com/other/shop is not permitted in project 'team': it matches none of the project's sourceRepos ('https://github.com/team/*')",
      },
    );
    // Argo CD counts a deny rule a repository does not match as a match: with one, any other
    // repository is permitted
    expect(sourcesPermitted(project, app({ source: { repoURL: 'https://github.com/other/shop' } }))).toEqual({
      allowed: true,
    });
  });

  it('checks every source of a multi-source application, $ref-only sources too', () => {
    const sources = [
      { repoURL: 'https://github.com/team/shop', path: 'chart' },
      { repoURL: 'https://github.com/team/secrets', ref: 'values' },
    ];
    expect(sourcesPermitted(project, app({ sources }))).toEqual({
      allowed: false,
      message:
        "application repo https://github.com/team/secrets is not permitted in project 'team': it matches the deny rule '!https://github.com/team/secrets'",
    });
    expect(sourcesPermitted(project, app({ sources: sources.slice(0, 1) })).allowed).toBe(true);
  });
});

describe('policy glob', () => {
  it('keeps * and ? within a segment when there are separators, ** crosses them', () => {
    expect(policyGlobMatch('a/*', 'a/b/c', '/')).toBe(false);
    expect(policyGlobMatch('a/**', 'a/b/c', '/')).toBe(true);
    expect(policyGlobMatch('a/?', 'a//', '/')).toBe(false);
    expect(policyGlobMatch('a*', 'a/b')).toBe(true);
  });

  it('reads classes, alternatives and escapes; a malformed pattern matches nothing', () => {
    expect(policyGlobMatch('[a-c]x', 'bx')).toBe(true);
    expect(policyGlobMatch('[!a-c]x', 'bx')).toBe(false);
    expect(policyGlobMatch('{dev,prod}-*', 'prod-eu')).toBe(true);
    expect(policyGlobMatch('{dev,prod}-*', 'test-eu')).toBe(false);
    expect(policyGlobMatch('a\\*', 'a*')).toBe(true);
    expect(policyGlobMatch('a\\*', 'ab')).toBe(false);
    expect(policyGlobMatch('[abc', '[abc')).toBe(false);
    expect(policyGlobMatch('{a,b', 'a')).toBe(false);
  });

  it('matches a pathological pattern against a long text quickly', () => {
    // a backtracking matcher takes exponential time on these; this one pattern length × text length
    const pattern = `${'**/'.repeat(5_000)}x`;
    const text = `https://github.com/${'a/'.repeat(150)}y`;
    const started = performance.now();
    expect(policyGlobMatch(pattern, text, '/')).toBe(false);
    expect(policyGlobMatch(`${'*a'.repeat(200)}b`, 'a'.repeat(5_000))).toBe(false);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});

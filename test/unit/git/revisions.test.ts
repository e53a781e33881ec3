// Classification of targetRevision values and which ones are refused before git sees them.
import { describe, expect, it } from 'vitest';
import { matchTargetRevision, revisionKind, targetRevisionProblem } from '../../../engine/git/revisions.ts';

describe('revisionKind', () => {
  it.each([
    ['', 'head'],
    ['HEAD', 'head'],
    ['a'.repeat(40), 'full-sha'],
    ['1.2.*', 'constraint'],
    ['>=1.0, <2.0', 'constraint'],
    ['^1.2', 'constraint'],
    ['~1.2.3', 'constraint'],
    ['abc1234', 'name-or-short-sha'],
    // a short SHA of digits only reads as a version: a name (tag) first, then a short SHA
    ['1234567', 'name-or-short-sha'],
    ['main', 'name'],
    ['v1.2.3', 'name'],
    ['refs/pull/1/head', 'name'],
  ])('%s is %s', (revision, kind) => expect(revisionKind(revision)).toBe(kind));
});

describe('targetRevisionProblem', () => {
  it('lets constraints through despite their spaces and operators, and nothing else of that shape', () => {
    expect(targetRevisionProblem('>=1.0 <2.0')).toBeNull();
    expect(targetRevisionProblem('~1.2.3')).toBeNull();
    expect(targetRevisionProblem('main branch')).not.toBeNull();
    expect(targetRevisionProblem('main~1')).not.toBeNull();
    expect(targetRevisionProblem('--upload-pack=x')).not.toBeNull();
    expect(targetRevisionProblem('>=1.0\n<2.0')).not.toBeNull();
    expect(targetRevisionProblem('1.x '.repeat(100))).toMatch(/longer than/);
  });
});

describe('matchTargetRevision', () => {
  const refs = new Map([
    ['HEAD', 'h'],
    ['refs/heads/main', 'h'],
    ['refs/heads/2.x', 'b'],
    ['refs/tags/v1.0.0', 'a'],
    ['refs/tags/v1.1.0', 'c'],
  ]);
  it('a constraint names its highest tag; no match falls back to a branch of that name, then says why', () => {
    expect(matchTargetRevision(refs, '1.*')).toEqual({ ref: 'refs/tags/v1.1.0' });
    expect(matchTargetRevision(refs, '2.x')).toEqual({ ref: 'refs/heads/2.x' });
    expect(matchTargetRevision(refs, '^3')).toEqual({
      ref: undefined,
      unmatched: 'no tag matches the semver constraint "^3" (2 tags)',
    });
    expect(matchTargetRevision(refs, 'main')).toEqual({ ref: 'refs/heads/main' });
  });
});

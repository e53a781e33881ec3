import { describe, expect, it } from 'vitest';
import {
  branchNameProblem,
  isFullSha,
  isShortSha,
  matchRevision,
  parseLsRemote,
  revisionProblem,
} from '../../../engine/git/refs.ts';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const C = 'c'.repeat(40);
const T = 'd'.repeat(40);

const lsRemote = [
  `${A}\tHEAD`,
  `${A}\trefs/heads/main`,
  `${B}\trefs/heads/release`,
  `${C}\trefs/tags/light`,
  `${T}\trefs/tags/release`,
  `${B.toUpperCase()}\trefs/tags/release^{}`,
  'garbage line',
  '',
].join('\n');

describe('parseLsRemote', () => {
  it('maps refs to commits, annotated tags peeled, and skips noise', () => {
    const refs = parseLsRemote(lsRemote);
    expect(refs).toEqual(
      new Map([
        ['HEAD', A],
        ['refs/heads/main', A],
        ['refs/heads/release', B],
        ['refs/tags/light', C],
        ['refs/tags/release', B],
      ]),
    );
  });
});

describe('matchRevision', () => {
  const refs = parseLsRemote(lsRemote);
  it.each([
    ['', 'HEAD'],
    ['HEAD', 'HEAD'],
    ['main', 'refs/heads/main'],
    ['refs/heads/main', 'refs/heads/main'],
    ['light', 'refs/tags/light'],
    ['release', 'refs/heads/release'],
    ['refs/tags/release', 'refs/tags/release'],
  ])('%j names %s', (revision, ref) => {
    expect(matchRevision(refs, revision)).toBe(ref);
  });

  it('finds nothing for an unknown name', () => {
    expect(matchRevision(refs, 'heads/main')).toBeUndefined();
    expect(matchRevision(refs, 'nope')).toBeUndefined();
  });
});

describe('SHAs', () => {
  it('tells full from short SHAs', () => {
    expect(isFullSha(A)).toBe(true);
    expect(isFullSha(A.toUpperCase())).toBe(true);
    expect(isFullSha(A.slice(1))).toBe(false);
    expect(isShortSha('abc1234')).toBe(true);
    expect(isShortSha('abc123')).toBe(false);
    expect(isShortSha(A)).toBe(false);
    expect(isShortSha('main')).toBe(false);
  });
});

describe('revisionProblem and branchNameProblem', () => {
  it.each(['main', 'release/1.2', 'v1.0.0', 'refs/pull/7/head', 'HEAD'])(
    'accepts revision %j',
    (revision) => {
      expect(revisionProblem(revision)).toBeNull();
    },
  );

  it.each(['--upload-pack=x', 'a b', 'a~1', 'a^', 'a:b', 'a*', 'x\n'])('refuses revision %j', (revision) => {
    expect(revisionProblem(revision)).not.toBeNull();
  });

  it.each(['main', 'release/1.2', 'feature/x-y_z'])('accepts branch %j', (branch) => {
    expect(branchNameProblem(branch)).toBeNull();
  });

  it.each([
    '',
    'HEAD',
    '-f',
    'a..b',
    'a/',
    '/a',
    'a.lock',
    '.hidden',
    'a/.b',
    'a//b',
    'x@{1}',
    'refs/heads/main',
  ])('refuses branch %j', (branch) => {
    expect(branchNameProblem(branch)).not.toBeNull();
  });
});

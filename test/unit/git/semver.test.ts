// Semver constraints in targetRevision: Plumbline's answers against Masterminds/semver's own
// (test/fixtures/semver/masterminds.json, made by oracle.sh with the version Argo CD uses), and
// the places where node's semver alone would answer differently.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';
import { describe, expect, it } from 'vitest';
import { highestMatchingTag, parseConstraint, parseVersion } from '../../../engine/git/semver.ts';

const fixtures = join(import.meta.dirname, '../../fixtures/semver');
const cases = JSON.parse(readFileSync(join(fixtures, 'cases.json'), 'utf8')) as { tags: string[] };
const answers = JSON.parse(readFileSync(join(fixtures, 'masterminds.json'), 'utf8')) as Array<{
  constraint: string;
  isVersion: boolean;
  isConstraint: boolean;
  matches: string[];
}>;

function matches(constraint: string): string[] {
  const parsed = parseConstraint(constraint);
  return parsed ? versionTags().filter((tag) => parsed.check(parseVersion(tag)!)) : [];
}

function versionTags(): string[] {
  return cases.tags.filter((tag) => parseVersion(tag));
}

describe('semver constraints as Masterminds reads them', () => {
  it('reads the same tags as versions', () => {
    const star = answers.find((answer) => answer.constraint === '*')!;
    // every version tag matches `*` except prereleases; those are checked below
    expect(versionTags().filter((tag) => !parseVersion(tag)!.prerelease.length)).toEqual(star.matches);
  });

  it.each(answers)('$constraint', (answer) => {
    expect(parseVersion(answer.constraint) !== null).toBe(answer.isVersion);
    expect(parseConstraint(answer.constraint) !== null).toBe(answer.isConstraint);
    if (answer.isConstraint) {
      expect(matches(answer.constraint)).toEqual(answer.matches);
    }
  });

  it('resolves to the highest matching tag, keeping its spelling', () => {
    expect(highestMatchingTag('1.2.*', cases.tags)).toEqual({
      constraint: true,
      tag: '1.2.9',
      tagCount: cases.tags.length,
    });
    expect(highestMatchingTag('^1.2', cases.tags)).toMatchObject({ tag: '01.4.0' });
    expect(highestMatchingTag('>=1.0 <2.0', ['v1.0.0', 'v1.9.0', 'v2.0.0'])).toMatchObject({ tag: 'v1.9.0' });
    expect(highestMatchingTag('~1.2.3', ['1.2.3', '1.2.10', '1.2.9'])).toMatchObject({ tag: '1.2.10' });
    expect(highestMatchingTag('^3', cases.tags)).toMatchObject({ constraint: true, tag: '3' });
  });

  it('says so when a constraint matches no tag, and leaves names and pins alone', () => {
    expect(highestMatchingTag('^9', cases.tags)).toEqual({
      constraint: true,
      tag: null,
      tagCount: cases.tags.length,
    });
    expect(highestMatchingTag('main', cases.tags)).toEqual({ constraint: false });
    expect(highestMatchingTag('v1.2.3', cases.tags)).toEqual({ constraint: false });
    expect(highestMatchingTag('1.2', cases.tags)).toEqual({ constraint: false });
  });

  it('among equal versions takes the first tag in name order', () => {
    expect(highestMatchingTag('^1', ['v1.2.0', '1.2.0', '1.2.0+b'])).toMatchObject({ tag: '1.2.0' });
  });
});

describe('where node semver alone would differ from Masterminds (Plumbline keeps Masterminds)', () => {
  const nodeMatches = (range: string, tag: string) =>
    semver.validRange(range) !== null && semver.satisfies(parseVersion(tag)!, range);

  it('a comma is AND in Masterminds, invalid in node', () => {
    expect(semver.validRange('>=1.0, <2.0')).toBeNull();
    expect(matches('>=1.0, <2.0')).toEqual(matches('>=1.0 <2.0'));
    expect(matches('>=1.0, <2.0')).toContain('1.3.0');
  });

  it('=> and =< and != exist only in Masterminds', () => {
    expect(semver.validRange('=>1.2')).toBeNull();
    expect(semver.validRange('!=1.2.3')).toBeNull();
    expect(matches('=>1.2')).toEqual(matches('>=1.2'));
    expect(matches('!=1.2.3')).not.toContain('v1.2.3');
    expect(matches('!=1.2.3')).toContain('1.2.9');
  });

  it('a prerelease in the constraint lets every prerelease in, not only those of the same version', () => {
    expect(nodeMatches('>=1.3.0-alpha', '2.0.0-rc.1')).toBe(false);
    expect(matches('>=1.3.0-alpha')).toContain('2.0.0-rc.1');
    // without one, prereleases stay out in both
    expect(matches('>=1.0 <3.0')).not.toContain('2.0.0-rc.1');
    expect(nodeMatches('>=1.0 <3.0', '2.0.0-rc.1')).toBe(false);
  });

  it('~0.0.0 matches everything in Masterminds, only 0.0.z in node', () => {
    expect(nodeMatches('~0.0.0', '1.0.0')).toBe(false);
    expect(matches('~0.0.0')).toContain('10.0.0');
  });

  it('^* matches only 0.0.0 in Masterminds, everything in node', () => {
    expect(nodeMatches('^*', '1.0.0')).toBe(true);
    expect(highestMatchingTag('^*', ['0.0.0', '1.0.0'])).toMatchObject({ tag: '0.0.0' });
  });

  it('1, 1.2 and 01.4.0 are versions (pins) in Masterminds, ranges or nothing in node', () => {
    expect(semver.valid('1.2')).toBeNull();
    expect(parseVersion('1.2')?.version).toBe('1.2.0');
    expect(parseVersion('01.4.0')?.version).toBe('1.4.0');
    expect(parseConstraint('1.2')).toBeNull();
  });

  it('the one difference kept: !=1.2.x with a prerelease in the group', () => {
    // Masterminds lets 1.2.10-beta through `!=1.2.x >=1.2.10-alpha`; Plumbline keeps it out.
    expect(matches('!=1.2.x >=1.2.10-alpha')).not.toContain('1.2.10-beta');
  });
});

describe('hostile constraints', () => {
  it('refuses huge and deeply repeated texts quickly', () => {
    const started = Date.now();
    expect(parseConstraint('>=1.0 '.repeat(10_000))).toBeNull();
    expect(parseConstraint(`${'1.x || '.repeat(30)}1.x`)).not.toBeNull();
    expect(parseConstraint('1'.repeat(300))).toBeNull();
    expect(parseConstraint(`>=${'9'.repeat(40)}`)).toBeNull();
    expect(parseConstraint(`${'('.repeat(100)}1.x${')'.repeat(100)}`)).toBeNull();
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

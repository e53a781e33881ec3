// Semantic-version constraints in a `targetRevision`, as Argo CD reads them with Masterminds/semver
// v3: `1.2.*`, `>=1.0 <2.0`, `>=1.0, <2.0`, `^1.2`, `~1.2.3`, `1.0 - 1.2`, `a || b`, tags with or
// without a `v`. The syntax is Masterminds' (commas for AND, `=>`, `=<`, `!=`, `~>`), parsed here
// with its own patterns; each constraint is then written as a range of node's `semver` library,
// which compares the versions. Where node and Masterminds differ, Masterminds' meaning is kept:
//   - a prerelease tag matches only when the constraint's `||` group names a prerelease, and then
//     any prerelease matches (node keeps them to the same major.minor.patch);
//   - `~0.0.0` matches every version, `^*` only 0.0.0 (Masterminds' special cases);
//   - `1`, `1.2`, `01.4.0` are versions (a pin to that tag name, not a constraint);
//   - `!=` exists (node has none).
// One difference is left: under `!=1.2.x` in a group with a prerelease, Masterminds lets a 1.2.z
// prerelease through; here it stays excluded. (test/unit/git/semver.test.ts lists them all against
// Masterminds' own answers.)
import semver from 'semver';

/** Longer texts are not read as constraints (a targetRevision is a ref name, not a program). */
export const MAX_CONSTRAINT_LENGTH = 256;

// Masterminds' patterns (constraints.go, version.go of v3.4.0), in JavaScript's syntax.
const CV = String.raw`v?([0-9|x|X|\*]+)(\.[0-9|x|X|\*]+)?(\.[0-9|x|X|\*]+)?(-([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?(\+([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?`;
const CV_GROUPS = String.raw`v?(?:[0-9|x|X|\*]+)(?:\.[0-9|x|X|\*]+)?(?:\.[0-9|x|X|\*]+)?(?:-(?:[0-9A-Za-z\-]+(?:\.[0-9A-Za-z\-]+)*))?(?:\+(?:[0-9A-Za-z\-]+(?:\.[0-9A-Za-z\-]+)*))?`;
const OPS = String.raw`=||!=|>|<|>=|=>|<=|=<|~|~>|\^`;
const ONE_CONSTRAINT = new RegExp(String.raw`^\s*(${OPS})\s*(${CV})\s*$`);
const RANGE = new RegExp(String.raw`\s*(${CV_GROUPS})\s+-\s+(${CV_GROUPS})\s*`, 'g');
const FIND_CONSTRAINT = new RegExp(String.raw`(?:${OPS})\s*(?:${CV_GROUPS})`, 'g');
const VALID_GROUP = new RegExp(
  String.raw`^(?:\s*(?:${OPS})\s*(?:${CV_GROUPS})\s*)(?:(?:\s+|,\s*)(?:${OPS})\s*(?:${CV_GROUPS})\s*)*$`,
);
const LOOSE_VERSION =
  /^v?([0-9]+)(\.[0-9]+)?(\.[0-9]+)?(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$/;

/** A tag or pin read as Masterminds' NewVersion reads it (`v` prefix, missing minor/patch, leading zeros); null when it is none. */
export function parseVersion(text: string): semver.SemVer | null {
  if (text.length > MAX_CONSTRAINT_LENGTH) return null;
  const match = LOOSE_VERSION.exec(text);
  if (!match) return null;
  const [, major = '', minor, patch, pre, build] = match;
  const numbers = [major, minor?.slice(1) ?? '0', patch?.slice(1) ?? '0'].map(Number);
  if (numbers.some((n) => !Number.isSafeInteger(n))) return null;
  if (pre !== undefined && !validPrerelease(pre)) return null;
  const canonical = `${numbers.join('.')}${pre === undefined ? '' : `-${pre}`}${build === undefined ? '' : `+${build}`}`;
  return semver.parse(canonical);
}

function validPrerelease(pre: string): boolean {
  return pre
    .split('.')
    .every((part) => part !== '' && !(/^[0-9]+$/.test(part) && part.length > 1 && part.startsWith('0')));
}

interface Group {
  /** Node ranges, all of which a version must satisfy. */
  ranges: string[];
  /** The group names a prerelease: prerelease versions may match. */
  withPrerelease: boolean;
}

export interface Constraint {
  text: string;
  check(version: semver.SemVer): boolean;
}

/** A constraint in Masterminds' syntax, or null when the text is none (or is an exact version: a pin). */
export function parseConstraint(text: string): Constraint | null {
  if (text.length > MAX_CONSTRAINT_LENGTH || parseVersion(text)) return null;
  const groups: Group[] = [];
  for (const part of rewriteRanges(text).split('||')) {
    if (!VALID_GROUP.test(part)) return null;
    const found = part.match(FIND_CONSTRAINT) ?? [part];
    const group: Group = { ranges: [], withPrerelease: false };
    for (const one of found) {
      const parsed = constraintRange(one);
      if (!parsed) return null;
      group.ranges.push(parsed.range);
      if (parsed.prerelease) group.withPrerelease = true;
    }
    groups.push(group);
  }
  return {
    text,
    check: (version) =>
      groups.some(
        (group) =>
          (group.withPrerelease || version.prerelease.length === 0) &&
          group.ranges.every((range) => semver.satisfies(version, range, { includePrerelease: true })),
      ),
  };
}

/** `1.0 - 1.2` → `>= 1.0, <= 1.2 ` (Masterminds' rewriteRange). */
function rewriteRanges(text: string): string {
  return text.replace(RANGE, (_whole, from: string, to: string) => `>= ${from}, <= ${to} `);
}

const isX = (part: string | undefined) => part === 'x' || part === 'X' || part === '*';

/** One Masterminds constraint (`^1.2`, `!=1.x`) as a node range with the same meaning. */
function constraintRange(text: string): { range: string; prerelease: boolean } | null {
  const match = ONE_CONSTRAINT.exec(text);
  if (!match) return null;
  const op = match[1] ?? '';
  const [majorText = '', minorText = '', patchText = ''] = [match[3], match[4]?.slice(1), match[5]?.slice(1)];
  const pre = match[6] ?? '';
  let dirty = false;
  let minorDirty = false;
  let patchDirty = false;
  let written: string;
  if (isX(majorText)) {
    written = `0.0.0${pre}`;
    dirty = true;
  } else if (isX(minorText) || minorText === '') {
    written = `${majorText}.0.0${pre}`;
    dirty = minorDirty = true;
  } else if (isX(patchText) || patchText === '') {
    written = `${majorText}.${minorText}.0${pre}`;
    dirty = patchDirty = true;
  } else written = `${majorText}.${minorText}.${patchText}${pre}`;
  const con = parseVersion(written);
  if (!con) return null;
  const { major: M, minor: m, patch: p } = con;
  const v = con.version;
  const belowNextMajor = `<${M + 1}.0.0-0`;
  const belowNextMinor = `<${M}.${m + 1}.0-0`;
  const tilde = () =>
    M === 0 && m === 0 && p === 0 && !minorDirty && !patchDirty
      ? `>=${v}`
      : `>=${v} ${minorDirty ? belowNextMajor : belowNextMinor}`;
  const ranges: Record<string, () => string> = {
    '': () => (dirty ? tilde() : `=${v}`),
    '=': () => (dirty ? tilde() : `=${v}`),
    '~': tilde,
    '~>': tilde,
    '>': () =>
      !dirty ? `>${v}` : minorDirty ? `>=${M + 1}.0.0-0` : patchDirty ? `>=${M}.${m + 1}.0-0` : `>${v}`,
    '<': () => `<${v}`,
    '>=': () => `>=${v}`,
    '=>': () => `>=${v}`,
    '<=': () => (!dirty ? `<=${v}` : minorDirty ? belowNextMajor : belowNextMinor),
    '=<': () => (!dirty ? `<=${v}` : minorDirty ? belowNextMajor : belowNextMinor),
    '^': () => {
      if (M > 0 || minorDirty) return `>=${v} ${belowNextMajor}`;
      if (m > 0 || patchDirty) return `>=${v} ${belowNextMinor}`;
      return `>=${v} <0.0.${p + 1}-0`;
    },
    '!=': () =>
      minorDirty
        ? `<${M}.0.0-0 || ${belowNextMajor.replace('<', '>=')}`
        : patchDirty
          ? `<${M}.${m}.0-0 || ${belowNextMinor.replace('<', '>=')}`
          : `<${v} || >${v}`,
  };
  const range = ranges[op]?.();
  return range === undefined ? null : { range, prerelease: pre !== '' };
}

/**
 * The tag a targetRevision names, Argo CD's MaxVersion: a constraint resolves to its highest
 * matching tag (among equal versions, the first in name order); anything else names itself.
 * `matched` is false for a constraint no tag satisfies.
 */
export function highestMatchingTag(
  revision: string,
  tags: readonly string[],
): { constraint: false } | { constraint: true; tag: string | null; tagCount: number } {
  const constraint = parseConstraint(revision);
  if (!constraint) return { constraint: false };
  let best: { tag: string; version: semver.SemVer } | null = null;
  for (const tag of [...tags].sort()) {
    const version = parseVersion(tag);
    if (!version || !constraint.check(version)) continue;
    if (!best || semver.compare(version, best.version) > 0) best = { tag, version };
  }
  return { constraint: true, tag: best?.tag ?? null, tagCount: tags.length };
}

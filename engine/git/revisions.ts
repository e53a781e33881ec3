// Which ref a `targetRevision` names among a remote's refs, in Argo CD's order: a full SHA is
// itself; a semver constraint (`1.2.*`, `>=1.0 <2.0`, `^1.2`) becomes the highest tag it matches;
// then `HEAD`, a full ref name, a branch, a tag; else (the caller's part) a short SHA.
import { hasControlCharacters, isFullSha, isShortSha, matchRevision, revisionProblem } from './refs.ts';
import { highestMatchingTag, MAX_CONSTRAINT_LENGTH, parseConstraint } from './semver.ts';

const TAG_PREFIX = 'refs/tags/';

export type RevisionKind = 'head' | 'full-sha' | 'constraint' | 'name-or-short-sha' | 'name';

/** What kind of revision a targetRevision is, before any ref is looked at. */
export function revisionKind(targetRevision: string): RevisionKind {
  const revision = targetRevision.trim();
  if (revision === '' || revision === 'HEAD') return 'head';
  if (isFullSha(revision)) return 'full-sha';
  if (parseConstraint(revision)) return 'constraint';
  return isShortSha(revision) ? 'name-or-short-sha' : 'name';
}

/** Why a targetRevision can not be used, or null when it can: a ref name, or a semver constraint. */
export function targetRevisionProblem(revision: string): string | null {
  if (revision.length > MAX_CONSTRAINT_LENGTH)
    return `a revision can not be longer than ${MAX_CONSTRAINT_LENGTH} characters`;
  // a constraint never reaches git: only the tag it resolves to does
  if (!hasControlCharacters(revision) && parseConstraint(revision)) return null;
  return revisionProblem(revision);
}

export interface RevisionMatch {
  /** The ref the revision names (`refs/tags/v1.2.3` for a constraint); undefined when none. */
  ref: string | undefined;
  /** Why nothing matched, when the revision says more than "no such name" (a constraint). */
  unmatched?: string;
}

/** The ref a targetRevision names among `refs` (ref → SHA, tags peeled). */
export function matchTargetRevision(refs: ReadonlyMap<string, string>, revision: string): RevisionMatch {
  const tags = [...refs.keys()]
    .filter((ref) => ref.startsWith(TAG_PREFIX))
    .map((ref) => ref.slice(TAG_PREFIX.length));
  const resolved = highestMatchingTag(revision, tags);
  if (!resolved.constraint) return { ref: matchRevision(refs, revision) };
  if (resolved.tag !== null) return { ref: `${TAG_PREFIX}${resolved.tag}` };
  // As Argo CD, a constraint no tag matches may still be a branch's name (`1.x`).
  const ref = matchRevision(refs, revision);
  return ref
    ? { ref }
    : { ref, unmatched: `no tag matches the semver constraint "${revision}" (${resolved.tagCount} tags)` };
}

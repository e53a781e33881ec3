// Revisions and refs as Argo CD understands them: a `targetRevision` is a branch, a tag, a full
// ref name, `HEAD` (also when empty) or a commit SHA, full or truncated.

const FULL_SHA = /^[0-9a-f]{40}$/i;
// Argo CD accepts truncated SHAs of 7 characters and more.
const SHORT_SHA = /^[0-9a-f]{7,39}$/i;
const PEELED_SUFFIX = '^{}';

export function isFullSha(revision: string): boolean {
  return FULL_SHA.test(revision);
}

export function isShortSha(revision: string): boolean {
  return SHORT_SHA.test(revision);
}

/**
 * Parses `git ls-remote` output into ref → commit SHA. An annotated tag maps to the commit it
 * points at (its peeled `^{}` line), so every value can be compared with a resolved revision.
 */
export function parseLsRemote(output: string): Map<string, string> {
  const refs = new Map<string, string>();
  const peeled = new Map<string, string>();
  for (const line of output.split('\n')) {
    const [sha, ref] = line.trim().split('\t');
    if (!sha || !ref || !isFullSha(sha)) continue;
    if (ref.endsWith(PEELED_SUFFIX)) peeled.set(ref.slice(0, -PEELED_SUFFIX.length), sha.toLowerCase());
    else refs.set(ref, sha.toLowerCase());
  }
  for (const [ref, sha] of peeled) refs.set(ref, sha);
  return refs;
}

/**
 * The ref a revision names, Argo CD's way: an exact ref name (`HEAD`, `refs/...`), else a branch,
 * else a tag. Argo CD prefers a branch over a tag of the same name (git itself prefers the tag);
 * Plumbline keeps Argo CD's choice so that an application resolves to the same commit in both.
 */
export function matchRevision(refs: ReadonlyMap<string, string>, revision: string): string | undefined {
  const name = revision === '' ? 'HEAD' : revision;
  return [name, `refs/heads/${name}`, `refs/tags/${name}`].find((ref) => refs.has(ref));
}

/** Why a targetRevision can not be used, or null when it can. */
export function revisionProblem(revision: string): string | null {
  if (revision.startsWith('-')) return 'a revision can not start with "-"';
  if (hasControlCharacters(revision) || /[\s~^:?*[\\]/.test(revision)) {
    return 'a revision can not contain spaces, control characters or ~^:?*[\\';
  }
  return null;
}

/** Why a branch name can not be pushed to, or null when it can (git's check-ref-format rules). */
export function branchNameProblem(branch: string): string | null {
  if (branch === '' || branch === 'HEAD') return `"${branch}" is not a branch name`;
  const problem = revisionProblem(branch);
  if (problem) return problem;
  const badShape =
    branch.includes('..') ||
    branch.includes('@{') ||
    branch.includes('//') ||
    /(^|\/)\./.test(branch) ||
    /(\.lock|\.|\/)$/.test(branch) ||
    branch.startsWith('/') ||
    branch.startsWith('refs/');
  return badShape ? `"${branch}" is not a valid branch name` : null;
}

/** True when the text holds an ASCII control character (a newline smuggled into an argument or URL). */
export function hasControlCharacters(text: string): boolean {
  return [...text].some((character) => {
    const code = character.charCodeAt(0);
    return code < 0x20 || code === 0x7f;
  });
}

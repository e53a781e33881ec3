// Which git object a revision's signature is checked on, as Argo CD chooses it: when the
// targetRevision names an annotated tag (directly or as the tag a semver constraint resolved to),
// the tag; otherwise the commit. The raw object comes from the repository's cache as bytes — a
// signature covers bytes, and a commit message need not be UTF-8.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { CachedRepository } from './cachedRepository.ts';
import { isFullSha } from './refs.ts';
import { matchTargetRevision } from './revisions.ts';

const execFileAsync = promisify(execFile);
const MAX_OBJECT_BYTES = 16 * 1024 * 1024;
const CAT_FILE_TIMEOUT_MS = 30_000;

export interface SignedRevision {
  kind: 'commit' | 'tag';
  raw: Buffer;
  /** What messages call it: the commit SHA, or `tag v1.2.0 (<sha>)`. */
  name: string;
}

interface LocalTag {
  name: string;
  object: string;
  peeled: string;
}

export async function signedRevision(
  repo: CachedRepository,
  targetRevision: string,
  sha: string,
): Promise<SignedRevision> {
  const revision = targetRevision.trim() || 'HEAD';
  let tag = isFullSha(revision) ? null : await annotatedTag(repo, revision);
  // a tag moved on the remote to a commit the cache already had: its new object is fetched once
  if (tag && tag.peeled !== sha) {
    await repo.ensure(async () => (await annotatedTag(repo, revision))?.peeled === sha);
    tag = await annotatedTag(repo, revision);
  }
  if (tag && tag.peeled === sha)
    return { kind: 'tag', raw: await catFile(repo, 'tag', tag.object), name: `tag ${tag.name} (${sha})` };
  return { kind: 'commit', raw: await catFile(repo, 'commit', sha), name: sha };
}

/** The annotated tag the revision names in the cache's refs (a branch of that name wins), or null. */
async function annotatedTag(repo: CachedRepository, revision: string): Promise<LocalTag | null> {
  const listing = await repo.tryGit([
    'for-each-ref',
    '--format=%(refname) %(objecttype) %(objectname) %(*objectname)',
    'refs/heads',
    'refs/tags',
  ]);
  const refs = new Map<string, { type: string; object: string; peeled: string }>();
  for (const line of (listing ?? '').split('\n')) {
    const [ref, type, object, peeled] = line.trim().split(' ');
    if (ref && type && object) refs.set(ref, { type, object, peeled: peeled || object });
  }
  const peeledRefs = new Map([...refs].map(([ref, entry]) => [ref, entry.peeled]));
  const { ref } = matchTargetRevision(peeledRefs, revision);
  const entry = ref ? refs.get(ref) : undefined;
  if (!ref?.startsWith('refs/tags/') || entry?.type !== 'tag') return null;
  return { name: ref.slice('refs/tags/'.length), object: entry.object, peeled: entry.peeled };
}

async function catFile(repo: CachedRepository, kind: 'commit' | 'tag', object: string): Promise<Buffer> {
  if (!isFullSha(object)) throw new Error(`read ${kind} ${object}: not an object name`);
  const { stdout } = await execFileAsync('git', ['cat-file', kind, object], {
    cwd: repo.dir,
    encoding: 'buffer',
    maxBuffer: MAX_OBJECT_BYTES,
    timeout: CAT_FILE_TIMEOUT_MS,
    env: { PATH: process.env.PATH ?? '', HOME: repo.dir, GIT_CONFIG_NOSYSTEM: '1', LC_ALL: 'C' },
  });
  return stdout;
}

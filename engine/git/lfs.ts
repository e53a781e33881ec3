// Git LFS in the render checkout. Where `git-lfs` is installed, files the repository tracks with
// LFS (`filter=lfs` in its .gitattributes) are fetched and written in place of their pointers —
// git runs git-lfs as its filter, with the repository's credentials through the session's
// askpass, against the LFS endpoint of the repository's own URL (a `.lfsconfig` in the
// repository can not send the credentials elsewhere: `lfs.url` on the command line wins). Files
// beyond the size limits are left as pointers. Where git-lfs is not installed nothing is fetched,
// and a render whose folder holds a pointer fails naming the file (refuseLfsPointers) instead of
// applying the pointer's text. Argo CD fetches LFS files only for repositories marked enableLfs;
// Plumbline whenever git-lfs is there, since a pointer is never what a manifest means.
import { execFile } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import type { CachedRepository } from './cachedRepository.ts';
import { CHECKOUT_PROTECTIONS } from './gitProtections.ts';
import { findLfsPointer } from './lfsPointers.ts';
import type { ParsedRepoUrl } from './repoUrl.ts';
import type { ProgressListener } from './runGit.ts';

const MB = 1024 * 1024;

export interface LfsLimits {
  /** A file larger than this is left as its pointer. */
  maxFileBytes: number;
  /** Bytes fetched for one checkout of one repository; the files beyond it are left as pointers. */
  maxTotalBytes: number;
  /** Files fetched for one checkout of one repository. */
  maxFiles: number;
}

export const DEFAULT_LFS_LIMITS: LfsLimits = {
  maxFileBytes: 100 * MB,
  maxTotalBytes: 500 * MB,
  maxFiles: 1000,
};

// Whether git-lfs is on PATH is asked again after this long, so installing it takes effect.
const PROBE_TTL_MS = 60_000;
let probe: { at: number; installed: Promise<boolean> } | undefined;

/** True when `git-lfs` runs from the PATH git is given. */
export function gitLfsInstalled(): Promise<boolean> {
  if (probe && Date.now() - probe.at < PROBE_TTL_MS) return probe.installed;
  const installed = new Promise<boolean>((resolve) => {
    execFile(
      'git-lfs',
      ['version'],
      { env: { PATH: process.env.PATH ?? '' }, timeout: 10_000, windowsHide: true },
      (error, stdout) => resolve(!error && stdout.startsWith('git-lfs/')),
    );
  });
  probe = { at: Date.now(), installed };
  return installed;
}

/** The LFS endpoint git-lfs would derive from the repository's URL (`<url>.git/info/lfs`). */
export function lfsEndpoint(url: ParsedRepoUrl): string {
  if (url.transport === 'file') return pathToFileURL(url.fetchUrl).href;
  if (url.transport === 'ssh') return url.fetchUrl;
  const base = url.fetchUrl.replace(/\/+$/, '').replace(/^git:/, 'https:');
  return base.endsWith('.git') ? `${base}/info/lfs` : `${base}.git/info/lfs`;
}

export interface PointerFile {
  /** Path in the repository. */
  path: string;
  size: number;
}

/** The pointers to fetch within the limits, in order; the rest stay pointers. */
export function withinLfsLimits(pointers: readonly PointerFile[], limits: LfsLimits): PointerFile[] {
  const chosen: PointerFile[] = [];
  let total = 0;
  for (const pointer of pointers) {
    if (chosen.length >= limits.maxFiles) break;
    if (pointer.size > limits.maxFileBytes || total + pointer.size > limits.maxTotalBytes) continue;
    chosen.push(pointer);
    total += pointer.size;
  }
  return chosen;
}

/**
 * Writes the LFS files among `pointers` into the extracted tree: `git checkout-index --force`
 * of those paths again, this time with git-lfs as the filter (a path without `filter=lfs` is
 * written as it was). `env` names the private index and the work tree of the extraction.
 */
export async function smudgeLfsFiles(
  repo: CachedRepository,
  pointers: readonly PointerFile[],
  env: Record<string, string>,
  onProgress?: ProgressListener,
): Promise<void> {
  if (pointers.length === 0) return;
  const config = [
    ...CHECKOUT_PROTECTIONS,
    '-c',
    'filter.lfs.process=git-lfs filter-process',
    '-c',
    'filter.lfs.required=true',
    '-c',
    `lfs.url=${lfsEndpoint(repo.url)}`,
    // settings a .lfsconfig may set that would leave pointers silently
    '-c',
    'lfs.fetchinclude=',
    '-c',
    'lfs.fetchexclude=',
    '-c',
    'lfs.skipdownloaderrors=false',
  ];
  // A long list of paths goes in chunks: argv has a limit.
  for (let start = 0; start < pointers.length; start += 200) {
    const paths = pointers.slice(start, start + 200).map((pointer) => pointer.path);
    await repo.remote(
      [...config, 'checkout-index', '--force', '--', ...paths],
      'fetch Git LFS files of',
      onProgress,
      env,
    );
  }
}

const searched = new Map<string, string | null>();
const MAX_SEARCHES_KEPT = 2000;

/**
 * Fails when the folder a source renders holds an LFS pointer file, naming the file and why it
 * was not fetched. `path` is the source's path in the checkout.
 */
export async function refuseLfsPointers(checkout: string, path: string): Promise<void> {
  // A checkout's folder never changes (treeStore): one search per folder and path.
  const key = `${checkout}\0${path}`;
  let found = searched.get(key);
  if (found === undefined) {
    found = await findLfsPointer(checkout, path);
    if (searched.size >= MAX_SEARCHES_KEPT) searched.clear();
    searched.set(key, found);
  }
  const pointer = found;
  if (!pointer) return;
  const why = (await gitLfsInstalled())
    ? `it was not fetched: larger than the limit of ${DEFAULT_LFS_LIMITS.maxFileBytes / MB} MiB (or beyond ${DEFAULT_LFS_LIMITS.maxTotalBytes / MB} MiB of LFS files in one checkout), or not marked filter=lfs in .gitattributes`
    : 'git-lfs is not installed, so Plumbline can not fetch it: install git-lfs';
  throw new Error(`${pointer} is a Git LFS pointer file, not the file itself: ${why}`);
}

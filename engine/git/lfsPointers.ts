// Git LFS pointer files: the few lines git stores in place of a file tracked by LFS
// (`version https://git-lfs.github.com/spec/v1`, `oid sha256:…`, `size …`). A checkout that could
// not fetch a file leaves its pointer; a render must never apply that text as if it were the
// manifest, so the folder a source renders is searched for pointers first (refuseLfsPointers).
import { lstat, open, readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';

/** Git LFS never writes a pointer this large (its own cut-off). */
export const MAX_POINTER_BYTES = 1024;
/** Entries a search for pointers looks at before it stops (a render reads no more anyway). */
const MAX_SEARCHED_ENTRIES = 100_000;

export interface LfsPointer {
  oid: string;
  size: number;
}

const VERSION = /^version https:\/\/(?:git-lfs|hawser)\.github\.com\/spec\/v1$/;

/** The pointer a file's text is, or null when it is not one. */
export function parseLfsPointer(text: string): LfsPointer | null {
  if (text.length > MAX_POINTER_BYTES || !text.endsWith('\n')) return null;
  const lines = text.slice(0, -1).split('\n');
  if (!VERSION.test(lines[0] ?? '')) return null;
  let oid: string | undefined;
  let size: number | undefined;
  for (const line of lines.slice(1)) {
    const match = /^([a-z0-9.-]+) (.*)$/.exec(line);
    if (!match) return null;
    const [, key, value = ''] = match;
    if (key === 'oid') oid = /^sha256:([0-9a-f]{64})$/.exec(value)?.[1];
    else if (key === 'size' && /^\d{1,15}$/.test(value)) size = Number(value);
  }
  return oid !== undefined && size !== undefined ? { oid, size } : null;
}

/** The pointer in a regular file of the checkout, or null (not a pointer, not a regular file, missing). */
export async function readLfsPointer(file: string): Promise<LfsPointer | null> {
  const info = await lstat(file).catch(() => null);
  if (!info?.isFile() || info.size > MAX_POINTER_BYTES) return null;
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(MAX_POINTER_BYTES + 1);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return parseLfsPointer(buffer.subarray(0, bytesRead).toString('utf8'));
  } finally {
    await handle.close();
  }
}

/**
 * The first LFS pointer file under `path` of a checkout (relative to the checkout), or null.
 * Symlinks are not followed; the search stops after MAX_SEARCHED_ENTRIES entries.
 */
export async function findLfsPointer(checkout: string, path: string): Promise<string | null> {
  const start = join(checkout, path);
  const info = await lstat(start).catch(() => null);
  if (!info) return null;
  if (info.isFile()) return (await readLfsPointer(start)) ? relative(checkout, start) : null;
  if (!info.isDirectory()) return null;
  const folders = [start];
  let seen = 0;
  for (let folder = folders.pop(); folder !== undefined; folder = folders.pop()) {
    const entries = await readdir(folder, { withFileTypes: true }).catch(() => []);
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (++seen > MAX_SEARCHED_ENTRIES) return null;
      const full = join(folder, entry.name);
      if (entry.isDirectory()) folders.push(full);
      else if (entry.isFile() && (await readLfsPointer(full))) return relative(checkout, full);
    }
  }
  return null;
}

// The files and folders of a repository checkout as Argo CD's repo server lists them for the git
// generators: folders without hidden ones (a symlink is not a folder), and tracked files matched
// by a doublestar glob whose real path must stay inside the repository. Patterns are refused when
// absolute or climbing out with `..`, and the walk stops at a limit of entries.
import { lstat, readdir, realpath } from 'node:fs/promises';
import { isAbsolute, join, posix } from 'node:path';
import { minimatch } from 'minimatch';
import { checkPathText, isInside } from '../../render/paths.ts';
import { GeneratorError } from '../errors.ts';

/** Refuses a git generator pattern that is absolute or climbs out of the repository. */
export function checkPattern(pattern: string, what: string): void {
  try {
    checkPathText(pattern, what);
  } catch (error) {
    throw new GeneratorError((error as Error).message);
  }
  if (isAbsolute(pattern) || pattern.startsWith('\\'))
    throw new GeneratorError(`${what} ${pattern} is absolute: it must be relative to the repository`);
  if (pattern.split(/[/\\]/).includes('..'))
    throw new GeneratorError(`${what} ${pattern} climbs out of the repository with ..`);
}

interface Entry {
  path: string;
  isDir: boolean;
  isLink: boolean;
}

/** Every entry under `root` but `.git`, relative `/`-separated paths, at most `maxEntries`. */
async function walk(root: string, maxEntries: number, skipHiddenDirs: boolean): Promise<Entry[]> {
  const entries: Entry[] = [];
  const pending = [''];
  while (pending.length > 0) {
    const dir = pending.pop()!;
    const names = (await readdir(join(root, dir), { withFileTypes: true })).sort((a, b) =>
      a.name < b.name ? -1 : 1,
    );
    for (const dirent of names) {
      if (dirent.name === '.git' && dir === '') continue;
      const path = dir === '' ? dirent.name : `${dir}/${dirent.name}`;
      const isDir = dirent.isDirectory();
      if (isDir && skipHiddenDirs && dirent.name.startsWith('.')) continue;
      entries.push({ path, isDir, isLink: dirent.isSymbolicLink() });
      if (entries.length > maxEntries)
        throw new GeneratorError(
          `the repository holds more than ${maxEntries} files and folders, over the limit`,
        );
      if (isDir) pending.push(path);
    }
  }
  return entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** Folders of the checkout, as GetGitDirectories lists them (hidden ones and their contents left out). */
export async function listDirectories(root: string, maxEntries: number): Promise<string[]> {
  return (await walk(root, maxEntries, true)).filter((entry) => entry.isDir).map((entry) => entry.path);
}

/** Go's path.Match of a directory pattern: `*` never crosses `/`. */
export function matchesDirectory(pattern: string, path: string): boolean {
  const options = {
    dot: true,
    nobrace: true,
    noext: true,
    nonegate: true,
    nocomment: true,
    noglobstar: true,
  };
  return minimatch(path, posix.normalize(pattern), options);
}

/** Files matching a doublestar pattern (`**` crosses folders), each refused if it leads out through a symlink. */
export async function matchFiles(root: string, pattern: string, maxEntries: number): Promise<string[]> {
  const realRoot = await realpath(root);
  const options = { dot: true, noext: true, nonegate: true, nocomment: true };
  const cleaned = posix.normalize(pattern);
  const matched: string[] = [];
  for (const entry of await walk(root, maxEntries, false)) {
    if (entry.isDir || !minimatch(entry.path, cleaned, options)) continue;
    if (entry.isLink) {
      const real = await realpath(join(root, entry.path)).catch(() => undefined);
      if (real === undefined || !isInside(realRoot, real))
        throw new GeneratorError(`${entry.path} is a symlink leading outside the repository`);
      if (!(await lstat(real)).isFile()) continue;
    }
    matched.push(entry.path);
  }
  return matched;
}

// Go's filepath.Glob, which `kustomize edit add component` applies to each component it is given:
// a pattern without `*`, `?`, `[` or `\` names itself when it exists; otherwise every segment with
// such a character is matched against a folder's entries (sorted by name, hidden ones included,
// never crossing `/`), and the matches come back joined and cleaned as Go's path.Join writes them.
// Segments are matched with minimatch set to Go's path.Match syntax (no braces, no extglobs).
import { lstat, readdir } from 'node:fs/promises';
import { posix, resolve } from 'node:path';
import { minimatch } from 'minimatch';

export const hasGlobMeta = (pattern: string) => /[*?[\\]/.test(pattern);

const exists = (path: string) =>
  lstat(path).then(
    () => true,
    () => false,
  );

/** Names in `dir` (relative to `cwd`) matching one segment pattern, sorted. */
async function matchIn(cwd: string, dir: string, segment: string): Promise<string[]> {
  const names = await readdir(resolve(cwd, dir)).catch(() => [] as string[]);
  const options = { dot: true, nobrace: true, noext: true, nonegate: true, nocomment: true };
  return names
    .filter((name) => minimatch(name, segment, options))
    .sort()
    .map((name) => posix.join(dir, name));
}

/** The paths `pattern` names, relative to `cwd` as written (Go: filepath.Glob with cwd as the working directory). */
export async function goGlob(cwd: string, pattern: string): Promise<string[]> {
  if (!hasGlobMeta(pattern)) return (await exists(resolve(cwd, pattern))) ? [pattern] : [];
  const slash = pattern.lastIndexOf('/');
  const dir = slash < 0 ? '.' : posix.normalize(pattern.slice(0, slash) || '/');
  const segment = pattern.slice(slash + 1);
  const dirs = hasGlobMeta(dir) ? await goGlob(cwd, dir) : [dir];
  const matches: string[] = [];
  for (const each of dirs) matches.push(...(await matchIn(cwd, each, segment)));
  return matches;
}

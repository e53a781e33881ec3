// Keeps every path a render touches inside its repository, as Argo CD does: an application path
// may not be absolute or climb out with `..`, value files resolve inside the repository (a leading
// `/` means its root), and no symlink may lead out of it.
import { readdir, readlink, realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, parse, relative, resolve, sep } from 'node:path';
import { RenderError } from './errors.ts';

export function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/** Longest path a source may name; longer ones are refused before any work (4096 is Linux's PATH_MAX). */
export const MAX_PATH_LENGTH = 4096;

/** Refuses a path that is too long, or holds a NUL or a line break, naming what it is. */
export function checkPathText(path: string, what: string): void {
  if (path.length > MAX_PATH_LENGTH) {
    throw new RenderError(
      `${what} is ${path.length} characters long, over the limit of ${MAX_PATH_LENGTH}: ${path.slice(0, 80)}…`,
    );
  }
  if (/[\0\r\n]/.test(path))
    throw new RenderError(`${what} ${JSON.stringify(path)} contains a NUL or a line break`);
}

/**
 * Real path of `path`, or of its longest existing ancestor joined with the rest. Walks down from
 * the root once, one component at a time, so a path of n components costs n lookups (walking up
 * from the end, as before, cost n lookups of paths up to n long).
 */
async function realPathOrLexical(path: string): Promise<string> {
  const whole = await realpath(path).catch(() => undefined);
  if (whole !== undefined) return whole;
  const { root } = parse(path);
  const parts = path
    .slice(root.length)
    .split(sep)
    .filter((part) => part !== '');
  let current = await realpath(root);
  for (const [index, part] of parts.entries()) {
    const next = join(current, part);
    const real = await realpath(next).catch(() => undefined);
    if (real === undefined) return join(next, ...parts.slice(index + 1));
    current = real;
  }
  return current;
}

/** The application's folder: `source.path` inside the checkout, which must be a folder. */
export async function resolveAppDir(repoRoot: string, sourcePath: string | undefined): Promise<string> {
  const path = sourcePath ?? '.';
  checkPathText(path, 'app path');
  if (isAbsolute(path))
    throw new RenderError(`app path ${path} is absolute: it must be relative to the repository`);
  const appDir = resolve(repoRoot, path);
  if (!isInside(resolve(repoRoot), appDir))
    throw new RenderError(`app path ${path} points outside the repository`);
  const realRoot = await realpath(repoRoot);
  const realApp = await realPathOrLexical(appDir);
  if (!isInside(realRoot, realApp))
    throw new RenderError(`app path ${path} leads outside the repository through a symlink`);
  const info = await stat(appDir).catch(() => undefined);
  if (!info) throw new RenderError(`app path ${path} does not exist in the repository`);
  if (!info.isDirectory()) throw new RenderError(`app path ${path} is not a folder`);
  return appDir;
}

export interface RepoFile {
  path: string;
  exists: boolean;
}

/**
 * A file named by the source (a helm value file, a --set-file): relative to `baseDir`, or to the
 * repository root when it starts with `/`; refused when it, or a symlink on its way, leaves the root.
 */
export async function resolveRepoFile(
  repoRoot: string,
  baseDir: string,
  file: string,
  what: string,
): Promise<RepoFile> {
  checkPathText(file, what);
  const root = resolve(repoRoot);
  const path = isAbsolute(file) ? join(root, file) : resolve(baseDir, file);
  if (!isInside(root, path)) throw new RenderError(`${what} ${file} points outside the repository`, { file });
  const real = await realPathOrLexical(path);
  if (!isInside(await realpath(root), real)) {
    throw new RenderError(`${what} ${file} leads outside the repository through a symlink`, { file });
  }
  const exists = await stat(path).then(
    (info) => info.isFile(),
    () => false,
  );
  return { path, exists };
}

/** Refuses a repository holding a symlink whose target lies outside it (Argo CD's default). */
export async function assertNoSymlinksOut(repoRoot: string): Promise<void> {
  const realRoot = await realpath(repoRoot);
  const pending = [realRoot];
  while (pending.length > 0) {
    const dir = pending.pop() as string;
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== '.git') pending.push(path);
      } else if (entry.isSymbolicLink()) {
        const target = resolve(dir, await readlink(path));
        const real = await realPathOrLexical(target);
        if (!isInside(realRoot, real)) {
          const file = relative(realRoot, path);
          throw new RenderError(`the repository holds a symlink pointing outside it: ${file}`, { file });
        }
      }
    }
  }
}

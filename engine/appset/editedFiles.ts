// A preview with edited git files: what the set would do once an edit of a file its git
// generators read (a cluster's config.json, a folder's marker) is committed. The repository's
// checkout at the revision is copied to a scratch folder and the edited texts are written over
// the copy, so the generators read exactly what the commit would hold; the real checkout is never
// touched. The paths are someone else's text: relative, no `..`, never through a symbolic link
// the repository holds (it could point anywhere on the machine), and the copy is removed after.
import { cp, lstat, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FileReadError, readRegularTextFile } from '../files/regularFile.ts';
import { GeneratorError } from './errors.ts';
import type { RepositorySource } from './sources.ts';

export interface EditedFile {
  repoURL: string;
  /** The file's path in the repository, `/`-separated. */
  path: string;
  text: string;
}

/** The path as segments, refused when it is absolute, climbs, or names nothing. */
function segmentsOf(path: string): string[] {
  const segments = path.split('/').filter((segment) => segment !== '' && segment !== '.');
  if (path.startsWith('/') || path.includes('\\') || segments.length === 0 || segments.includes('..'))
    throw new GeneratorError(
      `the edited file ${JSON.stringify(path.slice(0, 200))} is not a path inside the repository`,
    );
  return segments;
}

async function kindOf(path: string): Promise<'missing' | 'link' | 'dir' | 'file'> {
  try {
    const stats = await lstat(path);
    return stats.isSymbolicLink() ? 'link' : stats.isDirectory() ? 'dir' : 'file';
  } catch {
    return 'missing';
  }
}

/** Writes `text` at `path` under `root`, creating folders, never through a symbolic link. */
async function writeInside(root: string, path: string, text: string): Promise<void> {
  const segments = segmentsOf(path);
  let at = root;
  for (const [index, segment] of segments.entries()) {
    at = join(at, segment);
    const kind = await kindOf(at);
    const last = index === segments.length - 1;
    if (kind === 'link')
      throw new GeneratorError(
        `the edited file ${path} goes through a symbolic link of the repository: not written`,
      );
    if (!last && kind === 'file') throw new GeneratorError(`the edited file ${path}: ${segment} is a file`);
    if (last && kind === 'dir') throw new GeneratorError(`the edited file ${path} is a folder`);
    if (!last && kind === 'missing') await mkdir(at);
  }
  await writeFile(at, text);
}

/**
 * `repositories` with the edited files written over a copy of each repository they name (the
 * other repositories as they are), and the function that removes the copies.
 */
export async function withEditedFiles(
  repositories: RepositorySource,
  files: readonly EditedFile[],
  scratchParent: string,
): Promise<{ repositories: RepositorySource; cleanup: () => Promise<void> }> {
  if (files.length === 0) return { repositories, cleanup: async () => undefined };
  for (const file of files) segmentsOf(file.path);
  await mkdir(scratchParent, { recursive: true });
  const scratch = await mkdtemp(join(scratchParent, 'edited-'));
  const copies = new Map<string, Promise<string>>();
  const copyOf = (repoURL: string, revision: string) => {
    const key = `${repoURL}\n${revision}`;
    let copy = copies.get(key);
    if (!copy) {
      copy = (async () => {
        const source = await repositories.checkout(repoURL, revision);
        const target = join(scratch, String(copies.size));
        // symbolic links copied as they are: the generators' walk decides what they may follow
        await cp(source, target, { recursive: true, verbatimSymlinks: true });
        for (const file of files.filter((edited) => edited.repoURL === repoURL))
          await writeInside(target, file.path, file.text);
        return target;
      })();
      copies.set(key, copy);
    }
    return copy;
  };
  const edited = new Set(files.map((file) => file.repoURL));
  return {
    repositories: {
      checkout: (repoURL, revision) =>
        edited.has(repoURL) ? copyOf(repoURL, revision) : repositories.checkout(repoURL, revision),
    },
    cleanup: () => rm(scratch, { recursive: true, force: true }),
  };
}

/**
 * The text of a file in a repository's checkout, to edit it: null when there is no such file (a
 * new one), an error when the path goes through a symbolic link, names a folder, or is larger
 * than `maxBytes`.
 */
export async function repositoryFileText(
  repositories: RepositorySource,
  repoURL: string,
  revision: string,
  path: string,
  maxBytes: number,
): Promise<string | null> {
  const segments = segmentsOf(path);
  let at = await repositories.checkout(repoURL, revision);
  for (const segment of segments) {
    at = join(at, segment);
    const kind = await kindOf(at);
    if (kind === 'missing') return null;
    if (kind === 'link') throw new GeneratorError(`${path} goes through a symbolic link of the repository`);
  }
  if ((await kindOf(at)) !== 'file') throw new GeneratorError(`${path} is a folder`);
  return readRegularTextFile(at, { maxBytes }).catch((error: unknown) => {
    // the message names the file as the repository does, not the checkout's place on this machine
    if (error instanceof FileReadError)
      throw new GeneratorError(`${path} cannot be opened to edit (${error.code}, at most ${maxBytes} bytes)`);
    throw error;
  });
}

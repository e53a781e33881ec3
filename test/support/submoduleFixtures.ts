// Superprojects for the submodule tests: a commit that pins a submodule at a given commit, with
// whatever `.gitmodules` the test writes (hostile ones too), made with git's plumbing so that no
// submodule has to be cloned into the working copy.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { git, type Remote } from './gitFixtures.ts';

export interface Pin {
  /** Where the submodule sits in the superproject. */
  path: string;
  /** The commit the superproject pins. */
  sha: string;
}

/** One `[submodule "<name>"]` section per entry, values written as given. */
export function gitmodules(entries: Record<string, Record<string, string>>): string {
  return Object.entries(entries)
    .map(
      ([name, values]) =>
        `[submodule "${name}"]\n${Object.entries(values)
          .map(([key, value]) => `\t${key} = ${value}\n`)
          .join('')}`,
    )
    .join('');
}

/**
 * Commits `.gitmodules` (given text) and the gitlinks `pins` in the superproject's working clone,
 * plus any other files; returns the commit (not pushed). A gitlink's folder is made empty in the
 * working clone, so later commits of the clone keep it.
 */
export async function commitPins(
  remote: Remote,
  modules: string,
  pins: readonly Pin[],
  files: Record<string, string> = {},
  message = 'pin submodules',
): Promise<string> {
  await writeFile(join(remote.work, '.gitmodules'), modules);
  await git(remote.work, 'add', '.gitmodules');
  for (const [path, content] of Object.entries(files)) {
    await mkdir(join(remote.work, path, '..'), { recursive: true });
    await writeFile(join(remote.work, path), content);
    await git(remote.work, 'add', '--', path);
  }
  for (const pin of pins) {
    await mkdir(join(remote.work, pin.path), { recursive: true });
    await git(remote.work, 'update-index', '--add', '--cacheinfo', `160000,${pin.sha},${pin.path}`);
  }
  await git(remote.work, 'commit', '--quiet', '-m', message);
  return git(remote.work, 'rev-parse', 'HEAD');
}

// Git for workspace writes and the demo repository, through simple-git with argument arrays.
// Commits get a Plumbline identity only where the user has configured none.
import { realpath } from 'node:fs/promises';
import { simpleGit, type SimpleGit } from 'simple-git';

const fallbackIdentity = ['user.name=Plumbline', 'user.email=plumbline@localhost'];

/** A simple-git client for `dir` that can commit even where no user identity is configured. */
export async function gitIn(dir: string): Promise<SimpleGit> {
  const probe = simpleGit({ baseDir: dir });
  const email = await probe.getConfig('user.email').then(
    (entry) => entry.value,
    () => null,
  );
  return email ? probe : simpleGit({ baseDir: dir, config: fallbackIdentity });
}

/**
 * True when writes to workspace `dir` belong in git: it is the top of a work tree, or inside one
 * that already tracks files under it. A data folder that merely sits inside some larger repository
 * (a home folder kept in git) is left alone.
 */
export async function isGitWorkspace(dir: string): Promise<boolean> {
  const git = simpleGit({ baseDir: dir });
  if (!(await git.checkIsRepo().catch(() => false))) return false;
  const top = (await git.revparse(['--show-toplevel'])).trim();
  if ((await realpath(top)) === (await realpath(dir))) return true;
  return (await git.raw(['ls-files', '--', '.'])).trim() !== '';
}

/**
 * Commits exactly `files` (paths relative to `dir`, added, changed or deleted) with `message`,
 * leaving anything else the user has staged alone. Returns the new commit, or null when `dir`
 * is not a git workspace or nothing changed.
 */
export async function commitFiles(dir: string, files: string[], message: string): Promise<string | null> {
  if (!(await isGitWorkspace(dir))) return null;
  const git = await gitIn(dir);
  await git.raw(['add', '--all', '--', ...files]);
  const staged = await git.raw(['diff', '--cached', '--name-only', '--', ...files]);
  if (staged.trim() === '') return null;
  await git.raw(['commit', '--quiet', '-m', message, '--', ...files]);
  return (await git.revparse(['HEAD'])).trim();
}

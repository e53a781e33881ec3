// The throw-away copy of a checkout a config management plugin works in, as Argo CD streams the
// repository to its plugin sidecar: every file really copied (never hard-linked, so nothing the
// plugin writes reaches the shared checkout), `.git` left out (a worktree's `.git` leads back to
// the shared repository), file modes normalised to 0644 (folders 0755) unless the plugin sets
// preserveFileMode, symbolic links recreated as written once found to stay inside the repository.
// The copy lives in its own folder of the system's temporary space, beside a private TMPDIR for
// the plugin, and is removed after the run.
import { chmod, copyFile, mkdir, mkdtemp, readdir, readlink, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { RenderError } from '../errors.ts';
import { isInside } from '../paths.ts';

export interface WorkCopy {
  /** The copy of the checkout's root. */
  root: string;
  /** The application folder inside the copy: the plugin's working directory. */
  appDir: string;
  /** An empty folder for the plugin's temporary files (its TMPDIR). */
  tmpDir: string;
  /** A message with the copy's paths turned back into the checkout's. */
  scrub(text: string): string;
  dispose(): Promise<void>;
}

async function copyTree(from: string, to: string, root: string, preserveFileMode: boolean): Promise<void> {
  await mkdir(to, { recursive: true, mode: 0o755 });
  const entries = await readdir(from, { withFileTypes: true });
  for (const entry of entries) {
    if (entry.name === '.git') continue;
    const [src, dst] = [join(from, entry.name), join(to, entry.name)];
    if (entry.isDirectory()) await copyTree(src, dst, root, preserveFileMode);
    else if (entry.isSymbolicLink()) {
      const target = await readlink(src);
      // An absolute target would lead the copy's link back into the checkout (or anywhere).
      if (isAbsolute(target) || !isInside(root, resolve(dirname(src), target))) {
        const file = relative(root, src);
        throw new RenderError(`the repository holds a symlink pointing outside it: ${file}`, { file });
      }
      await symlink(target, dst);
    } else if (entry.isFile()) {
      await copyFile(src, dst);
      if (!preserveFileMode) await chmod(dst, 0o644);
    }
    // sockets, fifos, devices: not part of a repository
  }
}

export async function makeWorkCopy(
  checkoutDir: string,
  appDir: string,
  options: { preserveFileMode: boolean },
): Promise<WorkCopy> {
  const scratch = await mkdtemp(join(tmpdir(), 'plumbline-cmp-'));
  const dispose = () => rm(scratch, { recursive: true, force: true, maxRetries: 2 });
  try {
    const root = join(scratch, 'repo');
    const tmpDir = join(scratch, 'tmp');
    await mkdir(tmpDir, { mode: 0o700 });
    await copyTree(resolve(checkoutDir), root, resolve(checkoutDir), options.preserveFileMode);
    const scrub = (text: string) =>
      text.split(root).join(checkoutDir).split(scratch).join('<plugin work folder>');
    return { root, appDir: join(root, relative(checkoutDir, appDir)), tmpDir, scrub, dispose };
  } catch (error) {
    await dispose();
    throw error;
  }
}

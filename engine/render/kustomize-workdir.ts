// A private mirror of a checkout in which the application's kustomization can be edited as Argo CD
// edits it, so the checkout (shared by every render of that commit) is never written to. The
// mirror keeps the repository's layout, so `../base` and components elsewhere in it resolve as in
// the checkout; `.git` is left out. Kustomize's messages name the copy: `scrub` puts the
// checkout's path back.
import {
  copyFile,
  link,
  mkdir,
  mkdtemp,
  readFile,
  readdir,
  readlink,
  rm,
  symlink,
  writeFile,
} from 'node:fs/promises';
import { join, relative } from 'node:path';
import { parseYamlValue } from '../yaml/index.ts';
import { RenderError, describeError } from './errors.ts';
import { editKustomization, type KustomizeEdit } from './kustomize-edit.ts';
import { KUSTOMIZATION_FILES } from './source-type.ts';

export interface KustomizeWorkdir {
  /** The application's folder inside the copy. */
  appDir: string;
  /** The copy's root, the working directory of the build. */
  root: string;
  /** A message with the copy's paths turned back into the checkout's. */
  scrub: (text: string) => string;
  dispose: () => Promise<void>;
}

/** The kustomization file of a folder, as kustomize edit finds it: exactly one of the three names. */
async function kustomizationFile(appDir: string, label: string): Promise<string> {
  const present = (await readdir(appDir)).filter((name) => KUSTOMIZATION_FILES.includes(name));
  if (present.length === 0)
    throw new RenderError(`the kustomize options need a kustomization file in ${label}, and it has none`);
  if (present.length > 1)
    throw new RenderError(`${label} has more than one kustomization file: ${present.join(', ')}`);
  return present[0] as string;
}

/**
 * The kustomization as kustomize reads it, through the engine's safe YAML loader (its size,
 * nesting and alias limits; a repeated key's last value wins, as in Go; `<<` merge keys).
 */
export function readKustomization(text: string, file: string): Record<string, unknown> {
  let doc: unknown;
  try {
    doc = parseYamlValue(text, { source: file, merge: true });
  } catch (error) {
    const reason = describeError(error).replace(`${file}: `, '');
    throw new RenderError(`invalid kustomization ${file}: ${reason}`, { file });
  }
  if (doc === null || doc === undefined) return {};
  if (typeof doc !== 'object' || Array.isArray(doc))
    throw new RenderError(`invalid kustomization ${file}: it is not a mapping`, { file });
  return doc as Record<string, unknown>;
}

/**
 * `source` mirrored at `target`: folders made, files hard-linked (copied where the file system
 * cannot link), symlinks recreated as written; `.git` left out. Linking keeps a large checkout
 * cheap to mirror — a few thousand files take well under a second, where copying them took
 * seconds — and is safe because nothing writes to the mirror's files: the one file edited is
 * removed first and written anew.
 */
async function linkTree(source: string, target: string): Promise<void> {
  let canLink = true;
  const mirror = async (from: string, to: string): Promise<void> => {
    await mkdir(to, { recursive: true });
    const entries = await readdir(from, { withFileTypes: true });
    await Promise.all(
      entries.map(async (entry) => {
        if (entry.name === '.git') return;
        const [src, dst] = [join(from, entry.name), join(to, entry.name)];
        if (entry.isDirectory()) return mirror(src, dst);
        if (entry.isSymbolicLink()) return symlink(await readlink(src), dst);
        if (!entry.isFile()) return; // sockets, fifos: nothing kustomize reads
        if (canLink) {
          try {
            return await link(src, dst);
          } catch (error) {
            if (
              !['EXDEV', 'EPERM', 'EMLINK', 'ENOTSUP'].includes((error as NodeJS.ErrnoException).code ?? '')
            )
              throw error;
            canLink = false;
          }
        }
        await copyFile(src, dst);
      }),
    );
  };
  await mirror(source, target);
}

export async function kustomizeWorkdir(
  repoRoot: string,
  appDir: string,
  tmpDir: string,
  edit: Omit<KustomizeEdit, 'fileName'>,
): Promise<KustomizeWorkdir> {
  await mkdir(tmpDir, { recursive: true });
  const scratch = await mkdtemp(join(tmpDir, 'kustomize-'));
  const dispose = () => rm(scratch, { recursive: true, force: true });
  try {
    const root = join(scratch, 'repo');
    await linkTree(repoRoot, root);
    const appRel = relative(repoRoot, appDir);
    const copiedApp = join(root, appRel);
    const label = appRel.split('\\').join('/') || '.';
    const fileName = await kustomizationFile(copiedApp, label);
    const path = join(copiedApp, fileName);
    const fileLabel = label === '.' ? fileName : `${label}/${fileName}`;
    const edited = editKustomization(readKustomization(await readFile(path, 'utf8'), fileLabel), {
      ...edit,
      fileName,
    });
    // JSON is YAML that no reader can take for anything else; a symlinked file is replaced, not followed.
    await rm(path, { force: true });
    await writeFile(path, `${JSON.stringify(edited, null, 2)}\n`);
    const scrub = (text: string) => text.split(root).join(repoRoot);
    return { appDir: copiedApp, root, scrub, dispose };
  } catch (error) {
    await dispose();
    throw error;
  }
}

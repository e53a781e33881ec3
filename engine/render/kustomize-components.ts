// Which of a source's `kustomize.components` are added to the kustomization, as Argo CD decides:
// with `ignoreMissingComponents`, one that does not exist in the repository (or lies outside it)
// is left out; the rest are expanded as globs and must match something, as `kustomize edit add
// component` requires. Unlike Argo CD, a local component outside the repository is refused
// (Plumbline never reads outside a repository), and so is a `file://` address.
import { realpath, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { RenderError } from './errors.ts';
import { goGlob, hasGlobMeta } from './go-glob.ts';
import { isInside } from './paths.ts';

// Addresses kustomize fetches itself (a git repository), as Argo CD lets it.
const REMOTE = /^(?:https?:\/\/|ssh:\/\/|git@|git::)/i;

function fail(component: string, reason: string): never {
  throw new RenderError(`kustomize.components: ${JSON.stringify(component)} ${reason}`);
}

async function existsInside(repoRoot: string, path: string): Promise<'inside' | 'outside' | 'missing'> {
  if (!isInside(repoRoot, path)) return 'outside';
  const real = await realpath(path).catch(() => undefined);
  if (real === undefined) {
    const exists = await stat(path).then(
      () => true,
      () => false,
    );
    return exists ? 'outside' : 'missing';
  }
  return isInside(await realpath(repoRoot), real) ? 'inside' : 'outside';
}

/** The components to add, as written in the source (kustomize resolves them from the app folder). */
export async function componentsToAdd(
  repoRoot: string,
  appDir: string,
  components: string[],
  ignoreMissing: boolean,
): Promise<string[]> {
  const added: string[] = [];
  for (const component of components) {
    if (component.startsWith('-')) fail(component, 'starts with "-", which kustomize edit reads as a flag');
    if (component.includes('\0') || /[\r\n]/.test(component)) fail(component, 'holds a control character');
    if (REMOTE.test(component)) {
      if (!ignoreMissing) added.push(component); // Argo CD's check looks only on disk
      continue;
    }
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(component))
      fail(component, 'is an address kustomize would read outside the repository');
    // Argo CD's ignoreMissingComponents looks at the component as written, before any glob.
    if (ignoreMissing && (await existsInside(repoRoot, resolve(appDir, component))) !== 'inside') continue;
    // kustomize edit add component expands each one as a glob; a plain path names itself.
    if (!hasGlobMeta(component) && !isInside(repoRoot, resolve(appDir, component)))
      fail(component, 'points outside the repository');
    const matches = await goGlob(appDir, component);
    if (matches.length === 0) fail(component, 'has no match in the repository');
    for (const match of matches) {
      if ((await existsInside(repoRoot, resolve(appDir, match))) !== 'inside')
        fail(
          component,
          match === component ? 'points outside the repository' : `matches ${match}, outside the repository`,
        );
      added.push(match);
    }
  }
  return added;
}

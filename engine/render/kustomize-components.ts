// Which of a source's `kustomize.components` are added to the kustomization, as Argo CD decides:
// with `ignoreMissingComponents`, one that does not exist in the repository (or lies outside it)
// is left out; the rest must exist, as `kustomize edit add component` requires. Unlike Argo CD,
// a local component outside the repository is refused (Plumbline never reads outside a
// repository), and a glob pattern or a `file://` address is refused with the reason.
import { realpath, stat } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { RenderError } from './errors.ts';
import { isInside } from './paths.ts';

// Addresses kustomize fetches itself (a git repository), as Argo CD lets it.
const REMOTE = /^(?:https?:\/\/|ssh:\/\/|git@|git::)/i;
const GLOB = /[*?[\\]/;

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
    const where = await existsInside(repoRoot, resolve(appDir, component));
    if (ignoreMissing && where !== 'inside') continue;
    if (GLOB.test(component)) fail(component, 'is a glob pattern, which Plumbline does not expand');
    if (where === 'outside')
      fail(
        component,
        `points outside the repository (${relative(repoRoot, resolve(appDir, component)).split('\\').join('/')})`,
      );
    if (where === 'missing') fail(component, 'has no match in the repository');
    added.push(component);
  }
  return added;
}

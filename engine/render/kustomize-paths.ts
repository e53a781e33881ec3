// Every path a kustomization may make kustomize read, checked before kustomize runs. Kustomize's
// own load restrictor (root-only, which Plumbline always passes) keeps files next to each
// kustomization but lets `resources` and `components` name folders anywhere on the disk; and a
// name that is not on the disk is fetched as a remote base. So Plumbline walks the kustomization
// and every local kustomization it reaches (resources, bases, components, generators,
// transformers, validators) and reads each path field — patches, generator files and env files,
// crds, configurations, openapi, replacements, helm values — refusing one that climbs out of the
// repository with `..`, is absolute outside it, or leads out through a symlink; and refusing a
// remote base or URL unless the `render.allowRemoteKustomizeBases` setting allows them.
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { RenderError } from './errors.ts';
import { readKustomization } from './kustomize-workdir.ts';
import { isInside } from './paths.ts';
import { KUSTOMIZATION_FILES } from './source-type.ts';

export interface KustomizePathCheck {
  /** The repository (or its private copy) nothing may leave. */
  root: string;
  /** The folder kustomize builds; it may itself lie outside `root` (an overlay in a scratch folder). */
  dir: string;
  allowRemote: boolean;
}

// A kustomization reaching more than this many others is refused rather than walked for ever.
const MAX_KUSTOMIZATIONS = 5000;
// What kustomize takes for a remote address: a URL, git's scp form, go-getter's `git::`.
const REMOTE = /^(?:[a-z][a-z0-9+.-]*:\/\/|git@|git::)/i;

type Kind = 'kustomization' | 'file';

interface Reference {
  field: string;
  value: string;
  /** Folders here are kustomizations to walk; missing ones kustomize fetches as remote bases. */
  kind: Kind;
}

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

function records(value: unknown): Array<Record<string, unknown>> {
  return Array.isArray(value)
    ? value.filter((item): item is Record<string, unknown> => typeof item === 'object' && item !== null)
    : [];
}

/** `key=path` or `path`, as configMapGenerator files are written. */
function generatorFile(entry: string): string {
  const equals = entry.indexOf('=');
  return equals < 0 ? entry : entry.slice(equals + 1);
}

/** The path fields of one kustomization. Inline content (a patch written out) is not a path. */
export function referencesOf(k: Record<string, unknown>): Reference[] {
  const refs: Reference[] = [];
  const add = (field: string, values: string[], kind: Kind) => {
    for (const value of values) if (!/[\n\r]/.test(value)) refs.push({ field, value, kind });
  };
  for (const field of ['resources', 'bases', 'components', 'generators', 'transformers', 'validators'])
    add(field, strings(k[field]), 'kustomization');
  for (const field of ['crds', 'configurations', 'patchesStrategicMerge'])
    add(field, strings(k[field]), 'file');
  for (const field of ['patches', 'patchesJson6902', 'replacements'])
    for (const item of records(k[field])) add(`${field}.path`, strings(item.path), 'file');
  for (const field of ['configMapGenerator', 'secretGenerator']) {
    for (const generator of records(k[field])) {
      add(`${field}.files`, strings(generator.files).map(generatorFile), 'file');
      add(`${field}.envs`, strings(generator.envs), 'file');
      add(`${field}.env`, strings(generator.env), 'file');
    }
  }
  for (const chart of records(k.helmCharts)) {
    add('helmCharts.valuesFile', strings(chart.valuesFile), 'file');
    add('helmCharts.additionalValuesFiles', strings(chart.additionalValuesFiles), 'file');
  }
  const globals = records([k.helmGlobals])[0];
  if (globals) add('helmGlobals.chartHome', strings(globals.chartHome), 'file');
  const openapi = records([k.openapi])[0];
  if (openapi) add('openapi.path', strings(openapi.path), 'file');
  return refs;
}

async function kustomizationIn(dir: string): Promise<string | undefined> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const name = KUSTOMIZATION_FILES.find((candidate) => names.includes(candidate));
  return name === undefined ? undefined : join(dir, name);
}

function refuse(where: string, ref: Reference, reason: string): never {
  throw new RenderError(`${where}: ${ref.field} entry ${JSON.stringify(ref.value)} ${reason}`, {
    file: where,
  });
}

/** Refuses the build before kustomize runs when a path of the kustomization tree leaves `root`. */
export async function assertKustomizationInside(check: KustomizePathCheck): Promise<void> {
  const root = resolve(check.root);
  const realRoot = await realpath(root);
  const label = (path: string) =>
    (isInside(root, path) ? relative(root, path) : relative(check.dir, path)) || '.';
  const pending = [resolve(check.dir)];
  const seen = new Set<string>();
  while (pending.length > 0) {
    const dir = pending.pop() as string;
    const real = await realpath(dir);
    if (seen.has(real)) continue;
    seen.add(real);
    if (seen.size > MAX_KUSTOMIZATIONS)
      throw new RenderError(`${label(check.dir)}: more than ${MAX_KUSTOMIZATIONS} kustomizations reached`);
    const file = await kustomizationIn(dir);
    if (file === undefined) continue; // kustomize says what is missing
    const where = label(file);
    const realFile = await realpath(file);
    if (isInside(root, dir) && !isInside(realRoot, realFile))
      throw new RenderError(`${where} leads outside the repository through a symlink`, { file: where });
    const kustomization = readKustomization(await readFile(file, 'utf8'), where);
    for (const ref of referencesOf(kustomization)) {
      if (ref.value.includes('\0')) refuse(where, ref, 'contains a NUL character');
      if (REMOTE.test(ref.value)) {
        if (/^file:/i.test(ref.value))
          refuse(where, ref, 'is a file:// address, which kustomize may read outside the repository');
        if (!check.allowRemote)
          refuse(
            where,
            ref,
            'is remote; remote kustomize bases are off (setting render.allowRemoteKustomizeBases)',
          );
        continue;
      }
      const target = isAbsolute(ref.value) ? ref.value : resolve(dir, ref.value);
      if (!isInside(root, target)) refuse(where, ref, 'points outside the repository');
      const realTarget = await realpath(target).catch(() => undefined);
      if (realTarget === undefined) {
        // A base that is not on the disk is one kustomize would try to fetch (`github.com/org/repo`).
        if (ref.kind === 'kustomization' && !check.allowRemote)
          refuse(
            where,
            ref,
            'does not exist in the repository (kustomize would fetch it as a remote base; remote kustomize bases are off, setting render.allowRemoteKustomizeBases)',
          );
        continue;
      }
      if (!isInside(realRoot, realTarget))
        refuse(where, ref, 'leads outside the repository through a symlink');
      if (ref.kind === 'kustomization' && (await stat(realTarget)).isDirectory()) pending.push(target);
    }
  }
}

// What Argo CD's repo server does to an application's kustomization before `kustomize build`:
// it runs `kustomize edit set nameprefix|namesuffix|image|replicas|namespace`, `edit add
// label|annotation|component` and appends the source's patches to the file. Plumbline edits a
// copy of the kustomization the same way (kubectl has no `edit`, and the checkout is never
// written to), so the options replace or merge with the kustomization's own exactly as there:
// a namePrefix replaces the kustomization's, an image or replica entry of the same name is
// replaced, a label or annotation the kustomization already sets is refused unless forced.
import { RenderError } from './errors.ts';
import { argoEnvsubst } from './envsubst.ts';
import type { KustomizeSourceOptions } from './types.ts';

export type Kustomization = Record<string, unknown>;

/** Options that make Argo CD edit the kustomization (the others only pick the binary or check). */
export function editsKustomization(options: KustomizeSourceOptions | undefined): boolean {
  if (!options) return false;
  const some = (value: object | undefined) => value !== undefined && Object.keys(value).length > 0;
  return Boolean(
    options.namePrefix ||
    options.nameSuffix ||
    options.namespace ||
    some(options.images) ||
    some(options.replicas) ||
    some(options.commonLabels) ||
    some(options.commonAnnotations) ||
    some(options.patches) ||
    some(options.components),
  );
}

function fail(field: string, message: string): never {
  throw new RenderError(`kustomize.${field}: ${message}`);
}

// Kustomize decodes its file with Go's JSON rules, where `NamePrefix:` sets `namePrefix` too.
function keysOf(doc: Kustomization, field: string): string[] {
  return Object.keys(doc).filter((key) => key.toLowerCase() === field.toLowerCase());
}

function getField(doc: Kustomization, field: string): unknown {
  const keys = keysOf(doc, field);
  return keys.length ? doc[keys[keys.length - 1] as string] : undefined;
}

function setField(doc: Kustomization, field: string, value: unknown): void {
  for (const key of keysOf(doc, field)) delete doc[key];
  doc[field] = value;
}

/** An argument Argo CD passes to `kustomize edit` without `--`: a leading `-` would be a flag. */
function notAFlag(field: string, argument: string): string {
  if (argument.startsWith('-'))
    fail(field, `${JSON.stringify(argument)} starts with "-", which kustomize edit reads as a flag`);
  return argument;
}

function listOf(field: string, value: unknown): Array<Record<string, unknown>> {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) fail(field, `the kustomization's ${field} is not a list`);
  return value.filter((item): item is Record<string, unknown> => Boolean(item) && typeof item === 'object');
}

function mapOf(field: string, value: unknown): Record<string, unknown> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value))
    fail(field, `the kustomization's ${field} is not a mapping`);
  return { ...(value as Record<string, unknown>) };
}

const byName = (a: Record<string, unknown>, b: Record<string, unknown>) =>
  String(a.name) < String(b.name) ? -1 : String(a.name) > String(b.name) ? 1 : 0;

// ---- images: `kustomize edit set image` -------------------------------------------------------

/** Kustomize's image.Split: `name[:tag][@digest]`, a registry's `:port` before the first `/` kept. */
export function splitImage(image: string): { name: string; tag: string; digest: string } {
  const slash = image.indexOf('/');
  const offset = slash > 0 ? slash : 0;
  const search = image.slice(offset);
  const at = search.indexOf('@');
  const colon = search.indexOf(':');
  if (colon < 0 && at < 0) return { name: image, tag: '', digest: '' };
  if (at >= 0 && (at < colon || colon < 0))
    return { name: image.slice(0, offset + at), tag: '', digest: image.slice(offset + at + 1) };
  if (at >= 0 && colon >= 0) {
    return {
      name: image.slice(0, offset + colon),
      tag: image.slice(offset + colon + 1, offset + at),
      digest: image.slice(offset + at + 1),
    };
  }
  return { name: image.slice(0, offset + colon), tag: image.slice(offset + colon + 1), digest: '' };
}

interface ImageEdit {
  name: string;
  newName: string;
  newTag: string;
  digest: string;
}

/** One `edit set image` argument: `[name=]newName[:tag][@digest]`, `*` keeping the old value. */
export function parseImageArgument(argument: string): ImageEdit {
  const equals = argument.indexOf('=');
  const key = equals >= 0 ? argument.slice(0, equals) : '';
  const value = equals >= 0 ? argument.slice(equals + 1) : argument;
  const { name, tag, digest } = splitImage(value);
  if (name === argument) {
    fail(
      'images',
      `${JSON.stringify(argument)} sets nothing: write name:tag, name@digest or name=newName[:tag][@digest]`,
    );
  }
  return key === ''
    ? { name, newName: '', newTag: tag, digest }
    : { name: key, newName: name, newTag: tag, digest };
}

function imageEntry(edit: ImageEdit): Record<string, unknown> {
  const entry: Record<string, unknown> = { name: edit.name };
  if (edit.newName) entry.newName = edit.newName;
  if (edit.newTag) entry.newTag = edit.newTag;
  if (edit.digest) entry.digest = edit.digest;
  return entry;
}

function setImages(doc: Kustomization, images: string[], env: Record<string, string>): void {
  const edits = new Map<string, ImageEdit>();
  for (const image of images) {
    const edit = parseImageArgument(notAFlag('images', argoEnvsubst(image, env)));
    edits.set(edit.name, edit);
  }
  // Kustomize reads the old `imageTags` as more images.
  const existing = [
    ...listOf('images', getField(doc, 'images')),
    ...listOf('imageTags', getField(doc, 'imageTags')),
  ];
  const merged = new Map<string, Record<string, unknown>>();
  for (const [name, edit] of edits) merged.set(name, imageEntry(edit));
  for (const old of existing) {
    const name = String(old.name ?? '');
    const edit = edits.get(name);
    if (!edit) {
      merged.set(name, old);
      continue;
    }
    const text = (field: string) => (typeof old[field] === 'string' ? (old[field] as string) : '');
    merged.set(
      name,
      imageEntry({
        name,
        newName: edit.newName === '*' ? text('newName') : edit.newName,
        newTag: edit.newTag === '*' ? text('newTag') : edit.newTag,
        digest: edit.digest === '*' ? text('digest') : edit.digest,
      }),
    );
  }
  // A `*` with nothing to keep keeps nothing.
  const result = [...merged.values()].map((entry) => {
    const cleaned = { ...entry };
    for (const field of ['newName', 'newTag', 'digest']) if (cleaned[field] === '*') delete cleaned[field];
    return cleaned;
  });
  for (const key of keysOf(doc, 'imageTags')) delete doc[key];
  setField(doc, 'images', result.sort(byName));
}

// ---- replicas: `kustomize edit set replicas` --------------------------------------------------

/** Argo CD's KustomizeReplica.GetIntCount: an integer, or a string holding one. */
export function replicaCount(replica: { name: string; count: number | string }): number {
  if (typeof replica.count === 'number') return Math.trunc(replica.count);
  if (!/^[+-]?\d+$/.test(replica.count))
    fail('replicas', `expected integer value for count. Received: ${replica.count}`);
  return Number.parseInt(replica.count, 10);
}

function setReplicas(doc: Kustomization, replicas: Array<{ name: string; count: number | string }>): void {
  const edits = new Map<string, Record<string, unknown>>();
  for (const replica of replicas) {
    const count = replicaCount(replica);
    notAFlag('replicas', `${replica.name}=${count}`);
    if (replica.name.includes('=')) fail('replicas', `the name ${JSON.stringify(replica.name)} contains "="`);
    edits.set(replica.name, { name: replica.name, count });
  }
  for (const old of listOf('replicas', getField(doc, 'replicas'))) {
    const name = String(old.name ?? '');
    if (!edits.has(name)) edits.set(name, old);
  }
  setField(doc, 'replicas', [...edits.values()].sort(byName));
}

// ---- labels and annotations: `kustomize edit add label|annotation` ----------------------------

/** The `key:value` arguments as kustomize splits them: at the first `:`, one pair of quotes off. */
function metadataPairs(
  field: string,
  kind: string,
  pairs: Record<string, string>,
  env?: Record<string, string>,
) {
  const result = new Map<string, string>();
  for (const key of Object.keys(pairs).sort()) {
    const value = env ? argoEnvsubst(pairs[key] ?? '', env) : (pairs[key] ?? '');
    const argument = notAFlag(field, `${key}:${value}`);
    const colon = argument.indexOf(':');
    if (colon === 0) fail(field, `invalid ${kind}: ${JSON.stringify(argument)} has no key`);
    let text = argument.slice(colon + 1);
    if (text.length >= 2 && text.startsWith('"') && text.endsWith('"')) text = text.slice(1, -1);
    result.set(argument.slice(0, colon), text);
  }
  return result;
}

function addToMap(
  field: string,
  kind: string,
  target: Record<string, unknown>,
  pairs: Map<string, string>,
  force: boolean,
) {
  for (const [key, value] of pairs) {
    if (Object.hasOwn(target, key) && !force) {
      const flag = kind === 'label' ? 'forceCommonLabels' : 'forceCommonAnnotations';
      fail(field, `${kind} ${key} is already in the kustomization; set ${flag} to override it`);
    }
    target[key] = value;
  }
}

function addLabels(doc: Kustomization, options: KustomizeSourceOptions, env: Record<string, string>): void {
  const field = 'commonLabels';
  const force = options.forceCommonLabels ?? false;
  const includeTemplates = options.labelIncludeTemplates ?? false;
  if (!options.labelWithoutSelector && includeTemplates)
    fail(
      'labelIncludeTemplates',
      'needs labelWithoutSelector, as kustomize edit add label --include-templates does',
    );
  const pairs = metadataPairs(field, 'label', options.commonLabels ?? {}, env);
  if (!options.labelWithoutSelector) {
    const labels = mapOf(field, getField(doc, field));
    addToMap(field, 'label', labels, pairs, force);
    setField(doc, field, labels);
    return;
  }
  // Without selectors the pairs join the first `labels` entry of the same kind, or a new one.
  const entries = listOf('labels', getField(doc, 'labels')).map((entry) => ({ ...entry }));
  const sameKind = (entry: Record<string, unknown>) =>
    !entry.includeSelectors && Boolean(entry.includeTemplates) === includeTemplates;
  let entry = entries.find(sameKind);
  if (!entry) {
    entry = includeTemplates ? { pairs: {}, includeTemplates: true } : { pairs: {} };
    entries.push(entry);
  }
  const target = mapOf('labels', entry.pairs);
  addToMap(field, 'label', target, pairs, force);
  entry.pairs = target;
  setField(doc, 'labels', entries);
}

function addAnnotations(
  doc: Kustomization,
  options: KustomizeSourceOptions,
  env: Record<string, string>,
): void {
  const field = 'commonAnnotations';
  const pairs = metadataPairs(
    field,
    'annotation',
    options.commonAnnotations ?? {},
    options.commonAnnotationsEnvsubst ? env : undefined,
  );
  const annotations = mapOf(field, getField(doc, field));
  addToMap(field, 'annotation', annotations, pairs, options.forceCommonAnnotations ?? false);
  setField(doc, field, annotations);
}

// ---- patches: appended to the file, as Argo CD does ------------------------------------------

const TARGET_FIELDS = [
  'group',
  'version',
  'kind',
  'name',
  'namespace',
  'annotationSelector',
  'labelSelector',
];

/** A patch as Argo CD's typed KustomizePatch serialises it: known fields only, empty ones left out. */
export function typedPatch(patch: unknown, index: number): Record<string, unknown> {
  if (!patch || typeof patch !== 'object' || Array.isArray(patch))
    fail(`patches[${index}]`, 'is not a mapping');
  const source = patch as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const field of ['path', 'patch']) {
    const value = source[field];
    if (value === undefined || value === null || value === '') continue;
    if (typeof value !== 'string') fail(`patches[${index}].${field}`, 'is not a string');
    out[field] = value;
  }
  if (source.target !== undefined && source.target !== null) {
    if (typeof source.target !== 'object' || Array.isArray(source.target))
      fail(`patches[${index}].target`, 'is not a mapping');
    const target: Record<string, string> = {};
    for (const field of TARGET_FIELDS) {
      const value = (source.target as Record<string, unknown>)[field];
      if (typeof value === 'string' && value !== '') target[field] = value;
    }
    out.target = target;
  }
  const options = source.options as Record<string, unknown> | undefined;
  if (options && typeof options === 'object' && Object.keys(options).length > 0) {
    const typed: Record<string, boolean> = {};
    for (const [name, value] of Object.entries(options)) typed[name] = value === true;
    out.options = typed;
  }
  return out;
}

function addPatches(doc: Kustomization, patches: unknown[]): void {
  const existing = getField(doc, 'patches');
  if (existing !== undefined && existing !== null && !Array.isArray(existing))
    fail('patches', "the kustomization's patches field is not a list");
  const added = patches.map(typedPatch);
  setField(doc, 'patches', [...((existing as unknown[] | undefined) ?? []), ...added]);
}

// ---- components: `kustomize edit add component` -----------------------------------------------

function addComponents(doc: Kustomization, components: string[], fileName: string): void {
  const list = getField(doc, 'components');
  if (list !== undefined && list !== null && !Array.isArray(list))
    fail('components', "the kustomization's components field is not a list");
  const current = [...((list as unknown[] | undefined) ?? [])];
  for (const component of components) {
    if (component === fileName || current.includes(component)) continue;
    current.push(component);
  }
  setField(doc, 'components', current);
}

export interface KustomizeEdit {
  options: KustomizeSourceOptions;
  /** Argo CD's build environment (ARGOCD_APP_*), for the options it substitutes. */
  env: Record<string, string>;
  /** The components to add, already checked against the repository (see kustomize-components.ts). */
  components: string[];
  /** The kustomization's file name, which `edit add component` never adds to itself. */
  fileName: string;
}

/** The kustomization after Argo CD's edits, in Argo CD's order; `doc` is not changed. */
export function editKustomization(doc: Kustomization, edit: KustomizeEdit): Kustomization {
  const { options, env } = edit;
  const next: Kustomization = structuredClone(doc);
  if (options.namePrefix) setField(next, 'namePrefix', options.namePrefix);
  if (options.nameSuffix) setField(next, 'nameSuffix', options.nameSuffix);
  if (options.images?.length) setImages(next, options.images, env);
  if (options.replicas?.length) setReplicas(next, options.replicas);
  if (Object.keys(options.commonLabels ?? {}).length) addLabels(next, options, env);
  if (Object.keys(options.commonAnnotations ?? {}).length) addAnnotations(next, options, env);
  if (options.namespace) setField(next, 'namespace', options.namespace);
  if (options.patches?.length) addPatches(next, options.patches);
  if (edit.components.length) addComponents(next, edit.components, edit.fileName);
  return next;
}

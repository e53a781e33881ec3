// The edits `plumbline app set` makes to an Application definition, as `argocd app set` makes
// them: the source's targetRevision, Helm parameters (`--helm-set name=value` replaces the
// parameter of that name or adds it) and Kustomize images (`--kustomize-image` replaces the image
// of the same name or adds it). The first source is edited unless another is named.

export interface DefinitionSet {
  revision?: string;
  helmSet: string[];
  kustomizeImages: string[];
  /** 1-based, as `--source-position` in Argo CD. */
  sourcePosition?: number;
}

type Obj = Record<string, unknown>;
const isObj = (value: unknown): value is Obj =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Argo CD's KustomizeImage match: the name before `=`, else the image without its tag or digest. */
export function kustomizeImageName(image: string): string {
  const eq = image.indexOf('=');
  if (eq >= 0) return image.slice(0, eq);
  const at = image.indexOf('@');
  const withoutDigest = at >= 0 ? image.slice(0, at) : image;
  const colon = withoutDigest.lastIndexOf(':');
  return colon > withoutDigest.lastIndexOf('/') ? withoutDigest.slice(0, colon) : withoutDigest;
}

function sourceOf(spec: Obj, position: number | undefined): Obj {
  if (Array.isArray(spec.sources) && spec.sources.length > 0) {
    const index = (position ?? 1) - 1;
    const source = spec.sources[index];
    if (!isObj(source))
      throw new Error(`source position ${position} does not exist (${spec.sources.length} sources)`);
    return source;
  }
  if (position !== undefined && position !== 1)
    throw new Error('the application has one source: no --source-position');
  if (!isObj(spec.source)) throw new Error('the application has no source');
  return spec.source;
}

function section(source: Obj, name: 'helm' | 'kustomize'): Obj {
  const value = isObj(source[name]) ? source[name] : {};
  source[name] = value;
  return value;
}

/** A copy of the definition with the edits made; throws on an edit that cannot apply. */
export function applyDefinitionSet(definition: Obj, edits: DefinitionSet): Obj {
  const copy = structuredClone(definition);
  if (!isObj(copy.spec)) throw new Error('the definition has no spec');
  const source = sourceOf(copy.spec, edits.sourcePosition);
  if (edits.revision !== undefined) source.targetRevision = edits.revision;
  if (edits.helmSet.length > 0) {
    const helm = section(source, 'helm');
    const parameters = (Array.isArray(helm.parameters) ? helm.parameters : []).filter(isObj);
    for (const item of edits.helmSet) {
      const eq = item.indexOf('=');
      if (eq <= 0) throw new Error(`--helm-set ${item}: expected name=value`);
      const [name, value] = [item.slice(0, eq), item.slice(eq + 1)];
      const existing = parameters.find((p) => p.name === name);
      if (existing) existing.value = value;
      else parameters.push({ name, value });
    }
    helm.parameters = parameters;
  }
  if (edits.kustomizeImages.length > 0) {
    const kustomize = section(source, 'kustomize');
    const images = (Array.isArray(kustomize.images) ? kustomize.images : []).filter(
      (i): i is string => typeof i === 'string',
    );
    for (const image of edits.kustomizeImages) {
      const at = images.findIndex((i) => kustomizeImageName(i) === kustomizeImageName(image));
      if (at >= 0) images[at] = image;
      else images.push(image);
    }
    kustomize.images = images;
  }
  return copy;
}

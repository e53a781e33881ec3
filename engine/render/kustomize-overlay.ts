// The kustomization Plumbline writes on top of an application's own to apply the source's
// kustomize options. Argo CD instead runs `kustomize edit set ...` inside the checkout; kubectl
// has no `edit`, and Plumbline never writes into a checkout, so the options go into an overlay
// that references the application folder. Differences, by design: a namePrefix/nameSuffix is
// added to the one the application already has (Argo CD replaces it), and a common label or
// annotation the application already sets is overridden rather than refused.
import { RenderError } from './errors.ts';
import type { KustomizeSourceOptions } from './types.ts';

export interface KustomizeImage {
  name: string;
  newName?: string;
  newTag?: string;
  digest?: string;
}

/** Splits `name[:tag|@digest]`; a `:` before the last `/` belongs to a registry port. */
function splitReference(reference: string): { name: string; tag?: string; digest?: string } {
  const at = reference.indexOf('@');
  if (at >= 0) return { name: reference.slice(0, at), digest: reference.slice(at + 1) };
  const colon = reference.lastIndexOf(':');
  if (colon > reference.lastIndexOf('/'))
    return { name: reference.slice(0, colon), tag: reference.slice(colon + 1) };
  return { name: reference };
}

/** One `kustomize edit set image` argument: `[old=]new[:tag|@digest]`. */
export function parseKustomizeImage(spec: string): KustomizeImage {
  const equals = spec.indexOf('=');
  const target = splitReference(equals >= 0 ? spec.slice(equals + 1) : spec);
  const name = equals >= 0 ? spec.slice(0, equals) : target.name;
  if (!name || !target.name) throw new RenderError(`invalid kustomize image ${spec}`);
  const image: KustomizeImage = { name };
  if (target.name !== name) image.newName = target.name;
  if (target.tag !== undefined) image.newTag = target.tag;
  if (target.digest !== undefined) image.digest = target.digest;
  return image;
}

/** Options the overlay cannot express faithfully: refused rather than silently ignored. */
function unsupportedOptions(options: KustomizeSourceOptions): string[] {
  const found: string[] = [];
  if (options.patches?.length) found.push('patches');
  if (options.components?.length) found.push('components');
  if (options.version) found.push('version');
  return found;
}

export function needsOverlay(options: KustomizeSourceOptions | undefined): boolean {
  if (!options) return false;
  return Boolean(
    options.namePrefix ||
    options.nameSuffix ||
    options.namespace ||
    options.images?.length ||
    options.replicas?.length ||
    Object.keys(options.commonLabels ?? {}).length ||
    Object.keys(options.commonAnnotations ?? {}).length,
  );
}

function replicaCount(replica: { name: string; count: number | string }): number {
  const count = typeof replica.count === 'number' ? replica.count : Number(replica.count);
  if (!Number.isInteger(count)) {
    throw new RenderError(
      `expected integer value for count of replica ${replica.name}. Received: ${replica.count}`,
    );
  }
  return count;
}

/** The overlay's kustomization, with `resource` the relative path from the overlay to the app. */
export function overlayKustomization(
  resource: string,
  options: KustomizeSourceOptions,
): Record<string, unknown> {
  const unsupported = unsupportedOptions(options);
  if (unsupported.length > 0) {
    throw new RenderError(
      `kustomize ${unsupported.join(', ')} in the source are not supported by Plumbline yet`,
    );
  }
  const overlay: Record<string, unknown> = {
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    resources: [resource],
  };
  if (options.namePrefix) overlay.namePrefix = options.namePrefix;
  if (options.nameSuffix) overlay.nameSuffix = options.nameSuffix;
  if (options.namespace) overlay.namespace = options.namespace;
  if (options.images?.length) overlay.images = options.images.map(parseKustomizeImage);
  if (options.replicas?.length) {
    overlay.replicas = options.replicas.map((replica) => ({
      name: replica.name,
      count: replicaCount(replica),
    }));
  }
  if (Object.keys(options.commonLabels ?? {}).length) {
    // Like `kustomize edit add label`: the labels go to selectors and templates as well.
    overlay.labels = [{ pairs: options.commonLabels, includeSelectors: true }];
  }
  if (Object.keys(options.commonAnnotations ?? {}).length)
    overlay.commonAnnotations = options.commonAnnotations;
  return overlay;
}

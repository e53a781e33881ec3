// Which OCI artifact a source names, in the spellings Argo CD accepts:
// - `repoURL: oci://host[:port]/path` (Argo CD v3.1's OCI source): the artifact is the repoURL;
//   `path` is a folder inside it (a Helm chart artifact is unpacked as its chart folder).
// - `repoURL: host[:port]/path` (no scheme) with `chart`: a Helm chart in an OCI registry, as
//   Argo CD's Helm repositories with `enableOCI` (and any schemeless Helm repository) pull it:
//   the artifact is `host/path/<chart>`, its tag the chart version.
// - `repoURL: oci://host/path` with `chart`: what `helm pull oci://host/path/<chart>` reads,
//   unless the repoURL already ends with `/<chart>` (then the repoURL is the artifact, as Argo
//   CD v3 reads any `oci://` repoURL). Documented in the README.
// Names are checked against the distribution spec's grammar before they reach a URL.

export interface OciReference {
  /** `host` or `host:port`, lower-cased. */
  registry: string;
  /** The repository inside the registry (`org/charts/nginx`). */
  repository: string;
}

export interface OciSourceRef extends OciReference {
  /** The artifact is a Helm chart named by `chart`: resolve as chart versions, unpack as a chart. */
  chart?: string;
}

const REPOSITORY = /^[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*)*$/;
const REGISTRY =
  /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/;
const DIGEST = /^sha256:[a-f0-9]{64}$|^sha512:[a-f0-9]{128}$/;

export class OciReferenceError extends Error {}

export function isDigest(text: string): boolean {
  return DIGEST.test(text);
}

export function isTag(text: string): boolean {
  return TAG.test(text);
}

/** A chart version as a tag: helm pushes `1.0.0+build` as `1.0.0_build` (`+` is not allowed in tags). */
export function tagOfVersion(version: string): string {
  return version.replaceAll('+', '_');
}

/** A tag as a version, the other way round (Argo CD reads tags so before semver matching). */
export function versionOfTag(tag: string): string {
  return tag.replaceAll('_', '+');
}

/** Whether a source's repoURL names an OCI registry (`oci://`, or no scheme with a chart). */
export function isOciSource(source: { repoURL?: string; chart?: string }): boolean {
  const url = source.repoURL ?? '';
  if (/^oci:\/\//i.test(url)) return true;
  // Argo CD's IsHelmOciRepo: a chart whose repoURL has no scheme is pulled from a registry
  return Boolean(source.chart) && url !== '' && !/^[a-z][a-z0-9+.-]*:/i.test(url) && !url.startsWith('/');
}

/** A registry written without scheme (`registry/org/charts`) as the `oci://` URL it stands for. */
export function ociUrl(url: string): string {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(url) ? url : `oci://${url}`;
}

/** `host/path` from an oci:// or schemeless URL; credentials, queries and fragments refused. */
export function parseOciUrl(url: string): OciReference {
  const bare = url.replace(/^oci:\/\//i, '').replace(/\/+$/, '');
  if (/[@?#\s\\]/.test(bare)) {
    throw new OciReferenceError(
      'an OCI repository URL holds no credentials, query or fragment: store credentials in the keychain',
    );
  }
  const slash = bare.indexOf('/');
  const registry = (slash < 0 ? bare : bare.slice(0, slash)).toLowerCase();
  const repository = slash < 0 ? '' : bare.slice(slash + 1);
  if (!REGISTRY.test(registry))
    throw new OciReferenceError(`${registry || '(empty)'} is not a registry host`);
  if (repository.split('/').some((segment) => segment === '.' || segment === '..')) {
    throw new OciReferenceError(`${repository} is not an OCI repository name`);
  }
  return { registry, repository };
}

function checkRepository(reference: OciReference): OciReference {
  if (!REPOSITORY.test(reference.repository) || reference.repository.length > 255) {
    throw new OciReferenceError(
      `${reference.repository || '(empty)'} is not an OCI repository name (lower-case letters, digits, separators)`,
    );
  }
  return reference;
}

/** The artifact a source names, in any of Argo CD's spellings (see the top of this module). */
export function ociSourceRef(source: { repoURL?: string; chart?: string }): OciSourceRef {
  const base = parseOciUrl(source.repoURL ?? '');
  const chart = source.chart;
  if (!chart) return checkRepository(base);
  if (!/^[a-z0-9][a-z0-9._-]*$/.test(chart)) throw new OciReferenceError(`invalid chart name ${chart}`);
  const endsWithChart = base.repository === chart || base.repository.endsWith(`/${chart}`);
  const repository =
    /^oci:\/\//i.test(source.repoURL ?? '') && endsWithChart
      ? base.repository
      : [base.repository, chart].filter(Boolean).join('/');
  return { ...checkRepository({ registry: base.registry, repository }), chart };
}

/** How an artifact is named in messages (no credentials: the URL never holds any). */
export function displayReference(reference: OciReference, revision?: string): string {
  const at = revision ? (isDigest(revision) ? `@${revision}` : `:${revision}`) : '';
  return `oci://${reference.registry}/${reference.repository}${at}`;
}

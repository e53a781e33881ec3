// Pulls one OCI artifact as Argo CD's repo server does, into Plumbline's cache: the revision
// (tag, digest or version constraint) resolved to the manifest's digest, the manifest checked
// (at most 10 layers, exactly one content layer of an accepted media type), its content layer
// fetched, verified and unpacked once per digest under <cacheDir>/oci/. A Helm chart artifact
// (config `application/vnd.cncf.helm.config.v1+json`) unpacks to its chart folder's content.
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { extractLayer, type ExtractLimits } from './extract.ts';
import {
  displayReference,
  isDigest,
  isTag,
  tagOfVersion,
  versionOfTag,
  type OciReference,
} from './reference.ts';
import {
  RegistryClient,
  RegistryError,
  type FetchedManifest,
  type RegistryClientOptions,
} from './registryClient.ts';
import { highestMatchingTag, parseConstraint, parseVersion } from '../git/semver.ts';

export const HELM_CONFIG_MEDIA_TYPE = 'application/vnd.cncf.helm.config.v1+json';
export const HELM_CHART_LAYER_MEDIA_TYPE = 'application/vnd.cncf.helm.chart.content.v1.tar+gzip';
/** Argo CD's default ARGOCD_REPO_SERVER_OCI_LAYER_MEDIA_TYPES. */
export const ACCEPTED_LAYER_MEDIA_TYPES = [
  'application/vnd.oci.image.layer.v1.tar',
  'application/vnd.oci.image.layer.v1.tar+gzip',
  HELM_CHART_LAYER_MEDIA_TYPE,
];

export interface ArtifactLimits extends ExtractLimits {
  /** Bytes of the content layer as stored in the registry. */
  maxLayerBytes: number;
}

/** As Argo CD's repo server: 1 GB unpacked; a layer and a file count Plumbline adds. */
export const DEFAULT_ARTIFACT_LIMITS: ArtifactLimits = {
  maxLayerBytes: 256 * 1024 * 1024,
  maxBytes: 1024 * 1024 * 1024,
  maxEntries: 20_000,
};

export interface ArtifactPull {
  reference: OciReference;
  /** A tag, a digest or a version constraint; for a chart, its version. */
  revision: string;
  /** The artifact is the Helm chart of this name: versions are semver, resolved against tags. */
  chart?: string;
  cacheDir: string;
  /** Resolve and unpack again, ignoring what is cached (a hard refresh). */
  refresh?: boolean;
  client?: RegistryClientOptions;
  limits?: Partial<ArtifactLimits>;
}

export interface PulledArtifact {
  /** The unpacked content (a chart's folder content for a Helm chart). */
  dir: string;
  /** The manifest's digest: the revision shown, as a commit is for git. */
  digest: string;
  isHelmChart: boolean;
}

export class ArtifactError extends Error {}

interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
}

function descriptor(value: unknown, what: string): Descriptor {
  const d = value as Partial<Descriptor> | null;
  if (!d || typeof d.mediaType !== 'string' || typeof d.digest !== 'string' || typeof d.size !== 'number') {
    throw new ArtifactError(`${what}: a descriptor without media type, digest or size`);
  }
  return { mediaType: d.mediaType, digest: d.digest, size: d.size };
}

const isCompressed = (mediaType: string) => mediaType.endsWith('tar+gzip') || mediaType.endsWith('tar.gzip');
const isContentLayer = (mediaType: string) => isCompressed(mediaType) || mediaType.endsWith('tar');

/** The one layer Plumbline unpacks, as Argo CD's client picks it. */
export function contentLayer(
  manifestBytes: Buffer,
  shown: string,
): { layer: Descriptor; isHelmChart: boolean } {
  let manifest: { config?: unknown; layers?: unknown };
  try {
    manifest = JSON.parse(manifestBytes.toString('utf8')) as typeof manifest;
  } catch {
    throw new ArtifactError(`${shown}: the manifest is not JSON`);
  }
  const config = descriptor(manifest.config, `${shown} config`);
  if (!Array.isArray(manifest.layers)) throw new ArtifactError(`${shown}: the manifest has no layers`);
  if (manifest.layers.length > 10) {
    throw new ArtifactError(`${shown}: expected no more than 10 layers, got ${manifest.layers.length}`);
  }
  const layers = manifest.layers.map((layer, i) => descriptor(layer, `${shown} layer ${i}`));
  const isHelmChart = config.mediaType === HELM_CONFIG_MEDIA_TYPE;
  // other layers (provenance, attestations) are skipped, as Argo CD skips them
  const content = layers.filter((layer) =>
    isHelmChart ? layer.mediaType === HELM_CHART_LAYER_MEDIA_TYPE : isContentLayer(layer.mediaType),
  );
  for (const layer of content) {
    if (!ACCEPTED_LAYER_MEDIA_TYPES.includes(layer.mediaType)) {
      throw new ArtifactError(
        `${shown}: layer media type ${layer.mediaType} is not accepted (accepted: ${ACCEPTED_LAYER_MEDIA_TYPES.join(', ')})`,
      );
    }
  }
  if (content.length !== 1) {
    const found = layers.map((layer) => layer.mediaType).join(', ') || 'none';
    throw new ArtifactError(
      `${shown}: expected a single content layer (a tar or tar+gzip of manifests, or a Helm chart), got ${content.length} (layer media types: ${found})`,
    );
  }
  return { layer: content[0]!, isHelmChart };
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

function repoCacheDir(pull: ArtifactPull): string {
  const key = createHash('sha256')
    .update(`${pull.reference.registry}/${pull.reference.repository}`)
    .digest('hex')
    .slice(0, 16);
  return join(pull.cacheDir, 'oci', key);
}

/** The digest of a chart version pulled before (a published version does not change). */
async function rememberedVersion(pull: ArtifactPull, version: string): Promise<string | undefined> {
  const file = join(repoCacheDir(pull), 'versions', createHash('sha256').update(version).digest('hex'));
  const text = await readFile(file, 'utf8').catch(() => undefined);
  return text && isDigest(text.trim()) ? text.trim() : undefined;
}

async function rememberVersion(pull: ArtifactPull, version: string, digest: string): Promise<void> {
  const dir = join(repoCacheDir(pull), 'versions');
  await mkdir(dir, { recursive: true });
  const file = join(dir, createHash('sha256').update(version).digest('hex'));
  const temp = `${file}.${randomUUID()}`;
  await writeFile(temp, digest);
  await rename(temp, file);
}

/** The manifest a revision names: a digest as it is; a tag; else the highest tag a constraint allows. */
export async function resolveRevision(
  client: RegistryClient,
  pull: ArtifactPull,
): Promise<{ digest: string; manifest?: FetchedManifest }> {
  const revision = pull.revision.trim();
  if (isDigest(revision)) return { digest: revision };
  if (pull.chart) {
    // Argo CD's Helm client: an exact version is a tag; anything else a constraint on the tags
    const version = revision === '' ? '*' : revision;
    if (parseVersion(version)) {
      const known = pull.refresh ? undefined : await rememberedVersion(pull, version);
      if (known) return { digest: known };
      const manifest = await client.manifest(tagOfVersion(version));
      await rememberVersion(pull, version, manifest.digest).catch(() => undefined);
      return { digest: manifest.digest, manifest };
    }
    return byConstraint(client, version);
  }
  if (revision === '') {
    throw new ArtifactError(
      `${client.shown}: an OCI source needs a targetRevision (a tag, a digest or a version constraint)`,
    );
  }
  const tag = tagOfVersion(revision);
  if (isTag(tag)) {
    try {
      const manifest = await client.manifest(tag);
      return { digest: manifest.digest, manifest };
    } catch (error) {
      if (!(error instanceof RegistryError && error.kind === 'not-found') || !parseConstraint(revision))
        throw error;
    }
  } else if (!parseConstraint(revision)) {
    throw new ArtifactError(
      `${client.shown}: ${revision} is neither a tag, a digest nor a version constraint`,
    );
  }
  return byConstraint(client, revision);
}

async function byConstraint(client: RegistryClient, constraint: string) {
  const tags = (await client.tags()).map(versionOfTag);
  const match = highestMatchingTag(constraint, tags);
  if (!match.constraint) {
    // Argo CD's MaxVersion: any other text must be one of the tags
    if (!tags.includes(constraint)) {
      throw new ArtifactError(
        `${client.shown}: ${constraint} is neither a version, a version constraint nor a tag`,
      );
    }
    const manifest = await client.manifest(tagOfVersion(constraint));
    return { digest: manifest.digest, manifest };
  }
  if (match.tag === null) {
    throw new ArtifactError(
      `${client.shown}: no version matching ${constraint} among ${match.tagCount} tags`,
    );
  }
  const manifest = await client.manifest(tagOfVersion(match.tag));
  return { digest: manifest.digest, manifest };
}

/** A chart source must name a Helm chart artifact (helm would refuse anything else too). */
function checkedKind(pull: ArtifactPull, pulled: PulledArtifact): PulledArtifact {
  if (pull.chart && !pulled.isHelmChart) {
    const shown = displayReference(pull.reference, pulled.digest);
    throw new ArtifactError(
      `${shown}: not a Helm chart (its config media type is not ${HELM_CONFIG_MEDIA_TYPE})`,
    );
  }
  return pulled;
}

/** Resolves, pulls and unpacks an artifact, or finds it unpacked in the cache. */
export async function pullArtifact(pull: ArtifactPull): Promise<PulledArtifact> {
  const client = new RegistryClient(pull.reference, pull.client);
  const resolved = await resolveRevision(client, pull);
  const { digest } = resolved;
  const finalDir = join(repoCacheDir(pull), digest.replace(':', '-'));
  const metaFile = join(finalDir, 'artifact.json');
  if (!pull.refresh && (await exists(metaFile))) {
    const meta = JSON.parse(await readFile(metaFile, 'utf8')) as { isHelmChart?: boolean };
    return checkedKind(pull, {
      dir: join(finalDir, 'content'),
      digest,
      isHelmChart: meta.isHelmChart === true,
    });
  }
  const shown = displayReference(pull.reference, digest);
  const manifest = resolved.manifest ?? (await client.manifest(digest));
  const { layer, isHelmChart } = contentLayer(manifest.bytes, shown);
  checkedKind(pull, { dir: '', digest, isHelmChart });
  const limits = { ...DEFAULT_ARTIFACT_LIMITS, ...pull.limits };
  if (layer.size > limits.maxLayerBytes) {
    throw new ArtifactError(
      `${shown}: its content layer (${layer.size} bytes) is larger than ${limits.maxLayerBytes} bytes`,
    );
  }
  const staging = `${finalDir}.partial-${randomUUID()}`;
  await mkdir(join(staging, 'unpacked'), { recursive: true });
  try {
    const layerFile = join(staging, 'layer');
    const sink = createWriteStream(layerFile);
    try {
      await client.blob(layer.digest, Math.min(limits.maxLayerBytes, Math.max(layer.size, 0)), sink);
    } finally {
      sink.end();
      await finished(sink).catch(() => undefined);
    }
    await extractLayer(layerFile, join(staging, 'unpacked'), isCompressed(layer.mediaType), limits).catch(
      (error: Error) => {
        throw new ArtifactError(`${shown}: ${error.message}`);
      },
    );
    await rm(layerFile, { force: true });
    let content = join(staging, 'unpacked');
    if (isHelmChart) {
      // a chart archive holds one folder, the chart's: its content is what is rendered
      const entries = await readdir(content, { withFileTypes: true });
      if (entries.length !== 1 || !entries[0]!.isDirectory()) {
        throw new ArtifactError(
          `${shown}: a Helm chart archive holds one folder, found ${entries.length} entries`,
        );
      }
      content = join(content, entries[0]!.name);
    }
    await rename(content, join(staging, 'content'));
    await writeFile(join(staging, 'artifact.json'), JSON.stringify({ digest, isHelmChart }));
    await rm(finalDir, { recursive: true, force: true });
    await rename(staging, finalDir).catch(async (error: unknown) => {
      // another render unpacked the same digest meanwhile: its copy is as good
      if (!(await exists(metaFile))) throw error;
    });
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  return { dir: join(finalDir, 'content'), digest, isHelmChart };
}

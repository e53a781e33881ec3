// Renders one application: resolves each source's revision in git, checks it out and renders
// it (directory, kustomize or helm), reporting progress. Failures become the error's message with
// the file or tool that failed; credentials are never part of it.
import type { Manifests } from '../api/contract.ts';
import { maskSecretObjects } from '../diff/index.ts';
import type { Application } from '../model/index.ts';
import { appProjectName, appSources } from '../model/index.ts';
import { refuseLfsPointers, type RepositoryCache } from '../git/index.ts';
import type { RevisionSignatureCheck } from '../gpg/revisionSignatures.ts';
import { isRefOnly, renderSources, type SourceCheckout } from '../render/index.ts';
import { isOciSource } from '../render/oci-source.ts';
import type { KubeObject, RenderOptions, RenderSource } from '../render/index.ts';
import type { ClusterCapabilities } from './liveClusters.ts';

export interface RenderedApp {
  objects: KubeObject[];
  /** Commit of each source, in order (an OCI artifact's manifest digest); null for a chart from a Helm repository. */
  revisions: Array<string | null>;
  sourceTypes: string[];
  /** Duplicate mapping keys the render read with the last value, as Argo CD does. */
  warnings: string[];
  /** Why a source's revision may not be synced: its project requires signatures it lacks. */
  signatureProblems?: string[];
}

export type ProgressReport = (stage: 'fetch' | 'render', message: string) => void;

/** A chart pulled from a Helm repository, or an artifact from an OCI registry, has no git checkout. */
function isHelmRepositoryChart(source: RenderSource): boolean {
  return (Boolean(source.chart) && /^https?:\/\//.test(source.repoURL ?? '')) || isOciSource(source);
}

export async function renderApp(
  app: Application,
  deps: {
    repos: RepositoryCache;
    renderOptions: Omit<RenderOptions, 'commitSha' | 'refSources' | 'refCommitShas'>;
    /** Present when the project requires signed revisions (signatureKeys). */
    verifySignature?: RevisionSignatureCheck | undefined;
  },
  progress: ProgressReport,
  cluster?: ClusterCapabilities,
  /** Commits to render instead of each source's targetRevision (a rollback, a retried operation). */
  pinned?: ReadonlyArray<string | null>,
): Promise<RenderedApp> {
  // an OCI source pinned to a digest (a rollback) renders that digest
  const sources = (appSources(app) as RenderSource[]).map((source, index) =>
    isOciSource(source) && pinned?.[index] ? { ...source, targetRevision: pinned[index] } : source,
  );
  if (sources.length === 0) throw new Error('the application has no source');
  const checkouts: SourceCheckout[] = [];
  const signatureProblems: string[] = [];
  for (const [index, source] of sources.entries()) {
    if (isHelmRepositoryChart(source)) {
      checkouts.push({});
      continue;
    }
    const url = source.repoURL ?? '';
    const onProgress = (p: { stage: string; percent?: number }) =>
      progress('fetch', `${p.stage} ${url}${p.percent === undefined ? '' : ` ${p.percent}%`}`);
    const revision = pinned?.[index] ?? source.targetRevision ?? '';
    progress('fetch', `resolving ${revision || 'HEAD'} of ${url}`);
    const sha = await deps.repos.resolveRevision(url, revision, { onProgress });
    const dir = await deps.repos.checkout(url, sha, { onProgress });
    // a Git LFS pointer left in the folder rendered is never applied as if it were the file
    if (!isRefOnly(source)) await refuseLfsPointers(dir, source.path ?? '');
    const unsigned = deps.verifySignature && (await deps.verifySignature(url, revision, sha));
    if (unsigned) signatureProblems.push(unsigned);
    checkouts.push({ dir, commitSha: sha });
  }
  const result = await renderSources(
    sources,
    checkouts,
    {
      appName: app.metadata.name,
      destinationNamespace: app.spec.destination.namespace ?? 'default',
      projectName: appProjectName(app),
      ...cluster,
    },
    { ...deps.renderOptions, onProgress: (p) => progress('render', p.message) },
  );
  return {
    objects: result.objects,
    revisions: checkouts.map(
      (checkout, index) => checkout.commitSha ?? result.sources[index]?.revision ?? null,
    ),
    sourceTypes: result.sources.flatMap((rendered, index) =>
      rendered ? [rendered.sourceType] : isRefOnly(sources[index]!) ? [] : ['Unknown'],
    ),
    warnings: result.warnings,
    ...(signatureProblems.length > 0 ? { signatureProblems } : {}),
  };
}

/** What the contract shows of a render: the objects with Secret values masked. */
export function manifestsOf(name: string, rendered: RenderedApp): Manifests {
  return {
    name,
    revision: rendered.revisions.find((r) => r !== null) ?? null,
    sourceTypes: rendered.sourceTypes,
    objects: maskSecretObjects(rendered.objects),
  };
}

// renderSources: an application with `spec.sources[]`. A source with a `ref` lends its checkout
// to the others' `$ref/...` value files; one with only a ref (no path, no chart) renders nothing,
// as in Argo CD. The objects of all rendered sources are returned in source order.
import { renderSource } from './render.ts';
import type { KubeObject, RenderContext, RenderOptions, RenderResult, RenderSource } from './types.ts';

export interface SourceCheckout {
  /** Folder of the source's checkout; absent for a chart from a Helm repository. */
  dir?: string;
  commitSha?: string;
}

export interface MultiSourceResult {
  objects: KubeObject[];
  /** One entry per source; undefined for a ref-only source. */
  sources: Array<RenderResult | undefined>;
  /** The warnings of all sources, in source order. */
  warnings: string[];
}

export function isRefOnly(source: RenderSource): boolean {
  return Boolean(source.ref) && !source.path && !source.chart;
}

export async function renderSources(
  sources: RenderSource[],
  checkouts: SourceCheckout[],
  context: RenderContext,
  options: Omit<RenderOptions, 'commitSha' | 'refSources' | 'refCommitShas'>,
): Promise<MultiSourceResult> {
  const refSources: Record<string, string> = {};
  const refCommitShas: Record<string, string> = {};
  sources.forEach((source, index) => {
    const checkout = checkouts[index];
    if (!source.ref || !checkout?.dir) return;
    refSources[source.ref] = checkout.dir;
    if (checkout.commitSha) refCommitShas[source.ref] = checkout.commitSha;
  });
  const results: Array<RenderResult | undefined> = [];
  for (const [index, source] of sources.entries()) {
    if (isRefOnly(source)) {
      results.push(undefined);
      continue;
    }
    const checkout = checkouts[index] ?? {};
    results.push(
      await renderSource(source, checkout.dir, context, {
        ...options,
        commitSha: checkout.commitSha,
        refSources,
        refCommitShas,
      }),
    );
  }
  return {
    objects: results.flatMap((result) => result?.objects ?? []),
    sources: results,
    warnings: results.flatMap((result) => result?.warnings ?? []),
  };
}

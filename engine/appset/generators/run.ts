// What every generator of one set's generation shares: the template mode and its renderer, the
// limits, and the sources of clusters and repositories.
import { GeneratorError } from '../errors.ts';
import type { AppSetLimits } from '../limits.ts';
import { isRecord, type Params } from '../params.ts';
import type { TreeRenderer } from '../renderTrees.ts';
import type { ArgoNamespaceSource, ClusterSource, RepositorySource, ScmAccess } from '../sources.ts';

export interface GeneratorRun {
  goTemplate: boolean;
  render: TreeRenderer;
  limits: AppSetLimits;
  clusters: ClusterSource;
  repositories: RepositorySource;
  /** Argo CD's namespace (clusterDecisionResource, plugin); absent where no cluster plays in-cluster. */
  argoNamespace: ArgoNamespaceSource | undefined;
  /** The SCM APIs a set may call and the tokens it may use (scmProvider, pullRequest). */
  scm: ScmAccess;
  /** The set's name, which a plugin is told. */
  setName: string;
  /** Refuses `count` parameter sets (or elements) over the applications limit. */
  checkCount(count: number, what: string): void;
}

/** Argo CD's namespace, or the error saying why a generator cannot read it. */
export function argoNamespaceOf(run: GeneratorRun, kind: string): ArgoNamespaceSource {
  if (run.argoNamespace) return run.argoNamespace;
  throw new GeneratorError(
    `the ${kind} generator reads Argo CD's namespace (argocd) on the cluster that plays in-cluster: choose that cluster (setting inClusterDestination)`,
  );
}

export function countChecker(limits: AppSetLimits): GeneratorRun['checkCount'] {
  return (count, what) => {
    if (count > limits.maxApplications)
      throw new GeneratorError(
        `${count} ${what} is over the limit of ${limits.maxApplications} generated applications of one set`,
      );
  };
}

/**
 * Argo CD's `values` of a generator: each value templated with its parameter set, added as
 * `values.KEY` (default mode) or under a `values` map (goTemplate).
 */
export async function addValues(paramSets: Params[], values: unknown, run: GeneratorRun): Promise<Params[]> {
  if (values === undefined || values === null || paramSets.length === 0) return paramSets;
  if (!isRecord(values)) throw new GeneratorError('values is not a map');
  for (const [key, value] of Object.entries(values))
    if (typeof value !== 'string') throw new GeneratorError(`values.${key} is not a string`);
  const rendered = (await run.render(values, paramSets)) as Record<string, string>[];
  return paramSets.map((params, index) => {
    if (run.goTemplate) return { ...params, values: { ...rendered[index] } };
    const flat: Params = { ...params };
    for (const [key, value] of Object.entries(rendered[index]!)) flat[`values.${key}`] = value;
    return flat;
  });
}

// The clusters generator over the clusters Plumbline knows (registered clusters and kubeconfig
// contexts): name, nameNormalized, server, project, metadata.labels/annotations.*, values.*.
// The label selector filters on the cluster's labels; without one, and when no known cluster
// is Argo CD's own (https://kubernetes.default.svc), the `in-cluster` entry is added as Argo CD does.
import { GeneratorError } from '../errors.ts';
import { isRecord, sanitizeName, type Params } from '../params.ts';
import { labelMatcher, selectorIsEmpty } from '../selector.ts';
import type { ClusterEntry } from '../sources.ts';
import { addValues, type GeneratorRun } from './run.ts';

export const IN_CLUSTER_NAME = 'in-cluster';
export const IN_CLUSTER_SERVER = 'https://kubernetes.default.svc';

function clusterParams(cluster: ClusterEntry, goTemplate: boolean): Params {
  const params: Params = {
    name: cluster.name,
    nameNormalized: sanitizeName(cluster.name),
    server: cluster.server,
    project: cluster.project ?? '',
  };
  if (goTemplate) {
    const metadata: Params = {};
    if (Object.keys(cluster.annotations).length > 0) metadata.annotations = { ...cluster.annotations };
    if (Object.keys(cluster.labels).length > 0) metadata.labels = { ...cluster.labels };
    params.metadata = metadata;
    return params;
  }
  for (const [key, value] of Object.entries(cluster.annotations))
    params[`metadata.annotations.${key}`] = value;
  for (const [key, value] of Object.entries(cluster.labels)) params[`metadata.labels.${key}`] = value;
  return params;
}

export async function clustersParams(spec: Record<string, unknown>, run: GeneratorRun): Promise<Params[]> {
  if (spec.flatList === true) throw new GeneratorError('clusters.flatList is not supported yet');
  const selector = spec.selector ?? {};
  if (!isRecord(selector)) throw new GeneratorError('clusters.selector is not a label selector');
  const matches = labelMatcher(selector, 'clusters.selector');
  const known = await run.clusters.listClusters();
  // Argo CD keys cluster secrets by name: a name given twice is one cluster, the last one
  const byName = new Map(known.map((cluster) => [cluster.name, cluster]));
  const chosen = [...byName.values()].filter((cluster) => matches(cluster.labels));
  run.checkCount(chosen.length, 'clusters');
  const params = chosen.map((cluster) => clusterParams(cluster, run.goTemplate));
  const hasOwnCluster = known.some((cluster) => cluster.server === IN_CLUSTER_SERVER);
  if (selectorIsEmpty(selector) && !hasOwnCluster) {
    const local: Params = {
      name: IN_CLUSTER_NAME,
      nameNormalized: IN_CLUSTER_NAME,
      server: IN_CLUSTER_SERVER,
      project: '',
    };
    params.push(local);
  }
  return addValues(params, spec.values, run);
}

// The clusterDecisionResource generator (Argo CD's duck-type generator): a ConfigMap of Argo CD's
// namespace names a resource kind (apiVersion, kind as the plural resource name, statusListKey,
// matchKey); the resources of that kind chosen by name or label selector hold decisions in
// status.<statusListKey>; each decision whose matchKey names a known cluster becomes a parameter
// set: name and server, then every field of the decision as Go's %v, then `values` as written.
import { GeneratorError } from '../errors.ts';
import { goValueString, isRecord, type Params } from '../params.ts';
import { formatLabelSelector, selectorIsEmpty } from '../selector.ts';
import type { DuckSelection } from '../sources.ts';
import { IN_CLUSTER_NAME, IN_CLUSTER_SERVER } from './clusters.ts';
import { argoNamespaceOf, type GeneratorRun } from './run.ts';

const KIND = 'clusterDecisionResource';

/** Argo CD's ListClusters: the known clusters, and in-cluster when none of them is Argo CD's own. */
async function knownClusters(run: GeneratorRun): Promise<Map<string, string>> {
  const clusters = await run.clusters.listClusters();
  const byName = new Map(clusters.map((cluster) => [cluster.name, cluster.server]));
  if (!clusters.some((cluster) => cluster.server === IN_CLUSTER_SERVER) && !byName.has(IN_CLUSTER_NAME))
    byName.set(IN_CLUSTER_NAME, IN_CLUSTER_SERVER);
  return byName;
}

function selection(spec: Record<string, unknown>, data: Record<string, string>): DuckSelection {
  const apiVersion = data.apiVersion ?? '';
  const kind = data.kind ?? '';
  const slash = apiVersion.indexOf('/');
  if (kind === '' || slash < 1)
    throw new GeneratorError('there is a problem with the apiVersion, kind or resourceName provided');
  const name = spec.name ?? '';
  if (typeof name !== 'string') throw new GeneratorError(`${KIND}.name is not a string`);
  const selector = spec.labelSelector ?? {};
  if (!isRecord(selector)) throw new GeneratorError(`${KIND}.labelSelector is not a label selector`);
  if ((name === '') === selectorIsEmpty(selector))
    throw new GeneratorError(
      'there is a problem with the definition of the ClusterDecisionResource generator',
    );
  const gvr = { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1), resource: kind };
  if (name !== '') return { ...gvr, name };
  return { ...gvr, labelSelector: formatLabelSelector(selector, `${KIND}.labelSelector`) };
}

/** The decisions of every resource with a status, in order. */
function decisionsOf(resources: Record<string, unknown>[], statusListKey: string): unknown[] {
  const decisions: unknown[] = [];
  for (const resource of resources) {
    const status = resource.status;
    if (status === undefined || status === null || (isRecord(status) && Object.keys(status).length === 0))
      continue;
    const list = isRecord(status) ? status[statusListKey] : undefined;
    if (!Array.isArray(list)) throw new GeneratorError(`a ${KIND}'s status.${statusListKey} is not a list`);
    decisions.push(...list);
  }
  return decisions;
}

function rawValues(values: unknown): Record<string, string> {
  if (values === undefined || values === null) return {};
  if (!isRecord(values)) throw new GeneratorError('values is not a map');
  for (const [key, value] of Object.entries(values))
    if (typeof value !== 'string') throw new GeneratorError(`values.${key} is not a string`);
  return values as Record<string, string>;
}

export async function clusterDecisionParams(
  spec: Record<string, unknown>,
  run: GeneratorRun,
): Promise<Params[]> {
  if (typeof spec.configMapRef !== 'string' || spec.configMapRef === '')
    throw new GeneratorError(`${KIND}.configMapRef does not name a ConfigMap`);
  const values = rawValues(spec.values);
  const clusters = await knownClusters(run);
  const namespace = argoNamespaceOf(run, KIND);
  const data = await namespace.configMap(spec.configMapRef).catch((error: Error) => {
    throw new GeneratorError(`error reading configMapRef: ${error.message}`);
  });
  const resources = await namespace.listResources(selection(spec, data)).catch((error: Error) => {
    throw new GeneratorError(`failed to get dynamic resources: ${error.message}`);
  });
  if (resources.length === 0) throw new GeneratorError('no clusterDecisionResources found');
  const matchKey = data.matchKey ?? '';
  if (matchKey === '') return [];
  const decisions = decisionsOf(resources, data.statusListKey || 'clusters');
  run.checkCount(decisions.length, 'cluster decisions');
  const params: Params[] = [];
  for (const decision of decisions) {
    if (!isRecord(decision)) throw new GeneratorError(`a ${KIND} decision is not a map`);
    const match = decision[matchKey];
    const name = match === undefined || match === null ? '' : goValueString(match);
    const server = clusters.get(name);
    // a decision naming no known cluster is skipped, as Argo CD skips it
    if (name === '' || server === undefined) continue;
    const set: Params = { name, server };
    for (const [key, value] of Object.entries(decision)) set[key] = goValueString(value);
    if (run.goTemplate && Object.keys(values).length > 0) set.values = { ...values };
    else for (const [key, value] of Object.entries(values)) set[`values.${key}`] = value;
    params.push(set);
  }
  return params;
}

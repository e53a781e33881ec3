// Resolves an Application's destination to a cluster Plumbline can reach: a registered cluster
// first (by name, then by server URL), then a context of the user's kubeconfig. `in-cluster`
// (Argo CD's own cluster, `https://kubernetes.default.svc`) has no meaning on a desktop: the
// setting `inClusterDestination` names the registered cluster or context that plays its part, so
// published repositories work unchanged; until it is set the application says so.
import { clusterKey, type KubeContext } from '../api/contract.ts';
import type { ClusterRecord, ClusterRegistry } from '../clusters/index.ts';
import type { KubeconfigContexts } from '../cluster/kubeconfigContexts.ts';
import type { LoadedApplication } from '../workspace/index.ts';

/**
 * Where an application deploys: `context.name` is the cluster key of its live cache and
 * connection (see clusterKey), `context.label` what people call it.
 */
export type DestinationResolution =
  { context: DestinationCluster } | { problem: string; needsInClusterChoice?: true };

/** The condition of an application whose in-cluster destination is not mapped to a cluster. */
export const IN_CLUSTER_CONDITION = 'InClusterDestinationError';

export interface DestinationCluster {
  name: string;
  label: string;
  /** A registered cluster's namespaces: the only ones Plumbline manages there. */
  namespaces?: readonly string[];
}

const inClusterServer = 'https://kubernetes.default.svc';

const withoutSlash = (url: string | null | undefined) => url?.replace(/\/+$/, '');

const registered = (record: ClusterRecord): DestinationResolution => ({
  context: {
    name: clusterKey({ kind: 'registered', name: record.name }),
    label: record.name,
    ...(record.namespaces?.length ? { namespaces: record.namespaces } : {}),
  },
});
const fromKubeconfig = (context: KubeContext): DestinationResolution => ({
  context: { name: clusterKey({ kind: 'context', name: context.name }), label: context.name },
});

export function resolveDestination(
  destination: { name?: string; server?: string },
  clusters: readonly ClusterRecord[],
  contexts: readonly KubeContext[],
  inClusterDestination?: string,
): DestinationResolution {
  if (destination.name === 'in-cluster' || withoutSlash(destination.server) === inClusterServer) {
    const what = destination.name ?? destination.server;
    if (!inClusterDestination)
      return {
        problem: `destination ${what} means "the cluster Argo CD runs in": choose the registered cluster or kubeconfig context that plays its part (setting inClusterDestination)`,
        needsInClusterChoice: true,
      };
    const mapped = byName(inClusterDestination, clusters, contexts);
    return mapped
      ? mapped
      : {
          problem: `destination ${what}: the setting inClusterDestination names ${inClusterDestination}, which is neither a registered cluster nor a context of your kubeconfig`,
          needsInClusterChoice: true,
        };
  }
  if (destination.name) {
    const found = byName(destination.name, clusters, contexts);
    return (
      found ?? {
        problem: `destination cluster ${destination.name} is neither a registered cluster nor a context of your kubeconfig`,
      }
    );
  }
  const server = withoutSlash(destination.server);
  const record = clusters.find((c) => withoutSlash(c.server) === server);
  if (record) return registered(record);
  const matches = contexts.filter((c) => withoutSlash(c.server) === server);
  const context = matches.find((c) => c.current) ?? matches[0];
  return context
    ? fromKubeconfig(context)
    : {
        problem: `no registered cluster and no kubeconfig context points at the destination server ${destination.server}`,
      };
}

/** A registered cluster of that name first, then a kubeconfig context. */
function byName(
  name: string,
  clusters: readonly ClusterRecord[],
  contexts: readonly KubeContext[],
): DestinationResolution | null {
  const record = clusters.find((c) => c.name === name);
  if (record) return registered(record);
  const context = contexts.find((c) => c.name === name);
  return context ? fromKubeconfig(context) : null;
}

/** The engine's resolver: the registry and the kubeconfig as they are now. */
export function destinationResolver(
  registry: ClusterRegistry,
  kubeconfig: KubeconfigContexts,
  inClusterDestination: () => Promise<string | undefined>,
) {
  return async (app: LoadedApplication): Promise<DestinationResolution | null> => {
    const destination = app.definition?.spec.destination;
    if (!destination) return null;
    let clusters: ClusterRecord[];
    try {
      clusters = registry.list();
    } catch (error) {
      return { problem: (error as Error).message };
    }
    return resolveDestination(
      destination,
      clusters,
      (await kubeconfig.list()).contexts,
      await inClusterDestination(),
    );
  };
}

// Resolves an Application's destination to a cluster Plumbline can reach: a registered cluster
// first (by name, then by server URL), then a context of the user's kubeconfig. `in-cluster`
// (Argo CD's own cluster) means nothing on a desktop, and says so.
import { clusterKey, type KubeContext } from '../api/contract.ts';
import type { ClusterRecord, ClusterRegistry } from '../clusters/index.ts';
import type { KubeconfigContexts } from '../cluster/kubeconfigContexts.ts';
import type { LoadedApplication } from '../workspace/index.ts';

/**
 * Where an application deploys: `context.name` is the cluster key of its live cache and
 * connection (see clusterKey), `context.label` what people call it.
 */
export type DestinationResolution = { context: DestinationCluster } | { problem: string };

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
): DestinationResolution {
  if (destination.name === 'in-cluster' || withoutSlash(destination.server) === inClusterServer) {
    return {
      problem: `destination ${destination.name ?? destination.server} means "the cluster Argo CD runs in", which a desktop does not have: name a registered cluster or a kubeconfig context instead`,
    };
  }
  if (destination.name) {
    const record = clusters.find((c) => c.name === destination.name);
    if (record) return registered(record);
    const context = contexts.find((c) => c.name === destination.name);
    return context
      ? fromKubeconfig(context)
      : {
          problem: `destination cluster ${destination.name} is neither a registered cluster nor a context of your kubeconfig`,
        };
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

/** The engine's resolver: the registry and the kubeconfig as they are now. */
export function destinationResolver(registry: ClusterRegistry, kubeconfig: KubeconfigContexts) {
  return async (app: LoadedApplication): Promise<DestinationResolution | null> => {
    const destination = app.definition?.spec.destination;
    if (!destination) return null;
    let clusters: ClusterRecord[];
    try {
      clusters = registry.list();
    } catch (error) {
      return { problem: (error as Error).message };
    }
    return resolveDestination(destination, clusters, (await kubeconfig.list()).contexts);
  };
}

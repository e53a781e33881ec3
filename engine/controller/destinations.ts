// Resolves an Application's destination to a cluster Plumbline can reach. Until clusters are
// registered, a destination `name` is a kubeconfig context and a `server` is matched against the
// contexts' server URLs.
import type { KubeContext } from '../api/contract.ts';

export type DestinationResolution = { context: KubeContext } | { problem: string };

const inClusterServer = 'https://kubernetes.default.svc';

export function resolveDestination(
  destination: { name?: string; server?: string },
  contexts: readonly KubeContext[],
): DestinationResolution {
  if (destination.name === 'in-cluster' || destination.server === inClusterServer) {
    return {
      problem: `destination ${destination.name ?? destination.server} means "the cluster Argo CD runs in", which a desktop does not have: name a kubeconfig context instead`,
    };
  }
  if (destination.name) {
    const context = contexts.find((c) => c.name === destination.name);
    return context
      ? { context }
      : { problem: `destination cluster ${destination.name} is not a context of your kubeconfig` };
  }
  const server = destination.server?.replace(/\/+$/, '');
  const matches = contexts.filter((c) => c.server?.replace(/\/+$/, '') === server);
  const context = matches.find((c) => c.current) ?? matches[0];
  return context
    ? { context }
    : { problem: `no kubeconfig context points at the destination server ${destination.server}` };
}

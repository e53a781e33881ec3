// The cluster registry area's calls: each a step into the registered clusters.
import type { ClusterRegistryCallName, Handlers } from '../handlers.ts';
import type { RegisteredClusters } from '../../controller/registeredClusters.ts';

export function clusterRegistryHandlers(
  clusters: RegisteredClusters,
): Pick<Handlers, ClusterRegistryCallName> {
  return {
    'clusters.registered': async () => ({ clusters: clusters.list() }),
    'clusters.kubeconfigContexts': async ({ kubeconfig }) => clusters.kubeconfigContexts(kubeconfig),
    'clusters.testConnection': ({ candidate }) => clusters.testConnection(candidate),
    'clusters.checkPermissions': ({ candidate, namespaces }) =>
      clusters.checkPermissions(candidate, namespaces),
    'clusters.createServiceAccount': ({
      candidate,
      namespaces,
      serviceAccountNamespace,
      serviceAccountName,
    }) =>
      clusters.createServiceAccount(candidate, namespaces, {
        namespace: serviceAccountNamespace,
        name: serviceAccountName,
      }),
    'clusters.register': async (request) => ({ cluster: await clusters.register(request) }),
    'clusters.update': async ({ name, newName, labels, namespaces }) => ({
      cluster: await clusters.update(name, { name: newName, labels, namespaces }),
    }),
    'clusters.reconnect': async ({ name, candidate }) => ({
      cluster: await clusters.reconnect(name, candidate),
    }),
    'clusters.remove': async ({ name }) => ({ removed: await clusters.remove(name) }),
  };
}

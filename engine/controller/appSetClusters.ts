// The clusters an ApplicationSet's clusters generator offers, as Argo CD offers its cluster
// secrets: every registered cluster (with its labels and annotations), then each kubeconfig
// context with a server that no registered cluster already names.
import type { ClusterEntry, ClusterSource } from '../appset/index.ts';
import type { KubeconfigContexts } from '../cluster/kubeconfigContexts.ts';
import type { ClusterRegistry } from '../clusters/index.ts';

export function knownClusters(registry: ClusterRegistry, kubeconfig: KubeconfigContexts): ClusterSource {
  return {
    async listClusters() {
      const clusters: ClusterEntry[] = registry.list().map(({ name, server, labels, annotations }) => ({
        name,
        server,
        labels,
        annotations,
      }));
      for (const context of (await kubeconfig.list()).contexts) {
        if (context.server === null || clusters.some((cluster) => cluster.name === context.name)) continue;
        clusters.push({ name: context.name, server: context.server, labels: {}, annotations: {} });
      }
      return clusters;
    },
  };
}

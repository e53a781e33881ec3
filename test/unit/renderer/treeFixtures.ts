// Resource trees shaped like real applications, for the tree graph and layout tests.
import type { HealthStatus, TreeNode } from '../../../engine/api/contract.ts';

export function node(
  kind: string,
  name: string,
  parentIds: string[] = [],
  health: HealthStatus | null = 'Healthy',
  group = kind === 'Deployment' || kind === 'ReplicaSet' ? 'apps' : '',
): TreeNode {
  const namespace = kind === 'Namespace' ? '' : 'shop';
  return {
    id: `${group}/${kind}/${namespace}/${name}`,
    key: { group, kind, namespace, name },
    parentIds,
    managed: parentIds.length === 0,
    health: health ? { status: health } : null,
    sync: parentIds.length === 0 ? 'Synced' : null,
    info: [],
  };
}

/** `deployments` Deployments with two ReplicaSets each, pods under the newer one, and a Service per Deployment. */
export function bigTree(deployments: number, podsPerSet: number): TreeNode[] {
  const nodes: TreeNode[] = [];
  for (let d = 0; d < deployments; d++) {
    const deploy = node('Deployment', `api-${d}`);
    const service = node('Service', `api-${d}`, [], null);
    nodes.push(deploy, service, node('EndpointSlice', `api-${d}-x`, [service.id], null, 'discovery.k8s.io'));
    for (const revision of ['old', 'new']) {
      const set = node('ReplicaSet', `api-${d}-${revision}`, [deploy.id]);
      nodes.push(set);
      if (revision === 'old') continue;
      for (let p = 0; p < podsPerSet; p++) {
        nodes.push(node('Pod', `api-${d}-${p}`, [set.id], p === podsPerSet - 1 ? 'Degraded' : 'Healthy'));
      }
    }
  }
  return nodes;
}

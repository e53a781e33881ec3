// The pod a log or terminal session opens: it must be a Pod of the application's resource tree
// (a client cannot reach any other object of the cluster through it), on the application's
// destination cluster, with the containers its live object names.
import { ContractError } from '../../api/errors.ts';
import type { ClusterConnection } from '../../cluster/clusterConnection.ts';
import type { Applications } from '../applications.ts';
import type { LiveClusters } from '../liveClusters.ts';

export interface AppPod {
  connection: ClusterConnection;
  namespace: string;
  pod: string;
  /** Containers, then init containers, then ephemeral ones, in the pod's order. */
  containers: string[];
}

interface PodSpec {
  containers?: { name: string }[];
  initContainers?: { name: string }[];
  ephemeralContainers?: { name: string }[];
}

export function appPod(apps: Applications, live: LiveClusters, name: string, id: string): AppPod {
  const node = apps.live.tree(name).find((candidate) => candidate.id === id);
  if (!node || node.key.group !== '' || node.key.kind !== 'Pod') {
    throw new ContractError('invalid-input', `${id} is not a pod of application ${name}`);
  }
  const context = apps.destinationContext(name);
  const spec = live.existingCache(context)?.get(id)?.spec as PodSpec | undefined;
  const containers = [
    ...(spec?.containers ?? []),
    ...(spec?.initContainers ?? []),
    ...(spec?.ephemeralContainers ?? []),
  ].map((container) => container.name);
  if (containers.length === 0) {
    throw new ContractError(
      'failed',
      `pod ${node.key.namespace}/${node.key.name} has no containers in the live state yet`,
    );
  }
  return {
    connection: live.connection(context),
    namespace: node.key.namespace,
    pod: node.key.name,
    containers,
  };
}

/** The container asked for, or the pod's first; an unknown name is refused. */
export function chooseContainer(pod: AppPod, asked: string | undefined): string {
  if (asked === undefined) return pod.containers[0]!;
  if (!pod.containers.includes(asked)) {
    throw new ContractError(
      'invalid-input',
      `pod ${pod.namespace}/${pod.pod} has no container ${asked} (it has ${pod.containers.join(', ')})`,
    );
  }
  return asked;
}

// The short facts a tree node's card shows: replicas, a pod's status and restarts, images,
// service type.
import type { KubeObject } from '../diff/index.ts';
import { podStatus } from './podStatus.ts';

type Fields = Record<string, unknown>;
const fields = (value: unknown): Fields => (value && typeof value === 'object' ? (value as Fields) : {});

export function nodeInfo(obj: KubeObject): string[] {
  const spec = fields(obj.spec);
  const status = fields(obj.status);
  switch (obj.kind) {
    case 'Deployment':
    case 'StatefulSet':
    case 'ReplicaSet':
      return [`${Number(status.readyReplicas ?? 0)}/${Number(spec.replicas ?? 1)} ready`];
    case 'DaemonSet':
      return [`${Number(status.numberReady ?? 0)}/${Number(status.desiredNumberScheduled ?? 0)} ready`];
    case 'Pod': {
      const containers = (fields(spec).containers as Array<{ image?: string }> | undefined) ?? [];
      const pod = podStatus(obj);
      return [
        pod.reason || 'Pending',
        `${pod.ready}/${pod.total} ready`,
        pod.restarts > 0 ? `${pod.restarts} restart${pod.restarts === 1 ? '' : 's'}` : '',
        ...(Array.isArray(containers) ? containers.slice(0, 2).map((c) => c?.image ?? '') : []),
      ].filter(Boolean);
    }
    case 'Service':
      return [String(spec.type ?? 'ClusterIP')];
    case 'Job':
      return [`${Number(status.succeeded ?? 0)} succeeded`];
    default:
      return [];
  }
}

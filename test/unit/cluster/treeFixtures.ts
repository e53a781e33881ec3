// Plain Kubernetes objects for the resource-tree and index tests.
import { formatTrackingId, objectKey, type KubeObject } from '../../../engine/diff/index.ts';

export interface Shape {
  namespace?: string;
  uid?: string;
  /** Owner uids. */
  owners?: string[];
  /** Tracked by this application (the annotation names the object itself). */
  app?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  spec?: Record<string, unknown>;
  resourceVersion?: string;
}

export function kube(apiVersion: string, kind: string, name: string, shape: Shape = {}): KubeObject {
  const namespace = shape.namespace ?? 'default';
  const obj: KubeObject = {
    apiVersion,
    kind,
    metadata: {
      name,
      ...(namespace ? { namespace } : {}),
      uid: shape.uid ?? `uid-${kind}-${namespace}-${name}`,
      resourceVersion: shape.resourceVersion ?? '1',
      ...(shape.labels ? { labels: shape.labels } : {}),
      ...(shape.owners
        ? { ownerReferences: shape.owners.map((uid) => ({ uid, kind: 'Owner', name: 'x' })) }
        : {}),
      annotations: { ...shape.annotations },
    },
    ...(shape.spec ? { spec: shape.spec } : {}),
  };
  if (shape.app) {
    const tracking = formatTrackingId({ appName: shape.app, ...objectKey(obj) });
    (obj.metadata as { annotations: Record<string, string> }).annotations['plumbline.dev/tracking-id'] =
      tracking;
  }
  return obj;
}

export function uidOf(obj: KubeObject): string {
  return (obj.metadata as { uid: string }).uid;
}

/** A Deployment with one ReplicaSet and `pods` Pods, tracked by `app`. */
export function deploymentChain(
  app: string,
  name: string,
  pods: number,
  namespace = 'default',
): KubeObject[] {
  const deployment = kube('apps/v1', 'Deployment', name, { app, namespace });
  const rs = kube('apps/v1', 'ReplicaSet', `${name}-5d8f`, { namespace, owners: [uidOf(deployment)] });
  const podList = Array.from({ length: pods }, (_, i) =>
    kube('v1', 'Pod', `${name}-5d8f-${i}`, { namespace, owners: [uidOf(rs)] }),
  );
  return [deployment, rs, ...podList];
}

/** A Service with its Endpoints and one EndpointSlice (no ownerReference: found by label). */
export function serviceWithEndpoints(app: string, name: string, namespace = 'default'): KubeObject[] {
  return [
    kube('v1', 'Service', name, { app, namespace }),
    kube('v1', 'Endpoints', name, { namespace }),
    kube('discovery.k8s.io/v1', 'EndpointSlice', `${name}-abcde`, {
      namespace,
      labels: { 'kubernetes.io/service-name': name },
    }),
  ];
}

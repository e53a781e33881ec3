// Names for what the live cache holds: resource types (group + kind), object keys as map keys,
// and the child types Kubernetes controllers create under what applications deploy.
import { objectKey, type KubeObject, type ObjectKey } from '../diff/index.ts';

/** A resource type as applications name it; the core group is ''. */
export interface ResourceType {
  group: string;
  kind: string;
}

/**
 * Types whose objects controllers create under deployed objects (so they never appear in git
 * but belong in an application's tree): watched alongside the types applications deploy.
 */
export const CHILD_RESOURCE_TYPES: readonly ResourceType[] = [
  { group: 'apps', kind: 'ReplicaSet' },
  { group: 'apps', kind: 'ControllerRevision' },
  { group: '', kind: 'Pod' },
  { group: '', kind: 'Endpoints' },
  { group: 'discovery.k8s.io', kind: 'EndpointSlice' },
  { group: 'batch', kind: 'Job' },
  { group: '', kind: 'PersistentVolumeClaim' },
];

/** `apps/Deployment`, `/Pod`: the map key of a type. */
export function typeKeyOf(type: ResourceType): string {
  return `${type.group}/${type.kind}`;
}

/** `apps/Deployment/default/web`; a cluster-scoped object has an empty namespace part. */
export function keyString(key: ObjectKey): string {
  return `${key.group}/${key.kind}/${key.namespace}/${key.name}`;
}

export function keyOfObject(obj: KubeObject): string {
  return keyString(objectKey(obj));
}

/** `apps/Deployment` or `Pod`, for messages. */
export function describeType(type: ResourceType): string {
  return type.group === '' ? type.kind : `${type.group}/${type.kind}`;
}

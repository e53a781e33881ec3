// Who an object is (group, kind, namespace, name) and whether its kind is built into
// Kubernetes, which decides how the API server shapes it (typed Go structs with omitempty)
// versus custom resources, which it stores as given.
import type { ObjectShape } from './equivalence.ts';
import { isObject } from './json.ts';
import type { KubeObject, ObjectKey } from './types.ts';

export function groupOf(obj: KubeObject): string {
  const apiVersion = typeof obj.apiVersion === 'string' ? obj.apiVersion : '';
  const slash = apiVersion.lastIndexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

function metadataString(obj: KubeObject, field: string): string {
  const value = isObject(obj.metadata) ? obj.metadata[field] : undefined;
  return typeof value === 'string' ? value : '';
}

export function objectKey(obj: KubeObject): ObjectKey {
  return {
    group: groupOf(obj),
    kind: typeof obj.kind === 'string' ? obj.kind : '',
    namespace: metadataString(obj, 'namespace'),
    name: metadataString(obj, 'name'),
  };
}

/** `apps/Deployment default/web`, `ConfigMap default/settings`, `Namespace prod`: for messages. */
export function describeKey(key: ObjectKey): string {
  const groupKind = key.group === '' ? key.kind : `${key.group}/${key.kind}`;
  return `${groupKind} ${key.namespace === '' ? key.name : `${key.namespace}/${key.name}`}`;
}

const BUILT_IN_GROUPS = new Set([
  '',
  'admissionregistration.k8s.io',
  'apiextensions.k8s.io',
  'apiregistration.k8s.io',
  'apps',
  'autoscaling',
  'batch',
  'certificates.k8s.io',
  'coordination.k8s.io',
  'discovery.k8s.io',
  'events.k8s.io',
  'flowcontrol.apiserver.k8s.io',
  'networking.k8s.io',
  'node.k8s.io',
  'policy',
  'rbac.authorization.k8s.io',
  'resource.k8s.io',
  'scheduling.k8s.io',
  'storage.k8s.io',
]);

export function shapeOf(obj: KubeObject): ObjectShape {
  return { builtIn: BUILT_IN_GROUPS.has(groupOf(obj)), kind: typeof obj.kind === 'string' ? obj.kind : '' };
}

export function isSecret(obj: KubeObject): boolean {
  return groupOf(obj) === '' && obj.kind === 'Secret';
}

export function annotationOf(obj: KubeObject, name: string): string | undefined {
  const annotations = isObject(obj.metadata) ? obj.metadata.annotations : undefined;
  const value = isObject(annotations) ? annotations[name] : undefined;
  return typeof value === 'string' ? value : undefined;
}

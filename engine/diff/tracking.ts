// Plumbline's tracking id, `plumbline.dev/tracking-id: <app>:<group>/<kind>:<namespace>/<name>`,
// the same format as Argo CD's `argocd.argoproj.io/tracking-id`. It tells which application
// deployed an object, so Plumbline never diffs or prunes what another app or tool owns.
import { annotationOf, objectKey } from './identity.ts';
import { deepCopy, isObject } from './json.ts';
import type { KubeObject, ObjectKey } from './types.ts';

export const TRACKING_ANNOTATION = 'plumbline.dev/tracking-id';

export interface TrackingId extends ObjectKey {
  appName: string;
}

/** Cluster-scoped objects carry an empty namespace: `app:rbac.authorization.k8s.io/ClusterRole:/view`. */
export function formatTrackingId(id: TrackingId): string {
  return `${id.appName}:${id.group}/${id.kind}:${id.namespace}/${id.name}`;
}

/** Argo CD's parser: exactly three `:` parts, the last two split once by `/`; else undefined. */
export function parseTrackingId(value: string): TrackingId | undefined {
  const parts = value.split(':');
  if (parts.length !== 3) return undefined;
  const [appName, groupKind, namespaceName] = parts as [string, string, string];
  const gk = groupKind.split('/');
  const nn = namespaceName.split('/');
  if (gk.length !== 2 || nn.length !== 2 || appName === '') return undefined;
  return {
    appName,
    group: gk[0] as string,
    kind: gk[1] as string,
    namespace: nn[0] as string,
    name: nn[1] as string,
  };
}

export function trackingIdOf(obj: KubeObject): TrackingId | undefined {
  const value = annotationOf(obj, TRACKING_ANNOTATION);
  return value === undefined ? undefined : parseTrackingId(value);
}

/**
 * True when the object's tracking id names this app and this very object. A copied
 * annotation (a controller copying a template's annotations onto what it creates) names
 * another object, so the copy is not ours. A cluster-scoped object matches whatever
 * namespace its id carries, as in Argo CD.
 */
export function isTrackedBy(obj: KubeObject, appName: string): boolean {
  const id = trackingIdOf(obj);
  if (id === undefined || id.appName !== appName) return false;
  const key = objectKey(obj);
  return (
    id.group === key.group &&
    id.kind === key.kind &&
    id.name === key.name &&
    (key.namespace === '' || key.namespace === id.namespace)
  );
}

/** A copy of `obj` with this app's tracking id: what a sync applies, so what the diff expects. */
export function setTrackingId(obj: KubeObject, appName: string): KubeObject {
  const copy = deepCopy(obj);
  const metadata = isObject(copy.metadata) ? copy.metadata : {};
  const annotations = isObject(metadata.annotations) ? metadata.annotations : {};
  annotations[TRACKING_ANNOTATION] = formatTrackingId({ appName, ...objectKey(obj) });
  metadata.annotations = annotations;
  copy.metadata = metadata;
  return copy;
}

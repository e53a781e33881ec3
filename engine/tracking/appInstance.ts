// Reading and writing which application an object belongs to, in Argo CD's exact formats
// (util/argo/resource_tracking.go): the `argocd.argoproj.io/tracking-id` annotation
// `<app>:<group>/<kind>:<namespace>/<name>` (namespace: the object's, else the application's
// destination namespace — cluster-scoped objects too), the installation ID beside it, and the
// instance label (its value cut to 63 characters for annotation+label, as Argo CD cuts it).
// Objects Plumbline deployed before it followed Argo CD carry `plumbline.dev/tracking-id` in the
// same format: read as well, so an upgrade adopts them.
import { annotationOf, objectKey } from '../diff/identity.ts';
import { deepCopy, isObject } from '../diff/json.ts';
import type { KubeObject, ObjectKey } from '../diff/types.ts';
import { truncateLabel } from './labelValue.ts';
import {
  ARGOCD_TRACKING_ANNOTATION,
  INSTALLATION_ID_ANNOTATION,
  LEGACY_TRACKING_ANNOTATION,
  type Tracking,
} from './trackingSettings.ts';

export interface TrackingId extends ObjectKey {
  appName: string;
}

export function formatTrackingId(id: TrackingId): string {
  return `${id.appName}:${id.group}/${id.kind}:${id.namespace}/${id.name}`;
}

/**
 * Argo CD's ParseAppInstanceValue: split at the first two `:` (the rest stays in the third
 * part), then each of the last two parts in exactly two by `/`. An empty application name is
 * refused too: it could only ever match by accident.
 */
export function parseTrackingId(value: string): TrackingId | undefined {
  const first = value.indexOf(':');
  const second = first < 0 ? -1 : value.indexOf(':', first + 1);
  if (second < 0) return undefined;
  const appName = value.slice(0, first);
  const gk = value.slice(first + 1, second).split('/');
  const nn = value.slice(second + 1).split('/');
  if (gk.length !== 2 || nn.length !== 2 || appName === '') return undefined;
  return { appName, group: gk[0]!, kind: gk[1]!, namespace: nn[0]!, name: nn[1]! };
}

function labelOf(obj: KubeObject, key: string): string | undefined {
  const metadata = isObject(obj.metadata) ? obj.metadata : {};
  const labels = isObject(metadata.labels) ? metadata.labels : {};
  const value = labels[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * Which application the object says it belongs to, as Argo CD's GetAppName with this tracking:
 * the label alone for `label` (it names no object, so it is taken as naming this one); else the
 * annotation, only when the installation ID matches one that is set; else Plumbline's own
 * earlier annotation.
 */
export function trackingIdOf(obj: KubeObject, tracking: Tracking): TrackingId | undefined {
  if (tracking.method === 'label') {
    const label = labelOf(obj, tracking.labelKey);
    if (label !== undefined) return { appName: label, ...objectKey(obj) };
    return legacyTrackingId(obj);
  }
  const value = annotationOf(obj, ARGOCD_TRACKING_ANNOTATION);
  if (value === undefined) return legacyTrackingId(obj);
  if (
    tracking.installationID !== undefined &&
    annotationOf(obj, INSTALLATION_ID_ANNOTATION) !== tracking.installationID
  )
    return undefined;
  return parseTrackingId(value);
}

function legacyTrackingId(obj: KubeObject): TrackingId | undefined {
  const value = annotationOf(obj, LEGACY_TRACKING_ANNOTATION);
  return value === undefined ? undefined : parseTrackingId(value);
}

/**
 * Argo CD's isSelfReferencedObj: the id names this very object (a copied annotation names
 * another, so the copy is not the application's). A cluster-scoped object matches whatever
 * namespace its id carries.
 */
export function namesObject(id: TrackingId, obj: KubeObject): boolean {
  const key = objectKey(obj);
  return (
    id.group === key.group &&
    id.kind === key.kind &&
    id.name === key.name &&
    (key.namespace === '' || key.namespace === id.namespace)
  );
}

/** Every application name any tracking method could read from the object: what an index keys it by. */
export function candidateAppNames(obj: KubeObject, labelKey: string): string[] {
  const names = [
    annotationOf(obj, ARGOCD_TRACKING_ANNOTATION),
    annotationOf(obj, LEGACY_TRACKING_ANNOTATION),
  ].flatMap((value) => (value === undefined ? [] : (parseTrackingId(value)?.appName ?? [])));
  const label = labelOf(obj, labelKey);
  return [...new Set(label === undefined ? names : [...names, label])];
}

/**
 * A copy of the object marked as the application's, as Argo CD's SetAppInstance does for the
 * tracking method. `destinationNamespace` fills the annotation's namespace where the object has
 * none. An annotation already naming this application and object is kept as it is (a cluster-
 * scoped object's carries the destination namespace, which a later caller may not know).
 */
export function withTracking(
  obj: KubeObject,
  appName: string,
  tracking: Tracking,
  destinationNamespace = '',
): KubeObject {
  const copy = deepCopy(obj);
  const metadata = isObject(copy.metadata) ? copy.metadata : {};
  copy.metadata = metadata;
  const setAnnotations = () => {
    const annotations = isObject(metadata.annotations) ? metadata.annotations : {};
    const current =
      typeof annotations[ARGOCD_TRACKING_ANNOTATION] === 'string'
        ? annotations[ARGOCD_TRACKING_ANNOTATION]
        : undefined;
    const kept = current !== undefined ? parseTrackingId(current) : undefined;
    if (!kept || kept.appName !== appName || !namesObject(kept, obj)) {
      const key = objectKey(obj);
      annotations[ARGOCD_TRACKING_ANNOTATION] = formatTrackingId({
        appName,
        ...key,
        namespace: key.namespace || destinationNamespace,
      });
    }
    if (tracking.installationID !== undefined)
      annotations[INSTALLATION_ID_ANNOTATION] = tracking.installationID;
    else delete annotations[INSTALLATION_ID_ANNOTATION];
    metadata.annotations = annotations;
  };
  const setLabel = (value: string) => {
    const labels = isObject(metadata.labels) ? metadata.labels : {};
    labels[tracking.labelKey] = value;
    metadata.labels = labels;
  };
  // label-only tracking reads the label as the application's name: it is never cut (Argo CD)
  if (tracking.method === 'label') setLabel(appName);
  else setAnnotations();
  if (tracking.method === 'annotation+label') setLabel(truncateLabel(appName));
  return copy;
}

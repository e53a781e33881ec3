// What the comparison forgives in a live object's tracking marks, so that a change of tracking
// never makes everything OutOfSync: Argo CD's Normalize (an object last synced with label
// tracking has the label and no annotation: the annotation counts as there, and a label the
// desired object no longer sets counts as gone), and Plumbline's own upgrade (an object carrying
// only `plumbline.dev/tracking-id` for this application and object counts as carrying what the
// desired object carries). Only the copy compared changes; nothing is written.
import { annotationOf } from '../diff/identity.ts';
import { deepCopy, isObject } from '../diff/json.ts';
import type { KubeObject } from '../diff/types.ts';
import { namesObject, parseTrackingId } from './appInstance.ts';
import {
  ARGOCD_TRACKING_ANNOTATION,
  INSTALLATION_ID_ANNOTATION,
  LEGACY_TRACKING_ANNOTATION,
  type Tracking,
} from './trackingSettings.ts';

function record(parent: Record<string, unknown>, field: string): Record<string, unknown> {
  const value = isObject(parent[field]) ? parent[field] : {};
  parent[field] = value;
  return value;
}

function labelOf(obj: KubeObject, key: string): string | undefined {
  const labels = isObject(obj.metadata) && isObject(obj.metadata.labels) ? obj.metadata.labels : {};
  return typeof labels[key] === 'string' ? labels[key] : undefined;
}

/** Plumbline's earlier annotation names this application and this object. */
function legacyOf(live: KubeObject, appName: string): boolean {
  const value = annotationOf(live, LEGACY_TRACKING_ANNOTATION);
  const id = value === undefined ? undefined : parseTrackingId(value);
  return id !== undefined && id.appName === appName && namesObject(id, live);
}

export function normalizeLiveTracking(
  desired: KubeObject,
  live: KubeObject,
  appName: string,
  tracking: Tracking,
): KubeObject {
  const legacy = legacyOf(live, appName);
  const liveAnnotation = annotationOf(live, ARGOCD_TRACKING_ANNOTATION);
  const labelled = labelOf(live, tracking.labelKey) !== undefined;
  const isCrd = live.kind === 'CustomResourceDefinition';
  const migrating = tracking.method !== 'label' && labelled && liveAnnotation === undefined && !isCrd;
  if (!legacy && !migrating) return live;
  const copy = deepCopy(live);
  const metadata = record(copy, 'metadata');
  const annotations = record(metadata, 'annotations');
  const wanted = (name: string) => annotationOf(desired, name);
  if (legacy) {
    // unless the desired object carries it too (a dry run's prediction of an earlier object)
    if (wanted(LEGACY_TRACKING_ANNOTATION) === undefined) delete annotations[LEGACY_TRACKING_ANNOTATION];
    for (const name of [ARGOCD_TRACKING_ANNOTATION, INSTALLATION_ID_ANNOTATION])
      if (annotations[name] === undefined && wanted(name) !== undefined) annotations[name] = wanted(name);
    const label = labelOf(desired, tracking.labelKey);
    if (label !== undefined && !labelled) record(metadata, 'labels')[tracking.labelKey] = label;
  }
  if (migrating) {
    if (wanted(ARGOCD_TRACKING_ANNOTATION) !== undefined)
      annotations[ARGOCD_TRACKING_ANNOTATION] = wanted(ARGOCD_TRACKING_ANNOTATION);
    if (labelOf(desired, tracking.labelKey) === undefined)
      delete record(metadata, 'labels')[tracking.labelKey];
  }
  if (Object.keys(annotations).length === 0) delete metadata.annotations;
  return copy;
}

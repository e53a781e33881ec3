// Which application deployed an object, for the diff and everything that reads live objects:
// Argo CD's tracking (engine/tracking) with the settings in force. It tells which objects an
// application owns, so Plumbline never diffs or prunes what another app or tool owns.
import {
  activeTracking,
  ARGOCD_TRACKING_ANNOTATION,
  namesObject,
  trackingIdOf as readTrackingId,
  withTracking,
  type TrackingId,
} from '../tracking/index.ts';
import type { KubeObject } from './types.ts';

export { formatTrackingId, parseTrackingId, type TrackingId } from '../tracking/index.ts';

/** The annotation Plumbline writes (unless the tracking method is label). */
export const TRACKING_ANNOTATION = ARGOCD_TRACKING_ANNOTATION;

export function trackingIdOf(obj: KubeObject): TrackingId | undefined {
  return readTrackingId(obj, activeTracking());
}

/**
 * True when the object's tracking names this app and this very object. A copied annotation (a
 * controller copying a template's annotations onto what it creates) names another object, so
 * the copy is not ours. A cluster-scoped object matches whatever namespace its id carries, as in
 * Argo CD.
 */
export function isTrackedBy(obj: KubeObject, appName: string): boolean {
  const id = trackingIdOf(obj);
  return id !== undefined && id.appName === appName && namesObject(id, obj);
}

/** A copy of `obj` marked as this app's: what a sync applies, so what the diff expects. */
export function setTrackingId(obj: KubeObject, appName: string): KubeObject {
  return withTracking(obj, appName, activeTracking());
}

// engine/tracking: which application an object belongs to, in Argo CD's formats and with its
// settings (annotation, label or both, installation ID), plus Plumbline's earlier annotation.
export {
  candidateAppNames,
  formatTrackingId,
  namesObject,
  parseTrackingId,
  trackingIdOf,
  withTracking,
  type TrackingId,
} from './appInstance.ts';
export { truncateLabel, LABEL_MAX_LENGTH } from './labelValue.ts';
export { normalizeLiveTracking } from './normalizeLive.ts';
export {
  activeTracking,
  ARGOCD_TRACKING_ANNOTATION,
  DEFAULT_INSTANCE_LABEL,
  DEFAULT_TRACKING,
  INSTALLATION_ID_ANNOTATION,
  LEGACY_TRACKING_ANNOTATION,
  setActiveTracking,
  trackingOf,
  TRACKING_METHODS,
  type Tracking,
  type TrackingMethod,
} from './trackingSettings.ts';

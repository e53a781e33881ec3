// How Plumbline marks and recognises an application's objects, as Argo CD's settings say it:
// `application.resourceTrackingMethod` (annotation — the default —, label, or annotation+label),
// `application.instanceLabelKey` (app.kubernetes.io/instance) and `installationID`. Like the
// YAML limits, the settings read last hold for the whole process: every reader of tracking ids
// (render, diff, live cache, sync) follows them without being handed them.

export const TRACKING_METHODS = ['annotation', 'label', 'annotation+label'] as const;
export type TrackingMethod = (typeof TRACKING_METHODS)[number];

/** Argo CD's annotation: `<app>:<group>/<kind>:<namespace>/<name>`. */
export const ARGOCD_TRACKING_ANNOTATION = 'argocd.argoproj.io/tracking-id';
export const INSTALLATION_ID_ANNOTATION = 'argocd.argoproj.io/installation-id';
export const DEFAULT_INSTANCE_LABEL = 'app.kubernetes.io/instance';
/** What Plumbline wrote before it followed Argo CD's tracking: still read, never written. */
export const LEGACY_TRACKING_ANNOTATION = 'plumbline.dev/tracking-id';

export interface Tracking {
  method: TrackingMethod;
  labelKey: string;
  /** Argo CD's installationID: set on what is deployed, and required of what is recognised. */
  installationID: string | undefined;
}

export const DEFAULT_TRACKING: Tracking = {
  method: 'annotation',
  labelKey: DEFAULT_INSTANCE_LABEL,
  installationID: undefined,
};

export interface TrackingSettingsInput {
  application?:
    { resourceTrackingMethod?: string | undefined; instanceLabelKey?: string | undefined } | undefined;
  installationID?: string | undefined;
}

/** The tracking the settings ask for; what they do not set is Argo CD's default. */
export function trackingOf(settings: TrackingSettingsInput): Tracking {
  const method = settings.application?.resourceTrackingMethod;
  return {
    method: TRACKING_METHODS.includes(method as TrackingMethod) ? (method as TrackingMethod) : 'annotation',
    labelKey: settings.application?.instanceLabelKey || DEFAULT_INSTANCE_LABEL,
    installationID: settings.installationID || undefined,
  };
}

let active: Tracking = DEFAULT_TRACKING;

export function setActiveTracking(tracking: Tracking): void {
  active = tracking;
}

export function activeTracking(): Tracking {
  return active;
}

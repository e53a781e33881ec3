// Argo CD's resource tracking formats (util/argo/resource_tracking.go), byte for byte.
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../engine/diff/index.ts';
import {
  candidateAppNames,
  DEFAULT_TRACKING,
  normalizeLiveTracking,
  parseTrackingId,
  trackingIdOf,
  trackingOf,
  truncateLabel,
  withTracking,
  type Tracking,
} from '../../../engine/tracking/index.ts';

const tracking = (over: Partial<Tracking>): Tracking => ({ ...DEFAULT_TRACKING, ...over });
const cm = (metadata: Record<string, unknown>): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'settings', namespace: 'web', ...metadata },
});
const annotations = (obj: KubeObject) =>
  (obj.metadata as { annotations?: Record<string, string> }).annotations;
const labels = (obj: KubeObject) => (obj.metadata as { labels?: Record<string, string> }).labels;

describe('tracking settings', () => {
  it("defaults to Argo CD's annotation tracking with app.kubernetes.io/instance and no installation ID", () => {
    expect(trackingOf({})).toEqual({
      method: 'annotation',
      labelKey: 'app.kubernetes.io/instance',
      installationID: undefined,
    });
    expect(
      trackingOf({
        application: { resourceTrackingMethod: 'annotation+label', instanceLabelKey: 'team/app' },
        installationID: 'a1',
      }),
    ).toEqual({ method: 'annotation+label', labelKey: 'team/app', installationID: 'a1' });
  });
});

describe('writing tracking marks as Argo CD does', () => {
  it('annotation: <app>:<group>/<kind>:<namespace>/<name>, no label', () => {
    const marked = withTracking(cm({}), 'web-app', tracking({}));
    expect(annotations(marked)).toEqual({
      'argocd.argoproj.io/tracking-id': 'web-app:/ConfigMap:web/settings',
    });
    expect(labels(marked)).toBeUndefined();
  });

  it('uses the destination namespace for objects without one, cluster-scoped ones too', () => {
    const role = {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name: 'view-x' },
    };
    expect(annotations(withTracking(role, 'app', tracking({}), 'dest'))).toEqual({
      'argocd.argoproj.io/tracking-id': 'app:rbac.authorization.k8s.io/ClusterRole:dest/view-x',
    });
  });

  it('writes the installation ID beside the annotation, and removes a stale one when none is set', () => {
    const withId = withTracking(cm({}), 'app', tracking({ installationID: 'prod-1' }));
    expect(annotations(withId)?.['argocd.argoproj.io/installation-id']).toBe('prod-1');
    const stale = cm({ annotations: { 'argocd.argoproj.io/installation-id': 'old' } });
    expect(annotations(withTracking(stale, 'app', tracking({})))).not.toHaveProperty(
      'argocd.argoproj.io/installation-id',
    );
  });

  it('label: the app name as the label value, never cut, no annotation', () => {
    const long = 'a'.repeat(70);
    const marked = withTracking(cm({}), long, tracking({ method: 'label' }));
    expect(labels(marked)).toEqual({ 'app.kubernetes.io/instance': long });
    expect(annotations(marked)).toBeUndefined();
  });

  it('annotation+label: both, the label cut to 63 characters ending with a letter or digit', () => {
    const name = `${'x'.repeat(60)}-.-tail`;
    const marked = withTracking(cm({}), name, tracking({ method: 'annotation+label' }));
    expect(labels(marked)?.['app.kubernetes.io/instance']).toBe('x'.repeat(60));
    expect(annotations(marked)?.['argocd.argoproj.io/tracking-id']).toBe(`${name}:/ConfigMap:web/settings`);
  });
});

describe("Argo CD's TruncateLabel", () => {
  it('returns 63 characters or fewer unchanged, even with a special last character', () => {
    expect(truncateLabel('a'.repeat(63))).toBe('a'.repeat(63));
    expect(truncateLabel('ends-with-')).toBe('ends-with-');
  });
  it('cuts at 63 and strips trailing special characters', () => {
    expect(truncateLabel('b'.repeat(64))).toBe('b'.repeat(63));
    expect(truncateLabel(`${'c'.repeat(61)}-_x`)).toBe('c'.repeat(61));
    expect(truncateLabel(`${'d'.repeat(62)}.zz`)).toBe(`${'d'.repeat(62)}`);
  });
  it('fails when nothing valid is left', () => {
    expect(() => truncateLabel('-'.repeat(70))).toThrow(/unable to truncate/);
  });
});

describe('reading tracking marks', () => {
  it("parses as Argo CD's SplitN: the first two colons split, the rest stays in the name part", () => {
    expect(parseTrackingId('app:apps/Deployment:ns/web')).toEqual({
      appName: 'app',
      group: 'apps',
      kind: 'Deployment',
      namespace: 'ns',
      name: 'web',
    });
    expect(parseTrackingId('app:/ConfigMap:ns/na:me')).toMatchObject({ name: 'na:me' });
    expect(parseTrackingId('app:/ConfigMap')).toBeUndefined();
    expect(parseTrackingId('app:ConfigMap:ns/web')).toBeUndefined();
    expect(parseTrackingId('app:/ConfigMap:ns/web/extra')).toBeUndefined();
    expect(parseTrackingId(':/ConfigMap:ns/web')).toBeUndefined();
  });

  it('annotation: requires the installation ID when one is set', () => {
    const obj = cm({ annotations: { 'argocd.argoproj.io/tracking-id': 'app:/ConfigMap:web/settings' } });
    expect(trackingIdOf(obj, tracking({}))?.appName).toBe('app');
    expect(trackingIdOf(obj, tracking({ installationID: 'mine' }))).toBeUndefined();
    const ours = cm({
      annotations: {
        'argocd.argoproj.io/tracking-id': 'app:/ConfigMap:web/settings',
        'argocd.argoproj.io/installation-id': 'mine',
      },
    });
    expect(trackingIdOf(ours, tracking({ installationID: 'mine' }))?.appName).toBe('app');
  });

  it('label: the label names the app and is taken as naming the object itself', () => {
    const obj = cm({ labels: { 'app.kubernetes.io/instance': 'app' } });
    expect(trackingIdOf(obj, tracking({ method: 'label' }))).toEqual({
      appName: 'app',
      group: '',
      kind: 'ConfigMap',
      namespace: 'web',
      name: 'settings',
    });
    // annotation tracking does not read the label (Helm charts set it themselves)
    expect(trackingIdOf(obj, tracking({}))).toBeUndefined();
  });

  it("reads Plumbline's earlier annotation where Argo CD's is absent", () => {
    const legacy = cm({ annotations: { 'plumbline.dev/tracking-id': 'old-app:/ConfigMap:web/settings' } });
    expect(trackingIdOf(legacy, tracking({}))?.appName).toBe('old-app');
    expect(trackingIdOf(legacy, tracking({ method: 'label' }))?.appName).toBe('old-app');
    expect(candidateAppNames(legacy, 'app.kubernetes.io/instance')).toEqual(['old-app']);
  });
});

describe('comparing across a change of tracking', () => {
  const desired = withTracking(cm({}), 'app', tracking({}));

  it("forgives Plumbline's earlier annotation for this app and object", () => {
    const live = cm({ annotations: { 'plumbline.dev/tracking-id': 'app:/ConfigMap:web/settings' } });
    expect(annotations(normalizeLiveTracking(desired, live, 'app', tracking({})))).toEqual(
      annotations(desired),
    );
  });

  it('does not forgive an earlier annotation naming another application or object', () => {
    const other = cm({ annotations: { 'plumbline.dev/tracking-id': 'other:/ConfigMap:web/settings' } });
    expect(normalizeLiveTracking(desired, other, 'app', tracking({}))).toBe(other);
    const copied = cm({ annotations: { 'plumbline.dev/tracking-id': 'app:/ConfigMap:web/elsewhere' } });
    expect(normalizeLiveTracking(desired, copied, 'app', tracking({}))).toBe(copied);
  });

  it("Argo CD's Normalize: an object labelled under label tracking gets the annotation and loses the label", () => {
    const live = cm({ labels: { 'app.kubernetes.io/instance': 'app', keep: 'yes' } });
    const normalized = normalizeLiveTracking(desired, live, 'app', tracking({}));
    expect(annotations(normalized)).toEqual(annotations(desired));
    expect(labels(normalized)).toEqual({ keep: 'yes' });
    // label tracking itself has nothing to migrate
    expect(normalizeLiveTracking(desired, live, 'app', tracking({ method: 'label' }))).toBe(live);
  });
});

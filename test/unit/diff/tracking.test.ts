// The tracking id `plumbline.dev/tracking-id: <app>:<group>/<kind>:<namespace>/<name>`, the
// format of Argo CD's `argocd.argoproj.io/tracking-id`.
import { describe, expect, it } from 'vitest';
import {
  formatTrackingId,
  isTrackedBy,
  parseTrackingId,
  setTrackingId,
  trackingIdOf,
  type KubeObject,
} from '../../../engine/diff/index.ts';

function withId(obj: KubeObject, id: string): KubeObject {
  return { ...obj, metadata: { ...obj.metadata, annotations: { 'plumbline.dev/tracking-id': id } } };
}

const deployment: KubeObject = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'shop' },
};
const clusterRole: KubeObject = {
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'ClusterRole',
  metadata: { name: 'view-shop' },
};

describe('tracking ids', () => {
  it('formats and parses the Argo CD format; the core group is empty', () => {
    const id = { appName: 'shop', group: '', kind: 'ConfigMap', namespace: 'shop', name: 'settings' };
    expect(formatTrackingId(id)).toBe('shop:/ConfigMap:shop/settings');
    expect(parseTrackingId('shop:/ConfigMap:shop/settings')).toEqual(id);
    expect(parseTrackingId('shop:apps/Deployment:shop/web')).toEqual({
      appName: 'shop',
      group: 'apps',
      kind: 'Deployment',
      namespace: 'shop',
      name: 'web',
    });
  });

  it('a cluster-scoped object has an empty namespace', () => {
    expect(trackingIdOf(setTrackingId(clusterRole, 'shop'))).toEqual({
      appName: 'shop',
      group: 'rbac.authorization.k8s.io',
      kind: 'ClusterRole',
      namespace: '',
      name: 'view-shop',
    });
  });

  it.each([
    'shop',
    'shop:apps/Deployment',
    'shop:apps/Deployment:web',
    'shop:Deployment:shop/web',
    'a:b:c:d',
    ':apps/Deployment:shop/web',
  ])('%s is not a tracking id', (value) => {
    expect(parseTrackingId(value)).toBeUndefined();
  });

  it('setTrackingId returns a copy with the id, leaving the original alone', () => {
    const tracked = setTrackingId(deployment, 'shop');
    expect(tracked.metadata?.annotations).toEqual({
      'argocd.argoproj.io/tracking-id': 'shop:apps/Deployment:shop/web',
    });
    expect(deployment.metadata).not.toHaveProperty('annotations');
  });

  it('isTrackedBy: this app and this very object', () => {
    expect(isTrackedBy(setTrackingId(deployment, 'shop'), 'shop')).toBe(true);
    expect(isTrackedBy(setTrackingId(deployment, 'shop'), 'billing')).toBe(false);
    expect(isTrackedBy(deployment, 'shop')).toBe(false);
    expect(isTrackedBy(withId(deployment, 'garbage'), 'shop')).toBe(false);
  });

  it('a copied annotation names another object, so the copy is not tracked', () => {
    const pod = withId(
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-7d9c6b8f5d-x2x9z', namespace: 'shop' } },
      'shop:apps/Deployment:shop/web',
    );
    expect(isTrackedBy(pod, 'shop')).toBe(false);
    expect(isTrackedBy(withId(deployment, 'shop:apps/Deployment:other/web'), 'shop')).toBe(false);
  });

  it('a cluster-scoped object matches whatever namespace its id carries, as in Argo CD', () => {
    expect(
      isTrackedBy(withId(clusterRole, 'shop:rbac.authorization.k8s.io/ClusterRole:argocd/view-shop'), 'shop'),
    ).toBe(true);
  });
});

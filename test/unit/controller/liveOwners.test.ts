// A live change concerns only the applications that own the object: by what their last
// comparison looked at, by the tracking annotation of a new object, or up a child's
// ownerReferences; an object no application owns concerns none.
import { describe, expect, it } from 'vitest';
import { LiveOwners } from '../../../engine/controller/liveOwners.ts';
import type { KubeObject } from '../../../engine/diff/index.ts';

const TRACKING = 'plumbline.dev/tracking-id';

function object(
  apiVersion: string,
  kind: string,
  name: string,
  extra: { tracking?: string; owner?: { apiVersion: string; kind: string; name: string } } = {},
): KubeObject {
  return {
    apiVersion,
    kind,
    metadata: {
      name,
      namespace: 'shop',
      ...(extra.tracking ? { annotations: { [TRACKING]: extra.tracking } } : {}),
      ...(extra.owner ? { ownerReferences: [{ ...extra.owner, controller: true, uid: 'u' }] } : {}),
    },
  };
}

const deployment = object('apps/v1', 'Deployment', 'web', { tracking: 'app-a:apps/Deployment:shop/web' });
const replicaSet = object('apps/v1', 'ReplicaSet', 'web-1', {
  owner: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
});
const newPod = object('v1', 'Pod', 'web-1-x', {
  owner: { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-1' },
});
const configB = object('v1', 'ConfigMap', 'settings', { tracking: 'app-b:/ConfigMap:shop/settings' });
const stranger = object('v1', 'ConfigMap', 'someone-elses');
const cluster = new Map<string, KubeObject>([
  ['apps/Deployment/shop/web', deployment],
  ['apps/ReplicaSet/shop/web-1', replicaSet],
  ['/Pod/shop/web-1-x', newPod],
  ['/ConfigMap/shop/settings', configB],
  ['/ConfigMap/shop/someone-elses', stranger],
]);
const live = (key: string) => cluster.get(key);

function owners(): LiveOwners {
  const index = new LiveOwners();
  index.record('app-a', 'ctx', ['apps/Deployment/shop/web', 'apps/ReplicaSet/shop/web-1']);
  index.record('app-b', 'ctx', ['/ConfigMap/shop/settings', '/Secret/shop/gone']);
  return index;
}

describe('live owners', () => {
  it('finds the application whose comparison looked at the object', () => {
    expect(owners().concerned('ctx', ['/ConfigMap/shop/settings'], live)).toEqual(new Set(['app-b']));
  });

  it('finds the owner of a deleted object (no longer in the cache) from the last comparison', () => {
    expect(owners().concerned('ctx', ['/Secret/shop/gone'], live)).toEqual(new Set(['app-b']));
  });

  it('walks a new child up its ownerReferences to the owning application', () => {
    expect(owners().concerned('ctx', ['/Pod/shop/web-1-x'], live)).toEqual(new Set(['app-a']));
  });

  it('finds a new object through its tracking annotation', () => {
    const index = new LiveOwners();
    expect(index.concerned('ctx', ['apps/Deployment/shop/web'], live)).toEqual(new Set(['app-a']));
  });

  it('concerns nobody for an object no application owns, or in another cluster', () => {
    expect(owners().concerned('ctx', ['/ConfigMap/shop/someone-elses'], live)).toEqual(new Set());
    expect(owners().concerned('other', ['/Secret/shop/gone'], () => undefined)).toEqual(new Set());
  });

  it('forgets what an application owned when it is compared again or removed', () => {
    const index = owners();
    index.record('app-b', 'ctx', ['/ConfigMap/shop/settings']);
    expect(index.concerned('ctx', ['/Secret/shop/gone'], live)).toEqual(new Set());
    index.forget('app-a');
    expect(index.concerned('ctx', ['apps/ReplicaSet/shop/web-1'], () => undefined)).toEqual(new Set());
  });
});

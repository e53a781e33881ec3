import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../engine/diff/index.ts';
import { ObjectIndex } from '../../../engine/cluster/objectIndex.ts';
import { keyString } from '../../../engine/cluster/resourceTypes.ts';
import { resourceTree, type TreeNode } from '../../../engine/cluster/resourceTree.ts';
import { deploymentChain, kube, serviceWithEndpoints, uidOf } from './treeFixtures.ts';

function indexOf(objects: KubeObject[]): ObjectIndex {
  const index = new ObjectIndex();
  for (const obj of objects) index.upsert(obj);
  return index;
}

/** `Kind/name ← Parent/name, …` lines: easy to read in a failure. */
function shape(nodes: TreeNode[]): string[] {
  const label = (k: TreeNode['key']): string => `${k.kind}/${k.name}`;
  return nodes.map((n) => [label(n.key), ...n.parentKeys.map(label)].join(' ← ')).sort();
}

describe('resourceTree', () => {
  it('follows ownerReferences from a managed Deployment down to its Pods', () => {
    const stray = kube('v1', 'Pod', 'stray');
    const nodes = resourceTree(indexOf([...deploymentChain('shop', 'web', 2), stray]), 'shop');
    expect(shape(nodes)).toEqual([
      'Deployment/web',
      'Pod/web-5d8f-0 ← ReplicaSet/web-5d8f',
      'Pod/web-5d8f-1 ← ReplicaSet/web-5d8f',
      'ReplicaSet/web-5d8f ← Deployment/web',
    ]);
    const rs = nodes.find((n) => n.key.kind === 'ReplicaSet');
    expect(rs).toMatchObject({
      key: { group: 'apps', kind: 'ReplicaSet', namespace: 'default', name: 'web-5d8f' },
    });
    expect(rs?.uid).toBe('uid-ReplicaSet-default-web-5d8f');
    expect(rs?.object.kind).toBe('ReplicaSet');
  });

  it('links a Service to its Endpoints by name and EndpointSlices by label, not another service’s', () => {
    const other = serviceWithEndpoints('other-app', 'db');
    const nodes = resourceTree(indexOf([...serviceWithEndpoints('shop', 'web'), ...other]), 'shop');
    expect(shape(nodes)).toEqual([
      'EndpointSlice/web-abcde ← Service/web',
      'Endpoints/web ← Service/web',
      'Service/web',
    ]);
  });

  it('links a StatefulSet to the claims of its volumeClaimTemplates, every ordinal', () => {
    const sts = kube('apps/v1', 'StatefulSet', 'db', {
      app: 'shop',
      spec: {
        replicas: 2,
        volumeClaimTemplates: [{ metadata: { name: 'data' } }, { metadata: { name: 'logs' } }],
      },
    });
    const claims = [
      'data-db-0',
      'data-db-1',
      'data-db-7',
      'logs-db-0',
      'data-db2-0',
      'data-db',
      'data-db-x',
    ].map((name) => kube('v1', 'PersistentVolumeClaim', name));
    const elsewhere = kube('v1', 'PersistentVolumeClaim', 'data-db-0', { namespace: 'other' });
    expect(shape(resourceTree(indexOf([sts, ...claims, elsewhere]), 'shop'))).toEqual([
      'PersistentVolumeClaim/data-db-0 ← StatefulSet/db',
      'PersistentVolumeClaim/data-db-1 ← StatefulSet/db',
      'PersistentVolumeClaim/data-db-7 ← StatefulSet/db',
      'PersistentVolumeClaim/logs-db-0 ← StatefulSet/db',
      'StatefulSet/db',
    ]);
  });

  it('leaves out objects of another application, even below its own objects', () => {
    const [deployment, rs] = deploymentChain('shop', 'web', 0);
    const claimedByOther = kube('v1', 'ConfigMap', 'web-config', {
      app: 'billing',
      owners: [uidOf(deployment!)],
    });
    // A tracking id copied from the Deployment's template names another object: not a claim.
    const copied = kube('v1', 'Pod', 'web-5d8f-0', {
      owners: [uidOf(rs!)],
      annotations: { 'plumbline.dev/tracking-id': 'billing:apps/Deployment:default/web' },
    });
    const billing = kube('v1', 'ConfigMap', 'billing', { app: 'billing' });
    const nodes = resourceTree(indexOf([deployment!, rs!, claimedByOther, copied, billing]), 'shop');
    expect(shape(nodes)).toEqual([
      'Deployment/web',
      'Pod/web-5d8f-0 ← ReplicaSet/web-5d8f',
      'ReplicaSet/web-5d8f ← Deployment/web',
    ]);
  });

  it('lists an object with two owners once, with both parents', () => {
    const a = kube('v1', 'ConfigMap', 'a', { app: 'shop' });
    const b = kube('v1', 'ConfigMap', 'b', { app: 'shop' });
    const child = kube('v1', 'Secret', 'both', { owners: [uidOf(a), uidOf(b)] });
    expect(shape(resourceTree(indexOf([a, b, child]), 'shop'))).toEqual([
      'ConfigMap/a',
      'ConfigMap/b',
      'Secret/both ← ConfigMap/a ← ConfigMap/b',
    ]);
  });

  it('survives an ownership cycle', () => {
    const a = kube('v1', 'ConfigMap', 'a', { app: 'shop', owners: ['uid-ConfigMap-default-b'] });
    const b = kube('v1', 'ConfigMap', 'b', { owners: [uidOf(a)] });
    expect(shape(resourceTree(indexOf([a, b]), 'shop'))).toEqual([
      'ConfigMap/a ← ConfigMap/b',
      'ConfigMap/b ← ConfigMap/a',
    ]);
  });

  it('builds the tree of 5,000 objects within the time budget', () => {
    const objects: KubeObject[] = [];
    for (let i = 0; i < 400; i++) {
      const app = i % 2 === 0 ? 'shop' : 'billing';
      objects.push(
        ...deploymentChain(app, `web-${i}`, 8, `ns-${i % 20}`),
        ...serviceWithEndpoints(app, `web-${i}`, `ns-${i % 20}`),
      );
    }
    expect(objects.length).toBe(5_200);
    const index = indexOf(objects);
    const started = performance.now();
    const nodes = resourceTree(index, 'shop');
    const elapsed = performance.now() - started;
    expect(nodes).toHaveLength(2_600);
    expect(new Set(nodes.map((n) => keyString(n.key))).size).toBe(2_600);
    expect(elapsed).toBeLessThan(150);
  });
});

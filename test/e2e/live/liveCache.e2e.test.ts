// The live cache against a real cluster: initial list, create/update/delete seen within 2 s,
// a burst of updates batched, a scale visible, an application's tree and an object's events.
import { randomBytes } from 'node:crypto';
import * as k8s from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHILD_RESOURCE_TYPES } from '../../../engine/cluster/resourceTypes.ts';
import { events } from '../../../engine/cluster/objectEvents.ts';
import { LiveCache } from '../../../engine/cluster/liveCache.ts';
import { resourceTree } from '../../../engine/cluster/resourceTree.ts';
import { clientsOf, configMap, connect, deployment, testNamespace, until } from './liveTestKit.ts';

const ns = testNamespace('live');
const connection = connect('plumbline-a');
const { core, apps } = clientsOf(connection);
const changes: { at: number; keys: Set<string> }[] = [];
const cache = new LiveCache(connection, {
  onChange: (keys) => changes.push({ at: Date.now(), keys: new Set(keys) }),
});
const key = (name: string): string => `/ConfigMap/${ns}/${name}`;
// Unique per run: a previous run's namespace may still be terminating, with the same names.
const app = `shop-${randomBytes(3).toString('hex')}`;
const dataOf = (name: string): Record<string, string> | undefined =>
  cache.get(key(name))?.data as Record<string, string> | undefined;
const mergePatch = k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch);

beforeAll(async () => {
  await core.createNamespacedConfigMap({ namespace: ns, body: configMap('before', ns, { a: '1' }, app) });
  cache.ensureTypes([
    { group: '', kind: 'ConfigMap' },
    { group: 'apps', kind: 'Deployment' },
    ...CHILD_RESOURCE_TYPES,
  ]);
  await cache.synced();
});
afterAll(() => cache.close());

describe('LiveCache on plumbline-a', () => {
  it('lists what exists, connected, with one list per type', () => {
    expect(dataOf('before')).toEqual({ a: '1' });
    expect(cache.get(key('before'))).toMatchObject({ apiVersion: 'v1', kind: 'ConfigMap' });
    expect(cache.objectsTrackedBy(app).map((o) => o.metadata?.name)).toEqual(['before']);
    expect(cache.state().state).toBe('connected');
    const types = CHILD_RESOURCE_TYPES.length + 2;
    expect(connection.requestCounts().byVerb.list).toBe(types);
  });

  it('speaks for an object only where its type is listed and watched', () => {
    const at = (kind: string, namespace: string, name: string) => ({ group: '', kind, namespace, name });
    expect(cache.known(at('ConfigMap', ns, 'before'))?.obj?.data).toEqual({ a: '1' });
    expect(cache.known(at('ConfigMap', ns, 'absent'))).toEqual({ obj: undefined });
    // not watched, or namespaced but named without its namespace: only the server can say
    expect(cache.known(at('Secret', ns, 'x'))).toBeUndefined();
    expect(cache.known(at('ConfigMap', '', 'before'))).toBeUndefined();
  });

  it('sees a create, an update and a delete within 2 s each', async () => {
    const seen = async (what: string, check: () => boolean): Promise<number> => {
      const started = Date.now();
      await until(what, check, 2_000);
      return Date.now() - started;
    };
    await core.createNamespacedConfigMap({ namespace: ns, body: configMap('c1', ns, { v: '1' }) });
    await seen('create', () => cache.get(key('c1')) !== undefined);
    await core.patchNamespacedConfigMap(
      { name: 'c1', namespace: ns, body: { data: { v: '2' } } },
      mergePatch,
    );
    await seen('update', () => dataOf('c1')?.v === '2');
    const since = changes.length;
    await core.deleteNamespacedConfigMap({ name: 'c1', namespace: ns });
    await seen('delete', () => cache.get(key('c1')) === undefined);
    await until('the delete reported', () => changes.slice(since).some((c) => c.keys.has(key('c1'))), 1_000);
  });

  it('batches a burst of 50 updates into a few onChange calls', async () => {
    await core.createNamespacedConfigMap({ namespace: ns, body: configMap('burst', ns, { n: '0' }) });
    await until('burst created', () => cache.get(key('burst')));
    await new Promise((r) => setTimeout(r, 300));
    const since = changes.length;
    const started = Date.now();
    for (let n = 1; n <= 50; n++) {
      await core.patchNamespacedConfigMap(
        { name: 'burst', namespace: ns, body: { data: { n: String(n) } } },
        mergePatch,
      );
    }
    const took = Date.now() - started;
    await until('last update seen', () => dataOf('burst')?.n === '50', 2_000);
    await new Promise((r) => setTimeout(r, 200));
    const calls = changes.slice(since);
    console.log(`50 updates in ${took} ms → ${calls.length} onChange calls`);
    // At most one call per 100 ms window (plus the windows the edges straddle).
    expect(calls.length).toBeLessThanOrEqual(Math.ceil(took / 100) + 2);
    expect(calls.length).toBeLessThan(50);
    for (let i = 1; i < calls.length; i++) expect(calls[i]!.at - calls[i - 1]!.at).toBeGreaterThanOrEqual(95);
  });

  it(
    'sees a scale (patched replicas) and builds the tree Deployment → ReplicaSet → Pods',
    { timeout: 60_000 },
    async () => {
      await apps.createNamespacedDeployment({ namespace: ns, body: deployment('web', ns, app, 1) });
      const dkey = `apps/Deployment/${ns}/web`;
      await until(
        'one pod in the tree',
        () => resourceTree(cache, app).filter((n) => n.key.kind === 'Pod').length === 1,
      );
      await apps.patchNamespacedDeploymentScale(
        { name: 'web', namespace: ns, body: { spec: { replicas: 3 } } },
        mergePatch,
      );
      await until(
        'replicas 3 in the cache',
        () => (cache.get(dkey)?.spec as { replicas?: number } | undefined)?.replicas === 3,
        2_000,
      );
      const tree = await until('three pods in the tree', () => {
        const nodes = resourceTree(cache, app);
        return nodes.filter((n) => n.key.kind === 'Pod').length === 3 && nodes;
      });
      const rs = tree.find((n) => n.key.kind === 'ReplicaSet');
      expect(rs?.parentKeys).toEqual([{ group: 'apps', kind: 'Deployment', namespace: ns, name: 'web' }]);
      for (const pod of tree.filter((n) => n.key.kind === 'Pod')) expect(pod.parentKeys).toEqual([rs?.key]);
      expect(tree.map((n) => n.key.kind)).toContain('ConfigMap'); // `before` is tracked by the app too
    },
  );

  it('lists the events of an object, newest first', async () => {
    const rs = cache.list({ group: 'apps', kind: 'ReplicaSet', namespace: ns })[0];
    expect(rs).toBeDefined();
    const found = await until('ReplicaSet events', async () => {
      const list = await events(connection, rs!);
      return list.length > 0 && list;
    });
    expect(found.some((e) => e.reason === 'SuccessfulCreate' && e.source === 'replicaset-controller')).toBe(
      true,
    );
    const times = found.map((e) => Date.parse(e.lastSeen ?? ''));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });
});

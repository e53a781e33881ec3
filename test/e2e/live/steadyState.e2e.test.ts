// What a live cache costs the API server in steady state: one watch per resource type, however
// many applications use those types. Measured with the connection's own request counter while
// the applications' objects keep changing and every change rebuilds the affected trees.
import * as k8s from '@kubernetes/client-node';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ClusterConnection } from '../../../engine/cluster/clusterConnection.ts';
import { LiveCache } from '../../../engine/cluster/liveCache.ts';
import { resourceTree } from '../../../engine/cluster/resourceTree.ts';
import { CHILD_RESOURCE_TYPES } from '../../../engine/cluster/resourceTypes.ts';
import { trackingIdOf, type KubeObject } from '../../../engine/diff/index.ts';
import { clientsOf, configMap, connect, deployment, testNamespace } from './liveTestKit.ts';

const WINDOW_MS = 30_000;
const APPS = 20;
const ns = testNamespace('steady');
const admin = clientsOf(connect('plumbline-a'));
const appName = (i: number): string => `steady-${i}`;
const appTypes = [
  { group: 'apps', kind: 'Deployment' },
  { group: '', kind: 'Service' },
  { group: '', kind: 'ConfigMap' },
];
const mergePatch = k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch);

beforeAll(async () => {
  for (let i = 0; i < APPS; i++) {
    const app = appName(i);
    await admin.apps.createNamespacedDeployment({ namespace: ns, body: deployment(app, ns, app) });
    await admin.core.createNamespacedConfigMap({ namespace: ns, body: configMap(app, ns, { n: '0' }, app) });
    const annotations = { 'plumbline.dev/tracking-id': `${app}:/Service:${ns}/${app}` };
    await admin.core.createNamespacedService({
      namespace: ns,
      body: { metadata: { name: app, annotations }, spec: { selector: { app }, ports: [{ port: 80 }] } },
    });
  }
});

interface Measurement {
  setupRequests: number;
  windowRequests: number;
  onChangeCalls: number;
  treesBuilt: number;
}

/** A cache for `apps` applications on a fresh connection; counts requests during one window. */
async function measure(apps: number): Promise<Measurement> {
  const connection: ClusterConnection = connect('plumbline-a');
  let onChangeCalls = 0;
  let treesBuilt = 0;
  const cache: LiveCache = new LiveCache(connection, {
    onChange: (keys) => {
      onChangeCalls++;
      // What the controller does: one comparison per affected application.
      const affected = new Set<string>();
      for (const key of keys) {
        const obj: KubeObject | undefined = cache.get(key);
        const app = obj && trackingIdOf(obj)?.appName;
        if (app) affected.add(app);
      }
      for (const app of affected) treesBuilt += resourceTree(cache, app).length > 0 ? 1 : 0;
    },
  });
  for (let i = 0; i < apps; i++) {
    cache.ensureTypes([...appTypes, ...CHILD_RESOURCE_TYPES]);
    cache.ensureNamespaces([ns]);
  }
  await cache.synced();
  const setupRequests = connection.requestCounts().total;
  const changes = setInterval(() => {
    for (let i = 0; i < apps; i++) {
      void admin.core.patchNamespacedConfigMap(
        { name: appName(i), namespace: ns, body: { data: { n: String(Date.now()) } } },
        mergePatch,
      );
    }
  }, 2_000);
  await new Promise((resolve) => setTimeout(resolve, WINDOW_MS));
  clearInterval(changes);
  const windowRequests = connection.requestCounts().total - setupRequests;
  cache.close();
  return { setupRequests, windowRequests, onChangeCalls, treesBuilt };
}

describe('steady-state cost of the live cache', () => {
  it('sends no more requests for 20 applications than for 1', { timeout: 4 * WINDOW_MS }, async () => {
    const one = await measure(1);
    const twenty = await measure(APPS);
    const perMinute = (m: Measurement): number => (m.windowRequests * 60_000) / WINDOW_MS;
    console.log(
      `1 app: setup ${one.setupRequests} requests, ${perMinute(one)} requests/min, ${one.onChangeCalls} onChange, ${one.treesBuilt} trees; ` +
        `${APPS} apps: setup ${twenty.setupRequests} requests, ${perMinute(twenty)} requests/min, ${twenty.onChangeCalls} onChange, ${twenty.treesBuilt} trees`,
    );
    const types = appTypes.length + CHILD_RESOURCE_TYPES.length;
    expect(one.setupRequests).toBe(2 + 2 * types); // discovery (/api, /apis), then a list and a watch per type
    expect(twenty.setupRequests).toBe(one.setupRequests);
    // Watches are renewed every 5–10 minutes: a 30 s window sees at most a stray renewal.
    expect(one.windowRequests).toBeLessThanOrEqual(1);
    expect(twenty.windowRequests).toBeLessThanOrEqual(1);
    expect(twenty.treesBuilt).toBeGreaterThan(one.treesBuilt);
  });
});

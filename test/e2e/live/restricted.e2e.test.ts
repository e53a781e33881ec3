// A user whose RBAC allows only namespace team-a: the cache falls back from cluster-wide watches
// to the namespaces the engine needs, and reports the cluster degraded, not unreachable.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LiveCache } from '../../../engine/cluster/liveCache.ts';
import { CHILD_RESOURCE_TYPES } from '../../../engine/cluster/resourceTypes.ts';
import { RESTRICTED_NAMESPACE } from '../../cluster/harness.ts';
import { clientsOf, configMap, connect, testNamespace, until } from './liveTestKit.ts';

const elsewhere = testNamespace('restricted-other');
const admin = clientsOf(connect('plumbline-a'));
const connection = connect('plumbline-a-restricted');
const cache = new LiveCache(connection, { backoff: { initialMs: 200, maxMs: 2_000 } });
const name = `restricted-${randomBytes(3).toString('hex')}`;
const team = RESTRICTED_NAMESPACE;

beforeAll(async () => {
  await admin.core.createNamespacedConfigMap({
    namespace: team,
    body: configMap(`${name}-before`, team, { a: '1' }),
  });
  await admin.core.createNamespacedConfigMap({
    namespace: elsewhere,
    body: configMap(name, elsewhere, { a: '1' }),
  });
  cache.ensureTypes([
    { group: '', kind: 'ConfigMap' },
    { group: '', kind: 'Namespace' },
    ...CHILD_RESOURCE_TYPES,
  ]);
  cache.ensureNamespaces([team]);
  await cache.synced();
});
afterAll(async () => {
  cache.close();
  for (const n of [`${name}-before`, `${name}-after`]) {
    await admin.core.deleteNamespacedConfigMap({ name: n, namespace: team }).catch(() => undefined);
  }
});

describe('LiveCache with namespace-scoped RBAC', () => {
  it('falls back to namespace team-a and reports degraded, not unreachable', () => {
    expect(cache.get(`/ConfigMap/${team}/${name}-before`)).toBeDefined();
    expect(cache.get(`/ConfigMap/${elsewhere}/${name}`)).toBeUndefined();
    const state = cache.state();
    expect(state.state).toBe('degraded');
    expect(state.reason).toMatch(/403 Forbidden/);
    expect(state.reason).toMatch(/watching only namespaces: team-a/);
    // Namespaces are cluster-scoped: no namespace fallback, the type simply fails.
    expect(cache.list({ group: '', kind: 'Namespace' })).toEqual([]);
  });

  it('watches team-a: a change there is seen within 2 s', async () => {
    await admin.core.createNamespacedConfigMap({
      namespace: team,
      body: configMap(`${name}-after`, team, { b: '2' }),
    });
    await until('the new ConfigMap', () => cache.get(`/ConfigMap/${team}/${name}-after`), 2_000);
    expect(cache.state().state).toBe('degraded');
  });

  it('watches a namespace asked for later (and reports the list refused there too)', async () => {
    cache.ensureNamespaces([elsewhere]);
    await until('the refusal in the reason', () =>
      /watching only namespaces: .*restricted-other/.test(cache.state().reason ?? ''),
    );
    expect(cache.get(`/ConfigMap/${elsewhere}/${name}`)).toBeUndefined();
    expect(cache.state().state).toBe('degraded');
  });
});

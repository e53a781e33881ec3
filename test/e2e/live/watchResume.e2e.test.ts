// Watches the server ends (its timeoutSeconds) are resumed from the last resourceVersion:
// a new watch request each time, never a new list, and no change is lost in between.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LiveCache } from '../../../engine/cluster/liveCache.ts';
import { clientsOf, configMap, connect, testNamespace, until } from './liveTestKit.ts';

const ns = testNamespace('resume');
const connection = connect('plumbline-a');
const { core } = clientsOf(connection);
const cache = new LiveCache(connection, { watchTimeoutSeconds: 1 });

beforeAll(async () => {
  cache.ensureTypes([{ group: '', kind: 'ConfigMap' }]);
  await cache.synced();
});
afterAll(() => cache.close());

describe('watch resumption', () => {
  it('resumes ended watches without re-listing and misses nothing', { timeout: 60_000 }, async () => {
    const before = connection.requestCounts().byVerb;
    for (let i = 0; i < 8; i++) {
      await core.createNamespacedConfigMap({ namespace: ns, body: configMap(`c${i}`, ns, { i: String(i) }) });
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
    const ours = (): number =>
      cache
        .list({ group: '', kind: 'ConfigMap', namespace: ns })
        .filter((c) => /^c\d$/.test(String(c.metadata?.name))).length;
    await until('all eight', () => ours() === 8, 2_000);
    const after = connection.requestCounts().byVerb;
    expect(after.list).toBe(before.list);
    expect((after.watch ?? 0) - (before.watch ?? 0)).toBeGreaterThanOrEqual(3);
    expect(cache.state().state).toBe('connected');
  });
});

// The API server goes away and comes back: the cache reports unreachable (with the reason),
// then connected again, and catches up on a change it missed — the same cache, never rebuilt.
// While it is down etcd is compacted, so the resourceVersion the cache resumes from is gone:
// the server answers 410 and the cache re-lists, as it must after any compaction.
import * as k8s from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionState } from '../../../engine/cluster/connectionState.ts';
import { LiveCache } from '../../../engine/cluster/liveCache.ts';
import { clusterState, startApiServer, stopApiServer } from '../../cluster/harness.ts';
import { clientsOf, configMap, connect, testNamespace, until } from './liveTestKit.ts';

const ns = testNamespace('restart');
const connection = connect('plumbline-a');
const { core } = clientsOf(connection);
const states: ConnectionState[] = [];
// Retries 8 s apart (±20 %): the change below, made the moment the server accepts writes
// again, lands while the cache is still disconnected.
const backoff = { initialMs: 8_000, maxMs: 8_000 };
const cache = new LiveCache(connection, { onState: (s) => states.push(s), backoff });
const key = `/ConfigMap/${ns}/missed`;

/**
 * Advances etcd past the last resourceVersion the cache saw (the server's shutdown bookmark
 * brought it up to date) with a key outside the API server's /registry prefix, then compacts
 * the history up to it, as the API server itself does every 5 minutes.
 */
async function compactEtcd(): Promise<void> {
  const etcd = `http://127.0.0.1:${clusterState('plumbline-a').ports.etcd}/v3/kv`;
  const post = async (path: string, body: object): Promise<{ header: { revision: string } }> => {
    const res = await fetch(`${etcd}/${path}`, { method: 'POST', body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`etcd ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as { header: { revision: string } };
  };
  const put = await post('put', { key: btoa('/plumbline-e2e/compaction'), value: btoa(String(Date.now())) });
  await post('compaction', { revision: put.header.revision, physical: true });
}
const valueOf = (): string | undefined => (cache.get(key)?.data as Record<string, string> | undefined)?.v;

beforeAll(async () => {
  await core.createNamespacedConfigMap({ namespace: ns, body: configMap('missed', ns, { v: 'before' }) });
  cache.ensureTypes([
    { group: '', kind: 'ConfigMap' },
    { group: 'apps', kind: 'Deployment' },
  ]);
  await cache.synced();
});
afterAll(async () => {
  cache.close();
  await startApiServer('plumbline-a'); // whatever happened above, leave the cluster up
});

describe('LiveCache across an API server restart', () => {
  it(
    'goes unreachable, comes back connected, and catches up on a missed change',
    { timeout: 120_000 },
    async () => {
      expect(cache.state().state).toBe('connected');
      expect(valueOf()).toBe('before');

      await stopApiServer('plumbline-a');
      try {
        const down = await until(
          'unreachable',
          () => cache.state().state === 'unreachable' && cache.state(),
          20_000,
        );
        expect(down.reason).toMatch(
          /on plumbline-a: cannot reach 127\.0\.0\.1:\d+: (ECONNREFUSED|ECONNRESET)/,
        );
        await compactEtcd();
      } catch (error) {
        // the shared cluster comes back for the tests after this one
        await startApiServer('plumbline-a');
        throw error;
      }
      const listsBefore = connection.requestCounts().byVerb.list;

      const restarted = startApiServer('plumbline-a');
      const mergePatch = k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch);
      await until('the change accepted', () =>
        core.patchNamespacedConfigMap(
          { name: 'missed', namespace: ns, body: { data: { v: 'after' } } },
          mergePatch,
        ),
      );
      const stateAtChange = cache.state().state;
      await restarted;

      await until('connected again', () => cache.state().state === 'connected', 30_000);
      await until('the missed change', () => valueOf() === 'after', 5_000);
      // Both types re-listed after 410 Gone.
      expect(connection.requestCounts().byVerb.list).toBe((listsBefore ?? 0) + 2);
      const names = states.map((s) => s.state);
      expect(names.slice(names.indexOf('unreachable'))).toContain('connected');
      expect(stateAtChange).not.toBe('connected');
    },
  );
});

// What a write reads first: a server-side apply of a resource takes the object from the watch
// (no GET, as gitops-engine reads its cluster cache); a replace, a hook, or an object the watch
// cannot speak for is read from the API server.
import { describe, expect, it } from 'vitest';
import { keyString } from '../../../engine/cluster/index.ts';
import type { KubeObject, ObjectKey } from '../../../engine/diff/index.ts';
import { readLiveObject, runSync, type SyncDeps } from '../../../engine/sync/index.ts';
import { FakeCluster } from './fakeCluster.ts';
import { obj, request } from './fixtures.ts';

function counting(watched: (key: ObjectKey) => { obj: KubeObject | undefined } | undefined) {
  const cluster = new FakeCluster();
  const reads: string[] = [];
  const deps: SyncDeps = {
    connection: cluster.connection,
    readLive: (key) => {
      reads.push(keyString(key));
      return readLiveObject(cluster.connection, key);
    },
    watchedLive: watched,
    healthOf: () => null,
    authorize: () => Promise.resolve({ allowed: true }),
    pollIntervalMs: 1,
    waveDelayMs: 0,
    sleep: () => Promise.resolve(),
  };
  return { deps, reads };
}

const hook = obj('v1', 'ConfigMap', 'migrate', { 'argocd.argoproj.io/hook': 'PreSync' });

describe('the live object read before a write', () => {
  it('comes from the watch for server-side applies of resources', async () => {
    const { deps, reads } = counting(() => ({ obj: undefined }));
    const result = await runSync(request([obj('v1', 'ConfigMap', 'a'), obj('v1', 'Secret', 's')]), deps);
    expect(result.phase).toBe('Succeeded');
    expect(reads).toEqual([]);
    expect(result.resources.map((r) => r.message)).toEqual(['created', 'created']);
  });

  it('comes from the API server for a replace, a hook, and what the watch cannot say', async () => {
    const replaced = obj('v1', 'ConfigMap', 'r', { 'argocd.argoproj.io/sync-options': 'Replace=true' });
    const unwatched = obj('v1', 'Secret', 'u');
    const { deps, reads } = counting((key) => (key.kind === 'Secret' ? undefined : { obj: undefined }));
    const result = await runSync(request([replaced, hook, unwatched, obj('v1', 'ConfigMap', 'w')]), deps);
    expect(result.phase).toBe('Succeeded');
    expect(new Set(reads)).toEqual(
      new Set(['/ConfigMap/shop/r', '/Secret/shop/u', expect.stringMatching(/^\/ConfigMap\/shop\/migrate/)]),
    );
    expect(reads.some((key) => key.endsWith('/w'))).toBe(false);
  });
});

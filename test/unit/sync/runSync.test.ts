// The sync operation's control flow against an in-memory cluster: progress as it happens,
// retries with their backoff delays, giving up, terminate while waiting to retry.
import { describe, expect, it } from 'vitest';
import { readLiveObject, runSync, type SyncDeps, type SyncProgress } from '../../../engine/sync/index.ts';
import { FakeCluster } from './fakeCluster.ts';
import { obj, request } from './fixtures.ts';

function deps(cluster: FakeCluster, sleeps: number[], overrides: Partial<SyncDeps> = {}): SyncDeps {
  return {
    connection: cluster.connection,
    readLive: (key) => readLiveObject(cluster.connection, key),
    healthOf: () => null,
    authorize: () => Promise.resolve({ allowed: true }),
    pollIntervalMs: 1,
    waveDelayMs: 0,
    sleep: (ms) => {
      sleeps.push(ms);
      return Promise.resolve();
    },
    ...overrides,
  };
}

const desired = [
  obj('v1', 'ConfigMap', 'a'),
  obj('v1', 'ConfigMap', 'b', { 'argocd.argoproj.io/sync-wave': '1' }),
];

describe('runSync', () => {
  it('applies wave by wave and reports progress as it goes', async () => {
    const cluster = new FakeCluster();
    const progress: SyncProgress[] = [];
    const result = await runSync(request(desired), deps(cluster, []), (p) => progress.push(p));
    expect(result.phase).toBe('Succeeded');
    expect(result.message).toBe('successfully synced (all tasks run)');
    expect(cluster.writes).toEqual(['PATCH /shop/configmaps/a', 'PATCH /shop/configmaps/b']);
    expect(progress[0]).toMatchObject({ phase: 'Running', attempt: 1 });
    expect(progress.at(-1)?.phase).toBe('Succeeded');
    const snapshots = progress.map((p) => JSON.stringify(p));
    expect(new Set(snapshots).size).toBe(snapshots.length);
    const firstDone = progress.findIndex((p) => p.resources[0]?.status === 'Synced');
    expect(progress[firstDone]?.resources[1]?.status).toBeUndefined();
  });

  it('retries a failed sync after the backoff delays, then succeeds', async () => {
    const cluster = new FakeCluster();
    cluster.refuseWrites = 2;
    const sleeps: number[] = [];
    const retry = { limit: 5, backoff: { duration: '2s', factor: 3 } };
    const result = await runSync(request(desired, [], { retry }), deps(cluster, sleeps));
    expect(result).toMatchObject({ phase: 'Succeeded', attempt: 3 });
    expect(sleeps).toEqual([2_000, 6_000]);
  });

  it('gives up after the limit with the failure and its reason', async () => {
    const cluster = new FakeCluster();
    cluster.refuseWrites = 10;
    const sleeps: number[] = [];
    const result = await runSync(request(desired, [], { retry: { limit: 1 } }), deps(cluster, sleeps));
    expect(result).toMatchObject({ phase: 'Failed', attempt: 2 });
    expect(result.message).toMatch(
      /^one or more objects failed to sync, reason: ConfigMap a: PATCH .*refused/,
    );
    expect(sleeps).toEqual([5_000]);
  });

  it('runs the SyncFail hooks when the sync fails, and says when they fail too', async () => {
    const notify = obj('batch/v1', 'Job', 'notify', { 'argocd.argoproj.io/hook': 'SyncFail' });
    const ran = new FakeCluster();
    ran.refuseWrites = 1;
    const failed = await runSync(request([obj('v1', 'ConfigMap', 'a'), notify]), deps(ran, []));
    expect(failed.phase).toBe('Failed');
    expect(failed.resources.map((r) => [r.phase, r.name, r.status, r.hookPhase])).toEqual([
      ['Sync', 'a', 'SyncFailed', undefined],
      ['SyncFail', 'notify', 'Synced', 'Succeeded'],
    ]);
    const alsoFailing = new FakeCluster();
    alsoFailing.refuseWrites = 2;
    const both = await runSync(request([obj('v1', 'ConfigMap', 'a'), notify]), deps(alsoFailing, []));
    expect(both.message).toMatch(
      /^one or more objects failed to sync, reason: ConfigMap a: .*\none or more SyncFail hooks failed, reason: Job notify: /,
    );
  });

  it('does not retry a dry run', async () => {
    const cluster = new FakeCluster();
    const result = await runSync(
      request(desired, [], { dryRun: true, retry: { limit: 3 } }),
      deps(cluster, []),
    );
    expect(result.phase).toBe('Succeeded');
    expect(cluster.writes).toEqual([]);
  });

  it('terminated while waiting to retry: Terminating, then Failed', async () => {
    const cluster = new FakeCluster();
    cluster.refuseWrites = 10;
    const controller = new AbortController();
    const progress: SyncProgress[] = [];
    const sleep = () => {
      controller.abort();
      return Promise.reject(new Error('terminated'));
    };
    const result = await runSync(
      request(desired, [], { retry: { limit: 3 }, signal: controller.signal }),
      deps(cluster, [], { sleep }),
      (p) => progress.push(p),
    );
    expect(result).toMatchObject({ phase: 'Failed', message: 'Operation terminated', attempt: 1 });
    expect(progress.map((p) => p.phase).slice(-2)).toEqual(['Terminating', 'Failed']);
  });

  it('an error outside the writes (a health check that throws) is the Error phase', async () => {
    const cluster = new FakeCluster();
    const healthOf = () => {
      throw new Error('health check crashed');
    };
    const result = await runSync(request(desired), deps(cluster, [], { healthOf }));
    expect(result).toMatchObject({ phase: 'Error', message: 'health check crashed' });
  });
});

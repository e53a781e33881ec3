// Writes within a wave run in parallel where gitops-engine runs them in parallel: the prunes of a
// step together, then the applies of each run of one kind together, one kind after the other
// (so a Secret exists before the ConfigMaps after it, as kind order promises), and the dry run
// that validates a sync the same way.
import { describe, expect, it } from 'vitest';
import type { ClusterConnection } from '../../../engine/cluster/index.ts';
import { readLiveObject, runSync, type SyncDeps } from '../../../engine/sync/index.ts';
import { FakeCluster } from './fakeCluster.ts';
import { obj, request, tracked } from './fixtures.ts';

interface Write {
  method: string;
  path: string;
  dryRun: boolean;
  start: number;
  end: number;
}

/** The fake cluster with every write taking a few milliseconds, and a record of when each ran. */
function slowCluster() {
  const cluster = new FakeCluster();
  const writes: Write[] = [];
  let clock = 0;
  const inner = cluster.connection;
  const timed =
    <T>(
      call: (req: {
        method: string;
        path: string;
        query?: Record<string, unknown>;
        body?: string;
      }) => Promise<T>,
    ) =>
    async (req: { method: string; path: string; query?: Record<string, unknown>; body?: string }) => {
      if (req.method === 'GET') return call(req);
      const write: Write = {
        method: req.method,
        path: req.path,
        dryRun: req.query?.dryRun === 'All' || (req.body ?? '').includes('"dryRun":["All"]'),
        start: ++clock,
        end: 0,
      };
      writes.push(write);
      await new Promise((resolve) => setTimeout(resolve, 5));
      try {
        return await call(req);
      } finally {
        write.end = ++clock;
      }
    };
  const connection = {
    ...inner,
    request: timed(inner.request.bind(inner) as never),
    requestJson: timed(inner.requestJson.bind(inner) as never),
  } as unknown as ClusterConnection;
  return { cluster, connection, writes };
}

function deps(connection: ClusterConnection): SyncDeps {
  return {
    connection,
    readLive: (key) => readLiveObject(connection, key),
    healthOf: () => null,
    authorize: () => Promise.resolve({ allowed: true }),
    pollIntervalMs: 1,
    waveDelayMs: 0,
    sleep: () => Promise.resolve(),
  };
}

/** The most writes in flight at once among these. */
function peak(writes: Write[]): number {
  const events = writes.flatMap((w) => [
    [w.start, 1],
    [w.end, -1],
  ]);
  events.sort((a, b) => a[0]! - b[0]!);
  let running = 0;
  let most = 0;
  for (const [, step] of events) most = Math.max(most, (running += step!));
  return most;
}

const named = (writes: Write[], part: string) => writes.filter((w) => w.path.includes(part));

describe('writes within a wave', () => {
  it('applies the objects of one kind together, kind after kind, and validates them the same way', async () => {
    const { connection, writes } = slowCluster();
    const desired = [
      ...['a', 'b', 'c', 'd'].map((name) => obj('v1', 'ConfigMap', name)),
      ...['s1', 's2'].map((name) => obj('v1', 'Secret', name)),
    ];
    const result = await runSync(request(desired), deps(connection));
    expect(result.phase).toBe('Succeeded');
    const real = writes.filter((w) => !w.dryRun);
    const dry = writes.filter((w) => w.dryRun);
    expect(peak(named(real, '/configmaps/'))).toBe(4);
    expect(peak(named(real, '/secrets/'))).toBe(2);
    expect(peak(named(dry, '/configmaps/'))).toBe(4);
    // kind order holds: every Secret is written before any ConfigMap starts
    const lastSecret = Math.max(...named(real, '/secrets/').map((w) => w.end));
    expect(Math.min(...named(real, '/configmaps/').map((w) => w.start))).toBeGreaterThan(lastSecret);
  });

  it('prunes together, before the applies of the step', async () => {
    const { cluster, connection, writes } = slowCluster();
    const live = ['old-1', 'old-2', 'old-3'].map((name) => tracked('v1', 'ConfigMap', name));
    for (const object of live) cluster.objects.set(`/shop/configmaps/${object.metadata?.name}`, object);
    const result = await runSync(
      request([obj('v1', 'ConfigMap', 'kept')], live, { prune: true }),
      deps(connection),
    );
    expect(result.phase).toBe('Succeeded');
    const deletes = writes.filter((w) => w.method === 'DELETE' && !w.dryRun);
    expect(deletes).toHaveLength(3);
    expect(peak(deletes)).toBe(3);
    const apply = writes.find((w) => w.path.endsWith('/kept') && !w.dryRun)!;
    expect(apply.start).toBeGreaterThan(Math.max(...deletes.map((w) => w.end)));
  });
});

// Persists the live state of each cluster's managed objects — the objects the applications'
// comparisons saw (what they track and its descendants), as the live cache holds them — into
// the cluster's snapshot, as it changes: debounced (a burst of watch events is one write),
// skipped when nothing changed, bounded by the snapshot's object limit, Secret values removed,
// written atomically by the store. Only a connected cluster's state is recorded: a cache that
// lost its cluster says nothing new.
import type { KubeObject } from '../diff/index.ts';
import { keyOfObject } from '../cluster/index.ts';
import { createHash } from 'node:crypto';
import { SNAPSHOT_FORMAT, SNAPSHOT_LIMITS, SNAPSHOT_VERSION, type SnapshotFile } from './format.ts';
import { compactObject } from './compactObject.ts';
import { clusterNameOfKey } from './offlineClusters.ts';
import type { SnapshotStore } from './snapshotStore.ts';

export interface RecorderOptions {
  /** Quiet time before a write; default 2 s. */
  debounceMs?: number;
  /**
   * Before a cluster's first write since start: every application there compares first, so the
   * write does not drop the objects of one not compared yet; default 10 s.
   */
  firstDebounceMs?: number;
  /** An unchanged state is written again after this long, so its time stays recent; default 5 min. */
  refreshMs?: number;
  /** The server of a cluster key, for the file. */
  server(key: string): string | null;
  /** A cluster's snapshot was written for the first time. */
  firstWritten(key: string): void;
}

interface ClusterRecord {
  /** The objects each application's last comparison saw, by object key. */
  byApp: Map<string, Map<string, KubeObject>>;
  timer: NodeJS.Timeout | null;
  lastHash: string | null;
  lastWrite: number;
}

export class SnapshotRecorder {
  private readonly clusters = new Map<string, ClusterRecord>();
  private readonly writing = new Set<Promise<unknown>>();
  private closed = false;

  constructor(
    private readonly store: SnapshotStore,
    private readonly options: RecorderOptions,
  ) {}

  /** What an application's comparison saw of a connected cluster. */
  observed(key: string, app: string, objects: readonly KubeObject[]): void {
    if (this.closed) return;
    const cluster = this.clusterOf(key);
    // another cluster's record of this app is stale: it moved
    for (const [otherKey, other] of this.clusters) if (otherKey !== key) other.byApp.delete(app);
    cluster.byApp.set(app, new Map(objects.map((obj) => [keyOfObject(obj), obj])));
    this.schedule(key, cluster);
  }

  forget(app: string): void {
    for (const cluster of this.clusters.values()) cluster.byApp.delete(app);
  }

  /** Writes what is pending now (at close, and in tests). */
  async flush(): Promise<void> {
    for (const [key, cluster] of this.clusters) {
      if (!cluster.timer) continue;
      clearTimeout(cluster.timer);
      cluster.timer = null;
      this.track(this.write(key, cluster));
    }
    await Promise.all([...this.writing]);
  }

  async close(): Promise<void> {
    await this.flush();
    this.closed = true;
  }

  private clusterOf(key: string): ClusterRecord {
    let cluster = this.clusters.get(key);
    if (!cluster) {
      cluster = { byApp: new Map(), timer: null, lastHash: null, lastWrite: 0 };
      this.clusters.set(key, cluster);
    }
    return cluster;
  }

  private schedule(key: string, cluster: ClusterRecord): void {
    if (cluster.timer) return;
    cluster.timer = setTimeout(
      () => {
        cluster.timer = null;
        this.track(this.write(key, cluster));
      },
      cluster.lastWrite === 0 ? (this.options.firstDebounceMs ?? 10_000) : (this.options.debounceMs ?? 2_000),
    );
    cluster.timer.unref();
  }

  private track(work: Promise<unknown>): void {
    const settled = work.catch(() => undefined);
    this.writing.add(settled);
    void settled.finally(() => this.writing.delete(settled));
  }

  private async write(key: string, cluster: ClusterRecord): Promise<void> {
    const objects = new Map<string, KubeObject>();
    for (const seen of cluster.byApp.values())
      for (const [id, obj] of seen) if (objects.size < SNAPSHOT_LIMITS.objects) objects.set(id, obj);
    const compact = [...objects.values()].map(compactObject);
    const hash = createHash('sha256').update(JSON.stringify(compact)).digest('hex');
    const now = Date.now();
    if (hash === cluster.lastHash && now - cluster.lastWrite < (this.options.refreshMs ?? 300_000)) return;
    const observedAt = new Date(now).toISOString();
    const snapshot: SnapshotFile = {
      format: SNAPSHOT_FORMAT,
      version: SNAPSHOT_VERSION,
      cluster: { name: clusterNameOfKey(key), server: this.options.server(key) },
      exportedAt: observedAt,
      namespaces: null,
      // every object is current at this moment: the watch keeps the cache so while connected
      objects: compact.map((object) => ({
        observedAt,
        object: object as SnapshotFile['objects'][number]['object'],
      })),
    };
    const had = await this.store.entry(key);
    await this.store.write(key, 'persisted', 'last known state', snapshot);
    cluster.lastHash = hash;
    cluster.lastWrite = now;
    if (!had || had.kind !== 'persisted') this.options.firstWritten(key);
  }
}

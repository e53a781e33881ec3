// An application compared with its cluster's snapshot instead of the cluster: the cluster is
// offline-only, or has not answered since the start. The result says so (liveSource), with the
// time of the snapshot's last observation; nothing is asked of the cluster. And the other way:
// what a comparison saw of a connected cluster goes to the snapshot recorder.
import type { AppSummary } from '../api/contract.ts';
import type { LiveCache } from '../cluster/index.ts';
import type { KubeObject } from '../diff/index.ts';
import type { HealthCustomizations } from '../health/index.ts';
import type { LiveSnapshots } from '../snapshot/liveSnapshots.ts';
import { clusterNameOfKey } from '../snapshot/offlineClusters.ts';
import { SnapshotLiveObjects } from '../snapshot/snapshotView.ts';
import { compareApp, firstRevision, type AppComparison } from './compareApp.ts';
import type { ComparisonTarget } from './liveComparisons.ts';

export class SnapshotComparisons {
  constructor(private readonly snapshots: () => LiveSnapshots | null) {}

  /**
   * The comparison with the cluster's snapshot; undefined when it has none. `reason`: why the
   * cluster itself is not asked (null: it is offline-only).
   */
  async compare(
    { app, context, desired, revisions }: ComparisonTarget,
    reason: string | null,
    healthCustomizations: HealthCustomizations | undefined,
  ): Promise<AppComparison | undefined> {
    const source = this.snapshots();
    if (!source) return undefined;
    let stored;
    try {
      stored = await source.snapshot(context);
    } catch (error) {
      return unknownComparison(
        `the snapshot of cluster ${clusterNameOfKey(context)} cannot be read: ${(error as Error).message}`,
        revisions,
      );
    }
    if (!stored) return undefined;
    const result = await compareApp({
      appName: app.metadata.name,
      desired,
      healthCustomizations,
      cache: new SnapshotLiveObjects(stored.index, desired),
      predictions: null,
      ignoreDifferences: app.spec.ignoreDifferences ?? [],
      revisions,
      note: `compared with the ${stored.kind === 'demo' ? 'demo' : 'last known'} state as of ${stored.asOf}`,
    });
    const liveSource: NonNullable<AppSummary['liveSource']> = {
      kind: stored.kind === 'demo' ? 'demo' : 'snapshot',
      asOf: stored.asOf,
      reason: reason ?? (stored.kind === 'demo' ? 'demo snapshot' : `imported snapshot ${stored.label}`),
    };
    return { ...result, liveSource };
  }

  /** What a comparison saw of a connected cluster: its live objects and their descendants. */
  observed(context: string, name: string, cache: LiveCache, result: AppComparison): void {
    const source = this.snapshots();
    if (!source) return;
    const ids = new Set([...result.resources.map((r) => r.id), ...result.nodes.map((n) => n.id)]);
    const objects: KubeObject[] = [];
    for (const id of ids) {
      const live = cache.get(id);
      if (live) objects.push(live);
    }
    source.observed(context, name, objects);
  }

  forget(name: string): void {
    this.snapshots()?.forget(name);
  }
}

export function unknownComparison(reason: string, revisions: Array<string | null>): AppComparison {
  return {
    sync: { status: 'Unknown', message: reason, revision: firstRevision(revisions) },
    health: { status: 'Unknown', message: reason },
    resources: [],
    nodes: [],
    comparedAt: new Date().toISOString(),
    revisions,
  };
}

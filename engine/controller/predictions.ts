// Server-side-apply dry runs, remembered per object: the prediction for a desired object is kept
// with the live resourceVersion and the desired content it was made for, so a cluster is asked
// again only when git or that live object changed, and steady state costs no requests. One
// entry per object (not per version): a fleet of 1,000 applications × 20 objects keeps 20,000
// entries, and a reconciliation of every application asks nothing again. Dry runs that changed
// nothing are also kept on disk (see PredictionStore), so a restart does not ask them again.
import { createHash } from 'node:crypto';
import { dryRunApply, keyOfObject, type ClusterConnection } from '../cluster/index.ts';
import type { KubeObject } from '../diff/index.ts';
import { stableJson } from '../render/cache.ts';
import { MAX_REMEMBERED, type PredictionStore } from '../store/predictionStore.ts';

interface Remembered {
  version: string;
  desiredHash: string;
  predicted: KubeObject | undefined;
}

function liveVersion(live: KubeObject | undefined): string {
  const meta = live?.metadata as { uid?: string; resourceVersion?: string } | undefined;
  return meta?.resourceVersion ? `${meta.uid ?? ''}/${meta.resourceVersion}` : 'absent';
}

/** The object without its field ownership, which an apply that changes nothing may still touch. */
function content(obj: KubeObject): string {
  const { managedFields: _owners, ...metadata } = (obj.metadata ?? {}) as Record<string, unknown>;
  return stableJson({ ...obj, metadata });
}

export class Predictions {
  private readonly remembered = new Map<string, Remembered>();
  /** Dry runs the cluster did not answer so far: a comparison made meanwhile is not final. */
  unanswered = 0;

  constructor(private readonly unchanged?: PredictionStore) {}

  async predict(
    connection: ClusterConnection,
    desired: KubeObject,
    live: KubeObject | undefined,
  ): Promise<KubeObject | undefined> {
    const version = liveVersion(live);
    const desiredHash = createHash('sha256').update(JSON.stringify(desired)).digest('hex');
    const key = `${connection.context}\n${keyOfObject(desired)}`;
    const known = this.remembered.get(key);
    if (known && known.version === version && known.desiredHash === desiredHash) return known.predicted;
    await this.unchanged?.loaded;
    const kept = this.unchanged?.get(key);
    if (live && kept && kept.version === version && kept.desiredHash === desiredHash) {
      this.remember(key, { version, desiredHash, predicted: live });
      return live;
    }
    const result = await dryRunApply(connection, desired);
    // Without a prediction (namespace or CRD not there yet, cluster away) the diff is client-side.
    const predicted = result.outcome === 'predicted' ? result.predictedLive : undefined;
    if (result.outcome === 'unreachable') this.unanswered++;
    else {
      this.remember(key, { version, desiredHash, predicted });
      const noChange = live && predicted && desired.kind !== 'Secret' && content(predicted) === content(live);
      this.unchanged?.set(key, noChange ? { version, desiredHash } : undefined);
    }
    return predicted;
  }

  private remember(key: string, entry: Remembered): void {
    this.remembered.delete(key);
    if (this.remembered.size >= MAX_REMEMBERED)
      this.remembered.delete(this.remembered.keys().next().value as string);
    this.remembered.set(key, entry);
  }
}

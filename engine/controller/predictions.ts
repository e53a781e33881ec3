// Server-side-apply dry runs, remembered per object: the prediction for a desired object is kept
// with the live resourceVersion and the desired content it was made for, so a cluster is asked
// again only when git or that live object changed, and steady state costs no requests. One
// entry per object (not per version): a fleet of 1,000 applications × 20 objects keeps 20,000
// entries, and a reconciliation of every application asks nothing again.
import { createHash } from 'node:crypto';
import { dryRunApply, keyOfObject, type ClusterConnection } from '../cluster/index.ts';
import type { KubeObject } from '../diff/index.ts';

interface Remembered {
  version: string;
  desiredHash: string;
  predicted: KubeObject | undefined;
}

/** More objects than any fleet this engine is meant for; beyond it the oldest entries go. */
const MAX_ENTRIES = 100_000;

export class Predictions {
  private readonly remembered = new Map<string, Remembered>();

  async predict(
    connection: ClusterConnection,
    desired: KubeObject,
    live: KubeObject | undefined,
  ): Promise<KubeObject | undefined> {
    const version = (live?.metadata as { resourceVersion?: string } | undefined)?.resourceVersion ?? 'absent';
    const desiredHash = createHash('sha256').update(JSON.stringify(desired)).digest('hex');
    const key = `${connection.context}\n${keyOfObject(desired)}`;
    const known = this.remembered.get(key);
    if (known && known.version === version && known.desiredHash === desiredHash) return known.predicted;
    const result = await dryRunApply(connection, desired);
    // Without a prediction (namespace or CRD not there yet, cluster away) the diff is client-side.
    const predicted = result.outcome === 'predicted' ? result.predictedLive : undefined;
    if (result.outcome !== 'unreachable') this.remember(key, { version, desiredHash, predicted });
    return predicted;
  }

  private remember(key: string, entry: Remembered): void {
    this.remembered.delete(key);
    if (this.remembered.size >= MAX_ENTRIES)
      this.remembered.delete(this.remembered.keys().next().value as string);
    this.remembered.set(key, entry);
  }
}

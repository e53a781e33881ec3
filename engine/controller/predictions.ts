// Server-side-apply dry runs, remembered per (desired object, live resourceVersion): a cluster
// is asked again only when git or the live object changed, so steady state costs no requests.
import { createHash } from 'node:crypto';
import { dryRunApply, type ClusterConnection } from '../cluster/index.ts';
import type { KubeObject } from '../diff/index.ts';

export class Predictions {
  private readonly remembered = new Map<string, KubeObject | undefined>();

  async predict(
    connection: ClusterConnection,
    desired: KubeObject,
    live: KubeObject | undefined,
  ): Promise<KubeObject | undefined> {
    const version = (live?.metadata as { resourceVersion?: string } | undefined)?.resourceVersion ?? 'absent';
    const key = `${connection.context}\n${version}\n${createHash('sha256').update(JSON.stringify(desired)).digest('hex')}`;
    if (this.remembered.has(key)) return this.remembered.get(key);
    const result = await dryRunApply(connection, desired);
    // Without a prediction (namespace or CRD not there yet, cluster away) the diff is client-side.
    const predicted = result.outcome === 'predicted' ? result.predictedLive : undefined;
    if (result.outcome !== 'unreachable') this.remember(key, predicted);
    return predicted;
  }

  private remember(key: string, predicted: KubeObject | undefined): void {
    if (this.remembered.size > 5000) this.remembered.delete(this.remembered.keys().next().value as string);
    this.remembered.set(key, predicted);
  }
}

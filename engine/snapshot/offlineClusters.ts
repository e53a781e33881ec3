// Offline-only clusters: a cluster that exists for Plumbline only as an imported snapshot (an
// air-gapped cluster, the demo). Its key has its own kind, so it never collides with a
// kubeconfig context or a registered cluster of the same name, and no connection is ever made.
import type { DestinationResolution } from '../controller/destinations.ts';
import type { LoadedApplication } from '../workspace/index.ts';

const OFFLINE = 'offline:';

export function offlineKey(name: string): string {
  return `${OFFLINE}${name}`;
}

export function isOfflineKey(key: string): boolean {
  return key.startsWith(OFFLINE);
}

/** The name people use for the cluster of a key (`context:x`, `registered:x`, `offline:x` → x). */
export function clusterNameOfKey(key: string): string {
  const colon = key.indexOf(':');
  return colon < 0 ? key : key.slice(colon + 1);
}

/**
 * A destination resolver that also knows the offline-only clusters: a destination name no
 * registered cluster or context answers to, but an imported snapshot does, resolves to it.
 */
export function withOfflineClusters(
  resolve: (app: LoadedApplication) => Promise<DestinationResolution | null>,
  offlineNames: () => Promise<string[]>,
): (app: LoadedApplication) => Promise<DestinationResolution | null> {
  return async (app) => {
    const resolved = await resolve(app);
    const name = app.definition?.spec.destination?.name;
    if (!resolved || !('problem' in resolved) || !name) return resolved;
    const offline = await offlineNames().catch(() => [] as string[]);
    return offline.includes(name) ? { context: { name: offlineKey(name), label: name } } : resolved;
  };
}

/** Why nothing may be written to a cluster now, or null: it is offline-only, or compared with a snapshot. */
export function offlineRefusal(
  key: string,
  liveSource: { kind: string; asOf: string; reason: string } | undefined,
): string | null {
  if (isOfflineKey(key))
    return `cannot sync: cluster ${clusterNameOfKey(key)} exists only as an imported snapshot (no connection)`;
  if (liveSource)
    return `cannot sync: the cluster's state is known only from a snapshot as of ${liveSource.asOf} (${liveSource.reason})`;
  return null;
}

// The engine's snapshot parts built for one data folder: the store, the recorder that persists
// each connected cluster's managed objects, the offline comparisons' source (hung on the live
// clusters, where comparisons find it), the contract's service, and the destination resolver
// that knows offline-only clusters.
import type { EngineEvent } from '../api/contract.ts';
import type { KubeconfigContexts } from '../cluster/kubeconfigContexts.ts';
import type { ClusterRegistry } from '../clusters/index.ts';
import type { ConnectionsByKey } from '../controller/keyedConnections.ts';
import type { LiveClusters } from '../controller/liveClusters.ts';
import { mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { watchFiles } from '../store/fileChanges.ts';
import type { DestinationResolution } from '../controller/destinations.ts';
import { decodeSnapshot } from './codec.ts';
import { liveSnapshots, type SessionSnapshot } from './liveSnapshots.ts';
import { isOfflineKey, offlineKey, withOfflineClusters } from './offlineClusters.ts';
import { SnapshotRecorder } from './snapshotRecorder.ts';
import { readSnapshotFile, SnapshotService } from './snapshotService.ts';
import { SnapshotStore } from './snapshotStore.ts';

export interface EngineSnapshotDeps {
  dataDir: string;
  /** Every application is compared with this file instead of its cluster (see EngineHost). */
  snapshotFile?: string;
  registry: ClusterRegistry;
  kubeconfig: KubeconfigContexts;
  connections: ConnectionsByKey;
  live: LiveClusters;
  emit(event: EngineEvent): void;
  /** The snapshot of a cluster changed: compare its applications again (all, for an offline-only one). */
  changed(key: string, offlineOnly: boolean): void;
}

export function snapshotsForEngine(deps: EngineSnapshotDeps) {
  const store = new SnapshotStore(deps.dataDir);
  const server = (key: string): string | null => {
    try {
      return deps.connections.get(key).kubeConfig.getCurrentCluster()?.server ?? null;
    } catch {
      return null;
    }
  };
  const service: SnapshotService = new SnapshotService({
    store,
    registeredNames: () => {
      try {
        return deps.registry.list().map((record) => record.name);
      } catch {
        return [];
      }
    },
    contextNames: async () => (await deps.kubeconfig.list()).contexts.map((context) => context.name),
    connection: (key) => deps.connections.get(key),
    emit: deps.emit,
    changed: (key) => deps.changed(key, isOfflineKey(key)),
  });
  const recorder = new SnapshotRecorder(store, {
    server,
    // the list changed; the applications need no new comparison (they are live)
    firstWritten: () =>
      void service.list().then(
        (snapshots) => deps.emit({ event: 'snapshots.changed', payload: { snapshots } }),
        () => undefined,
      ),
  });
  const session = deps.snapshotFile ? sessionSnapshot(deps.snapshotFile) : null;
  session?.catch(() => undefined);
  deps.live.useSnapshots(liveSnapshots(store, recorder, session));
  // `plumbline snapshot import|remove` beside the running app: its change shows at once
  mkdirSync(store.dir, { recursive: true, mode: 0o700 });
  const stopWatch = watchFiles([join(store.dir, 'index.json')], () => {
    void store.reloadIfChanged().then(
      (keys) => keys.forEach((key) => void service.announce(key)),
      () => undefined,
    );
  });
  return {
    store,
    service,
    recorder,
    withOfflineClusters: (resolve: Parameters<typeof withOfflineClusters>[0]) =>
      session ? sessionDestination(session) : withOfflineClusters(resolve, () => service.offlineClusters()),
    close: () => {
      stopWatch();
      return recorder.close();
    },
  };
}

async function sessionSnapshot(file: string): Promise<SessionSnapshot> {
  const { bytes, fileTime } = await readSnapshotFile(file);
  const snapshot = await decodeSnapshot(bytes, `snapshot file ${basename(file)}`, { fallbackTime: fileTime });
  return { key: offlineKey(snapshot.cluster.name), label: basename(file), snapshot };
}

/** Every application deploys to the session's snapshot, whatever its destination says. */
function sessionDestination(session: Promise<SessionSnapshot>) {
  return async (): Promise<DestinationResolution> => {
    try {
      const { key, snapshot } = await session;
      return { context: { name: key, label: snapshot.cluster.name } };
    } catch (error) {
      return { problem: (error as Error).message };
    }
  };
}

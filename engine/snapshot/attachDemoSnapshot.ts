// Attaches a snapshot file to an offline-only cluster of a data folder as the demo's live state,
// outside a running engine (a running engine uses its own service: see engineSnapshots.ts).
import { decodeSnapshot } from './codec.ts';
import { offlineKey } from './offlineClusters.ts';
import { readSnapshotFile } from './snapshotService.ts';
import { SnapshotStore } from './snapshotStore.ts';

export async function attachDemoSnapshot(
  dataDir: string,
  file: string,
  clusterName: string,
): Promise<{ cluster: string; objects: number }> {
  const { bytes, fileTime } = await readSnapshotFile(file);
  const snapshot = await decodeSnapshot(bytes, 'demo snapshot', { fallbackTime: fileTime });
  await new SnapshotStore(dataDir).write(offlineKey(clusterName), 'demo', 'demo snapshot', snapshot);
  return { cluster: clusterName, objects: snapshot.objects.length };
}

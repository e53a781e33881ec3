// The demo cluster's snapshot: the demo's manifests rendered, turned into the live state of a
// cluster where two applications drifted and one is degraded (demoLiveState.ts), in the
// snapshot file format. resources/scripts/demo-snapshot.ts writes it into resources/demo; a test
// checks that the committed file is what this produces.
import { join } from 'node:path';
import { SNAPSHOT_FORMAT, SNAPSHOT_VERSION, type SnapshotFile } from '../../../engine/snapshot/format.ts';
import { DEMO_OFFLINE_CLUSTER, DEMO_SNAPSHOT_FILE } from '../../../engine/workspace/demo.ts';
import { DEMO_OBSERVED_AT, demoLiveObjects } from './demoLiveState.ts';
import { bundledDemoDir, renderDemoApps } from './renderDemo.ts';

/** Where the committed demo snapshot lives in the bundled demo. */
export const demoSnapshotPath = (demoDir = bundledDemoDir) => join(demoDir, DEMO_SNAPSHOT_FILE);

export async function buildDemoSnapshot(cacheDir: string, demoDir = bundledDemoDir): Promise<SnapshotFile> {
  const objects = demoLiveObjects(await renderDemoApps(cacheDir, demoDir));
  return {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    cluster: { name: DEMO_OFFLINE_CLUSTER, server: null },
    exportedAt: DEMO_OBSERVED_AT,
    namespaces: null,
    objects: objects.map((object) => ({
      observedAt: DEMO_OBSERVED_AT,
      object: object as SnapshotFile['objects'][number]['object'],
    })),
  };
}

/** The file's text: indented JSON, so a change of the demo reads as a small diff in review. */
export function demoSnapshotText(snapshot: SnapshotFile): string {
  return `${JSON.stringify(snapshot, null, 2)}\n`;
}

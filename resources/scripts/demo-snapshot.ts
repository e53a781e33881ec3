// Writes the bundled demo's cluster snapshot (resources/demo/snapshot/) from the demo's own
// manifests: run it after changing resources/demo/repo or the demo's applications.
//   npx tsx resources/scripts/demo-snapshot.ts
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { buildDemoSnapshot, demoSnapshotPath, demoSnapshotText } from './demo-snapshot/demoSnapshot.ts';

const cacheDir = await mkdtemp(join(tmpdir(), 'plumbline-demo-snapshot-'));
try {
  const snapshot = await buildDemoSnapshot(cacheDir);
  const path = demoSnapshotPath();
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, demoSnapshotText(snapshot));
  console.log(`wrote ${path}: ${snapshot.objects.length} objects`);
} finally {
  await rm(cacheDir, { recursive: true, force: true });
}

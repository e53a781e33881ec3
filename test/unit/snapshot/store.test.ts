// Two processes share a data folder (the CLI beside the app): what one imports, the other's
// store sees on reload, and a store's own writes are not taken for someone else's change.
import { describe, expect, it } from 'vitest';
import {
  SNAPSHOT_FORMAT,
  SNAPSHOT_VERSION,
  SnapshotStore,
  type SnapshotFile,
} from '../../../engine/snapshot/index.ts';
import { tempDir } from '../../support/tempDir.ts';

const snapshot: SnapshotFile = {
  format: SNAPSHOT_FORMAT,
  version: SNAPSHOT_VERSION,
  cluster: { name: 'prod', server: null },
  exportedAt: '2026-01-02T03:04:05.000Z',
  namespaces: null,
  objects: [
    {
      observedAt: '2026-01-02T03:04:05.000Z',
      object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', namespace: 'x' } },
    },
  ],
};

describe('snapshot store shared by two processes', () => {
  it("sees the other's import and removal on reload, and not its own writes", async () => {
    const dir = tempDir();
    const app = new SnapshotStore(dir);
    const cli = new SnapshotStore(dir);
    expect(await app.list()).toEqual([]);
    await cli.write('offline:prod', 'imported', 'of prod', snapshot);
    expect(await cli.reloadIfChanged()).toEqual([]);
    expect(await app.reloadIfChanged()).toEqual(['offline:prod']);
    expect((await app.read('offline:prod'))?.objects).toHaveLength(1);
    expect(await app.reloadIfChanged()).toEqual([]);
    await cli.remove('offline:prod');
    expect(await app.reloadIfChanged()).toEqual(['offline:prod']);
    expect(await app.read('offline:prod')).toBeUndefined();
  });
});

// The snapshots area's calls: each a step into the snapshot service.
import type { Handlers, SnapshotCallName } from '../handlers.ts';
import type { SnapshotService } from '../../snapshot/snapshotService.ts';

export function snapshotHandlers(snapshots: SnapshotService): Pick<Handlers, SnapshotCallName> {
  return {
    'snapshots.list': async () => ({ snapshots: await snapshots.list() }),
    'snapshots.export': (request) => snapshots.export(request),
    'snapshots.import': ({ contentBase64, cluster }) =>
      snapshots.import({ contentBase64, ...(cluster ? { cluster } : {}) }),
    'snapshots.remove': async ({ cluster }) => ({ removed: await snapshots.remove(cluster) }),
  };
}

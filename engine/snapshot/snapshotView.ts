// A snapshot as the live objects an application is compared with: the same lookups as a live
// cache (by key, type, owner, tracking), without a connection, so nothing is asked of a cluster.
// A Secret's removed values are taken as the desired ones (see assumeRemovedValues).
import { keyOfObject, ObjectIndex, type TreeSource, type TypeQuery } from '../cluster/index.ts';
import type { KubeObject, ObjectKey } from '../diff/index.ts';
import type { SnapshotFile } from './format.ts';
import { assumeRemovedValues } from './secretValues.ts';

export function snapshotIndex(snapshot: SnapshotFile): ObjectIndex {
  const index = new ObjectIndex();
  for (const { object } of snapshot.objects) index.upsert(object as KubeObject);
  return index;
}

/** A snapshot's objects for one application's comparison: its desired Secrets' values stand in for the removed ones. */
export class SnapshotLiveObjects implements TreeSource {
  private readonly desiredSecrets: Map<string, KubeObject>;

  constructor(
    private readonly index: ObjectIndex,
    desired: readonly KubeObject[],
  ) {
    this.desiredSecrets = new Map(
      desired.filter((obj) => obj.kind === 'Secret').map((secret) => [keyOfObject(secret), secret]),
    );
  }

  get(key: ObjectKey | string): KubeObject | undefined {
    const live = this.index.get(key);
    return live && this.withValues(live);
  }

  list(query: TypeQuery): KubeObject[] {
    return this.index.list(query);
  }

  byOwner(uid: string): KubeObject[] {
    return this.index.byOwner(uid);
  }

  objectsTrackedBy(appName: string): KubeObject[] {
    return this.index.objectsTrackedBy(appName).map((live) => this.withValues(live));
  }

  private withValues(live: KubeObject): KubeObject {
    if (live.kind !== 'Secret' || this.desiredSecrets.size === 0) return live;
    return assumeRemovedValues(live, this.desiredSecrets.get(keyOfObject(live)));
  }
}

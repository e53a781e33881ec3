// What the comparisons of applications ask of snapshots: the snapshot of a cluster key ready to
// compare with (decoded once per file), and where to report what a connected cluster showed.
import type { KubeObject } from '../diff/index.ts';
import type { ObjectIndex } from '../cluster/index.ts';
import type { SnapshotRecorder } from './snapshotRecorder.ts';
import type { SnapshotStore, StoredKind } from './snapshotStore.ts';
import { snapshotIndex } from './snapshotView.ts';
import { snapshotAsOf, type SnapshotFile } from './format.ts';

export interface StoredSnapshot {
  index: ObjectIndex;
  asOf: string;
  kind: StoredKind;
  label: string;
}

export interface LiveSnapshots {
  /** The snapshot of a cluster key; undefined when there is none. A damaged one throws. */
  snapshot(key: string): Promise<StoredSnapshot | undefined>;
  /** What a comparison saw of a connected cluster: its objects (managed ones and descendants). */
  observed(key: string, app: string, objects: readonly KubeObject[]): void;
  forget(app: string): void;
}

/** A snapshot file that stands for every cluster this session (the CLI's --snapshot). */
export interface SessionSnapshot {
  key: string;
  label: string;
  snapshot: SnapshotFile;
}

export function liveSnapshots(
  store: SnapshotStore,
  recorder: SnapshotRecorder,
  session: Promise<SessionSnapshot> | null = null,
): LiveSnapshots {
  const indexes = new Map<string, { file: string; asOf: string; index: ObjectIndex }>();
  let sessionIndex: ObjectIndex | null = null;
  return {
    async snapshot(key) {
      const given = session && (await session);
      if (given && given.key === key) {
        sessionIndex ??= snapshotIndex(given.snapshot);
        return {
          index: sessionIndex,
          asOf: snapshotAsOf(given.snapshot),
          kind: 'imported',
          label: given.label,
        };
      }
      const entry = await store.entry(key);
      if (!entry) return undefined;
      let cached = indexes.get(key);
      if (!cached || cached.file !== entry.file || cached.asOf !== entry.asOf) {
        const file = await store.read(key);
        if (!file) return undefined;
        cached = { file: entry.file, asOf: entry.asOf, index: snapshotIndex(file) };
        indexes.set(key, cached);
      }
      return { index: cached.index, asOf: entry.asOf, kind: entry.kind, label: entry.label };
    },
    observed: (key, app, objects) => recorder.observed(key, app, objects),
    forget: (app) => recorder.forget(app),
  };
}

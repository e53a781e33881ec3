// The clusters' snapshots (last known live state on disk), loaded once and kept current by the
// engine's snapshots.changed event.
import { create } from 'zustand';
import type { SnapshotSummary } from '../../../engine/api/contract.ts';

interface SnapshotsState {
  /** By cluster name; null until the first list arrives. */
  snapshots: SnapshotSummary[] | null;
  error: string | null;
  received(snapshots: SnapshotSummary[]): void;
  failed(error: string): void;
}

export const useSnapshots = create<SnapshotsState>((set) => ({
  snapshots: null,
  error: null,
  received: (snapshots) =>
    set({ snapshots: [...snapshots].sort((a, b) => a.cluster.localeCompare(b.cluster)), error: null }),
  failed: (error) => set({ error }),
}));

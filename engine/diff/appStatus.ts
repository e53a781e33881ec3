// An application's sync status from its objects' comparisons, as Argo CD aggregates it: only
// objects that count (not hooks, not objects that are not ours, not IgnoreExtraneous extras)
// decide; any comparison that failed makes the app Unknown, else any OutOfSync makes it OutOfSync.
import { describeKey } from './identity.ts';
import type { ObjectComparison, SyncStatus } from './types.ts';

export interface AppSyncStatus {
  status: SyncStatus;
  /** Why, for Unknown and OutOfSync. */
  reason?: string;
}

export interface AppSyncInputs {
  /** Loading git's or the cluster's objects failed: nothing can be said (Argo CD: Unknown). */
  loadError?: string;
}

export function appSyncStatus(
  comparisons: readonly ObjectComparison[],
  inputs: AppSyncInputs = {},
): AppSyncStatus {
  if (inputs.loadError !== undefined) return { status: 'Unknown', reason: inputs.loadError };
  const counted = comparisons.filter((c) => c.countsForApp);
  const unknown = counted.filter((c) => c.status === 'Unknown');
  if (unknown.length > 0) {
    const first = unknown[0] as ObjectComparison;
    const more = unknown.length > 1 ? ` (and ${unknown.length - 1} more)` : '';
    return {
      status: 'Unknown',
      reason: `comparison of ${describeKey(first.key)} failed: ${first.message ?? 'unknown error'}${more}`,
    };
  }
  const outOfSync = counted.filter((c) => c.status === 'OutOfSync');
  if (outOfSync.length > 0) {
    return { status: 'OutOfSync', reason: `${outOfSync.length} of ${counted.length} objects out of sync` };
  }
  return { status: 'Synced' };
}

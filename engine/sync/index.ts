// engine/sync: the sync operation as Argo CD runs it — plan (phases, waves, kind order, hooks,
// prunes), apply (server-side by default), wait for health and hooks, SyncFail, retries —
// behind a write gate, reporting progress as it goes.
export { runSync, type ProgressListener } from './runSync.ts';
export { planSync, type SyncPlan } from './plan.ts';
export type { SyncTask } from './syncTask.ts';
export { readLiveObject, FIELD_MANAGER, LAST_APPLIED_ANNOTATION } from './objectWrites.ts';
export { hookPhases, hookDeletePolicies, waveOf, SYNC_WAVE_ANNOTATION } from './hookAnnotations.ts';
export {
  CSA_MIGRATION_MANAGER_ANNOTATION,
  DEFAULT_CSA_MIGRATION_MANAGER,
  migratedManagedFields,
  unionFields,
} from './csaMigration.ts';
export { appManagedNamespace, managedNamespaceObject } from './managedNamespace.ts';
export { syncOption, hasSyncOption, SYNC_OPTIONS_ANNOTATION } from './syncOptions.ts';
export { retryDelayMs, mayRetry } from './retryBackoff.ts';
export { SYNC_PHASES } from './types.ts';
export type * from './types.ts';

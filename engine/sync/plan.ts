// The plan of a sync: which objects are applied or pruned, in which phase and wave, in
// Argo CD's order — hooks per phase (not in a selective sync), prune waves reversed,
// `PruneLast` after the last Sync wave — and the prunes skipped with the reason.
import { objectKey, setTrackingId, isTrackedBy, type KubeObject } from '../diff/index.ts';
import { HOOK_FINALIZER, isHook, isSkipped } from '../health/index.ts';
import { hookPhases, waveOf } from './hookAnnotations.ts';
import { managedNamespaceTask } from './managedNamespace.ts';
import { metadataOf, metadataString } from './objectMeta.ts';
import { hasSyncOption } from './syncOptions.ts';
import { sortTasks, taskId, type SyncTask } from './syncTask.ts';
import type { ResourceResult, SyncPhase, SyncRequest } from './types.ts';

export interface SyncPlan {
  tasks: SyncTask[];
  /** Prunes not done, with Argo CD's reason; reported as PruneSkipped. */
  skipped: ResourceResult[];
}

/** A `generateName` hook gets a new name each sync, as gitops-engine names it. */
function namedHook(obj: KubeObject, phase: SyncPhase, startedAt: Date): KubeObject {
  const metadata = metadataOf(obj);
  const generateName = metadataString(obj, 'generateName');
  if (metadataString(obj, 'name') || generateName === undefined) return obj;
  const suffix = `${phase}-${Math.floor(startedAt.getTime() / 1000)}`.toLowerCase();
  const named: Record<string, unknown> = { ...metadata, name: `${generateName}${suffix}` };
  delete named.generateName;
  return { ...obj, metadata: named };
}

/**
 * Hooks carry Argo CD's hook finalizer while they run, so nothing (a Job's TTL, a user) deletes
 * one before the sync has read its outcome; the sync removes it when the hook is done.
 */
function withHookFinalizer(obj: KubeObject): KubeObject {
  const metadata = metadataOf(obj);
  const finalizers = Array.isArray(metadata.finalizers) ? (metadata.finalizers as unknown[]) : [];
  if (finalizers.includes(HOOK_FINALIZER)) return obj;
  return { ...obj, metadata: { ...metadata, finalizers: [...finalizers, HOOK_FINALIZER] } };
}

function applyTasks(request: SyncRequest, startedAt: Date): SyncTask[] {
  const { options, appName } = request;
  const selected = options.resources ? new Set(options.resources) : undefined;
  const tasks: SyncTask[] = [];
  for (const obj of request.desired) {
    if (isSkipped(obj)) continue;
    if (isHook(obj)) {
      if (selected) continue; // hooks do not run in a selective sync
      for (const phase of hookPhases(obj)) {
        const named = withHookFinalizer(setTrackingId(namedHook(obj, phase, startedAt), appName));
        tasks.push({ id: taskId(named), action: 'apply', obj: named, phase, wave: waveOf(obj), hook: true });
      }
      continue;
    }
    const id = taskId(obj);
    if (selected && !selected.has(id)) continue;
    const onlyOutOfSync = hasSyncOption('ApplyOutOfSyncOnly', 'true', obj, options.syncOptions);
    if (onlyOutOfSync && request.outOfSync && !request.outOfSync.has(id)) continue;
    const tracked = setTrackingId(obj, appName);
    tasks.push({ id, action: 'apply', obj: tracked, phase: 'Sync', wave: waveOf(obj), hook: false });
  }
  return tasks;
}

function skippedPrune(live: KubeObject, message: string): ResourceResult {
  return {
    id: taskId(live),
    ...objectKey(live),
    phase: 'Sync',
    wave: waveOf(live),
    status: 'PruneSkipped',
    message,
  };
}

/** The destination namespace whose metadata the app manages: one of its objects, as in Argo CD. */
function isManagedNamespace(request: SyncRequest, live: KubeObject): boolean {
  const key = objectKey(live);
  return (
    request.managedNamespaceMetadata !== undefined &&
    key.group === '' &&
    key.kind === 'Namespace' &&
    key.name === request.namespace
  );
}

function pruneTasks(request: SyncRequest, skipped: ResourceResult[]): SyncTask[] {
  const { options, appName } = request;
  const desired = new Set(request.desired.map(taskId));
  const selected = options.resources ? new Set(options.resources) : undefined;
  const tasks: SyncTask[] = [];
  for (const live of request.live) {
    const id = taskId(live);
    if (!isTrackedBy(live, appName) || isHook(live) || desired.has(id) || isManagedNamespace(request, live))
      continue;
    if (selected && !selected.has(id)) continue;
    const appOptions = options.syncOptions;
    if (!options.prune) skipped.push(skippedPrune(live, 'ignored (requires pruning)'));
    else if (hasSyncOption('Prune', 'false', live, appOptions))
      skipped.push(skippedPrune(live, 'ignored (no prune)'));
    else if (hasSyncOption('Prune', 'confirm', live, appOptions) && !options.confirmPrune)
      skipped.push(skippedPrune(live, 'ignored (prune requires confirmation)'));
    else tasks.push({ id, action: 'prune', obj: live, live, phase: 'Sync', wave: waveOf(live), hook: false });
  }
  return tasks;
}

/** Prunes run from the highest wave down: waves swap symmetrically, then PruneLast goes last. */
function orderPrunes(
  prunes: SyncTask[],
  applies: SyncTask[],
  appOptions: readonly string[] | undefined,
): void {
  const waves = [...new Set(prunes.map((t) => t.wave))].sort((a, b) => a - b);
  const swapped = new Map(waves.map((wave, i) => [wave, waves[waves.length - 1 - i] as number]));
  for (const task of prunes) task.wave = swapped.get(task.wave) ?? task.wave;
  const syncWaves = [...applies, ...prunes].filter((t) => t.phase === 'Sync').map((t) => t.wave);
  const afterLast = Math.max(0, ...syncWaves) + 1;
  for (const task of prunes)
    if (hasSyncOption('PruneLast', 'true', task.live, appOptions)) task.wave = afterLast;
}

/** `namespaceExists`: whether the destination namespace is there (undefined: not known). */
export function planSync(request: SyncRequest, startedAt: Date, namespaceExists?: boolean): SyncPlan {
  const skipped: ResourceResult[] = [];
  const applies = applyTasks(request, startedAt);
  applies.push(...managedNamespaceTask(request, applies, namespaceExists));
  const prunes = pruneTasks(request, skipped);
  orderPrunes(prunes, applies, request.options.syncOptions);
  return { tasks: sortTasks([...applies, ...prunes]), skipped };
}

// What one task does on the cluster: the write gate, then apply (in the mode its sync options
// ask for) or prune. Each records its outcome on the task's result, with the API server's
// message when it fails.
import { messageOf } from '../cluster/apiError.ts';
import { objectKey, trackingIdOf, withIgnoredLiveValues, type KubeObject } from '../diff/index.ts';
import { DEFAULT_CSA_MIGRATION_MANAGER, migrateClientSideApply, needsCsaMigration } from './csaMigration.ts';
import { hookDeletePolicies } from './hookAnnotations.ts';
import { deleteBeforeRecreate } from './hookLifecycle.ts';
import { applyObject, deleteObject, type ApplyMode } from './objectWrites.ts';
import { metadataString } from './objectMeta.ts';
import { authorized, propagationOf, type StepContext } from './stepContext.ts';
import { hasSyncOption } from './syncOptions.ts';
import type { SyncTask } from './syncTask.ts';
import type { ResourceResult, WriteAction } from './types.ts';

function applyMode(obj: KubeObject, appOptions: readonly string[] | undefined): ApplyMode {
  if (hasSyncOption('Replace', 'true', obj, appOptions)) return 'replace';
  if (hasSyncOption('ServerSideApply', 'false', obj, appOptions)) return 'clientSide';
  return 'serverSide';
}

/** The application that already deployed this object, when it is not this one. */
function otherOwner(ctx: StepContext, live: KubeObject): string | undefined {
  const owner = trackingIdOf(live)?.appName;
  return owner !== undefined && owner !== ctx.request.appName ? owner : undefined;
}

/** Longer than the connection's rediscovery rate limit (5 s by default). */
const KIND_WAIT_MS = 15_000;
/** gitops-engine gives a new CRD 3 s to be established, then goes on regardless. */
const CRD_READY_MS = 3_000;

async function crdEstablished(ctx: StepContext, crd: KubeObject): Promise<void> {
  const deadline = Date.now() + CRD_READY_MS;
  while (Date.now() < deadline) {
    const live = await ctx.deps.readLive(objectKey(crd));
    const conditions = (live?.status as { conditions?: { type?: string; status?: string }[] } | undefined)
      ?.conditions;
    if (conditions?.some((c) => c.type === 'Established' && c.status === 'True')) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Whether the live object is deleted and created anew: a hook with BeforeHookCreation, or
 * `Replace=true,Force=true` (kubectl replace --force) — never for a CRD or a Namespace, whose
 * deletion would take their custom resources or contents with them.
 */
function recreates(task: SyncTask, mode: ApplyMode, appOptions: readonly string[] | undefined): boolean {
  if (task.hook) return hookDeletePolicies(task.obj).includes('BeforeHookCreation');
  const kind = task.obj.kind;
  if (kind === 'CustomResourceDefinition' || kind === 'Namespace') return false;
  return mode === 'replace' && hasSyncOption('Force', 'true', task.obj, appOptions);
}

/**
 * gitops-engine's order: before a real server-side apply, the client-side apply manager's fields
 * become Plumbline's (unless `ClientSideApplyMigration=false`); false when that fails.
 */
async function migratedFromClientSide(ctx: StepContext, live: KubeObject, result: ResourceResult) {
  if (hasSyncOption('ClientSideApplyMigration', 'false', undefined, ctx.request.options.syncOptions))
    return true;
  const manager = ctx.request.clientSideApplyMigrationManager || DEFAULT_CSA_MIGRATION_MANAGER;
  if (!needsCsaMigration(live, manager)) return true;
  try {
    await migrateClientSideApply(ctx.deps.connection, live, manager);
    return true;
  } catch (error) {
    const key = objectKey(live);
    result.status = 'SyncFailed';
    result.message = `Failed to perform client-side apply migration for ${key.group}/${key.kind}/${key.namespace}/${key.name}: ${messageOf(error)}`;
    return false;
  }
}

/** `RespectIgnoreDifferences=true` (the application's option): ignored fields keep their live values. */
async function objectToApply(ctx: StepContext, task: SyncTask, live: KubeObject | undefined) {
  if (task.hook || live === undefined) return task.obj;
  if (!hasSyncOption('RespectIgnoreDifferences', 'true', undefined, ctx.request.options.syncOptions))
    return task.obj;
  return withIgnoredLiveValues(task.obj, live, {
    ignoreDifferences: [...(ctx.request.ignoreDifferences ?? [])],
  });
}

/**
 * The live object before a write. A server-side apply of a resource sends the same patch
 * whatever the object is now, so the watch's copy serves (one GET fewer per object and attempt);
 * a replace needs the current resourceVersion, and a hook may be deleted first: those ask.
 */
async function liveBeforeApply(
  ctx: StepContext,
  task: SyncTask,
  mode: ApplyMode,
): Promise<KubeObject | undefined> {
  const key = objectKey(task.obj);
  const watched = mode === 'serverSide' && !task.hook ? ctx.deps.watchedLive?.(key) : undefined;
  return watched ? watched.obj : ctx.deps.readLive(key);
}

/** Applies the task's object; returns false (with the result marked SyncFailed) on failure. */
export async function applyTask(
  ctx: StepContext,
  task: SyncTask,
  result: ResourceResult,
  onError?: (error: unknown) => void,
): Promise<boolean> {
  const appOptions = ctx.request.options.syncOptions;
  const mode = applyMode(task.obj, appOptions);
  try {
    let live = await liveBeforeApply(ctx, task, mode);
    const sharedWith = live && !task.hook ? otherOwner(ctx, live) : undefined;
    if (sharedWith !== undefined && hasSyncOption('FailOnSharedResource', 'true', task.obj, appOptions)) {
      result.status = 'SyncFailed';
      result.message = `Shared resource found: ${String(task.obj.kind)}/${result.name} is part of applications ${ctx.request.appName} and ${sharedWith}`;
      return false;
    }
    const obj = await objectToApply(ctx, task, live);
    if (live && !ctx.dryRun && recreates(task, mode, appOptions)) {
      if (!(await deleteBeforeRecreate(ctx, live, result))) return false;
      live = undefined;
    }
    const action: WriteAction = mode !== 'replace' ? 'apply' : live ? 'replace' : 'create';
    if (!(await authorized(ctx, action, obj, result))) return false;
    if (mode === 'serverSide' && live && !ctx.dryRun && !(await migratedFromClientSide(ctx, live, result)))
      return false;
    const validate = !hasSyncOption('Validate', 'false', task.obj, appOptions);
    const waitForKindMs = ctx.dryRun ? 0 : KIND_WAIT_MS;
    await applyObject(ctx.deps.connection, obj, live, mode, {
      dryRun: ctx.dryRun,
      validate,
      waitForKindMs,
    });
    if (task.obj.kind === 'CustomResourceDefinition' && !ctx.dryRun) await crdEstablished(ctx, task.obj);
    result.status = 'Synced';
    result.message = `${live ? 'configured' : 'created'}${ctx.dryRun ? ' (dry run)' : ''}`;
    if (task.hook) result.hookPhase = 'Running';
    return true;
  } catch (error) {
    onError?.(error);
    result.status = 'SyncFailed';
    result.message = messageOf(error);
    if (task.hook) result.hookPhase = 'Failed';
    return false;
  }
}

export async function pruneTask(ctx: StepContext, task: SyncTask, result: ResourceResult): Promise<boolean> {
  try {
    // An object already being deleted is not deleted again (no update loop on its finalizers).
    if (!metadataString(task.obj, 'deletionTimestamp')) {
      if (!(await authorized(ctx, 'delete', task.obj, result))) return false;
      const policy = propagationOf(task.obj, ctx.request.options.syncOptions);
      await deleteObject(ctx.deps.connection, task.obj, policy, { dryRun: ctx.dryRun });
    }
    result.status = 'Pruned';
    result.message = `pruned${ctx.dryRun ? ' (dry run)' : ''}`;
    return true;
  } catch (error) {
    result.status = 'SyncFailed';
    result.message = messageOf(error);
    return false;
  }
}

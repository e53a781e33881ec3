// A hook's life around its run, as gitops-engine handles it: the hook finalizer is removed once
// the outcome is read (and before any delete, which it would otherwise block); the delete
// policies remove finished hooks; BeforeHookCreation deletes the previous run's hook first; a
// terminated sync deletes hooks still running.
import { messageOf } from '../cluster/apiError.ts';
import { KubeApiError } from '../cluster/index.ts';
import { objectKey, type KubeObject } from '../diff/index.ts';
import { HOOK_FINALIZER } from '../health/index.ts';
import { hookDeletePolicies } from './hookAnnotations.ts';
import { deleteObject, removeFinalizer } from './objectWrites.ts';
import { authorized, propagationOf, type StepContext } from './stepContext.ts';
import type { SyncTask } from './syncTask.ts';
import type { ResourceResult } from './types.ts';

/** Removes the hook finalizer from the hook's live object; a conflict re-reads and tries again. */
async function release(ctx: StepContext, obj: KubeObject): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const live = await ctx.deps.readLive(objectKey(obj));
    if (!live) return;
    try {
      return await removeFinalizer(ctx.deps.connection, live, HOOK_FINALIZER);
    } catch (error) {
      if (!(error instanceof KubeApiError && error.status === 409) || attempt >= 3) throw error;
    }
  }
}

async function waitUntilGone(ctx: StepContext, obj: KubeObject): Promise<void> {
  const deadline = Date.now() + (ctx.deps.waitTimeoutMs ?? 600_000);
  while ((await ctx.deps.readLive(objectKey(obj))) !== undefined) {
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for the previous ${obj.kind} to be deleted`);
    await new Promise((resolve) => setTimeout(resolve, ctx.deps.pollIntervalMs ?? 1_000));
  }
}

/**
 * Deletes the live object before it is created anew (BeforeHookCreation, Replace+Force) and
 * waits until it is gone. Throws with the API server's message; false when policy refused.
 */
export async function deleteBeforeRecreate(ctx: StepContext, live: KubeObject, result: ResourceResult) {
  if (!(await authorized(ctx, 'apply', live, result))) return false;
  await release(ctx, live);
  if (!(await authorized(ctx, 'delete', live, result))) return false;
  const policy = propagationOf(undefined, ctx.request.options.syncOptions);
  await deleteObject(ctx.deps.connection, live, policy, { dryRun: false });
  await waitUntilGone(ctx, live);
  return true;
}

/** Runs a hook write; a refusal or failure is added to the result's message. */
async function tryHookWrite(
  ctx: StepContext,
  task: SyncTask,
  result: ResourceResult,
  action: 'apply' | 'delete',
) {
  const decision = await ctx.deps.authorize(action, task.obj);
  if (!decision.allowed) {
    result.message = `${result.message}; hook not ${action === 'apply' ? 'released' : 'deleted'}: refused by policy: ${decision.message}`;
    return false;
  }
  try {
    if (action === 'apply') await release(ctx, task.obj);
    else
      await deleteObject(
        ctx.deps.connection,
        task.obj,
        propagationOf(undefined, ctx.request.options.syncOptions),
        { dryRun: false },
      );
    return true;
  } catch (error) {
    result.message = `${result.message}; hook not ${action === 'apply' ? 'released' : 'deleted'}: ${messageOf(error)}`;
    return false;
  }
}

/** A finished hook: its finalizer goes, then HookSucceeded / HookFailed delete it. */
export async function finishHook(ctx: StepContext, task: SyncTask, result: ResourceResult): Promise<void> {
  if (ctx.dryRun || (result.hookPhase !== 'Succeeded' && result.hookPhase !== 'Failed')) return;
  if (!(await tryHookWrite(ctx, task, result, 'apply'))) return;
  const policies = hookDeletePolicies(task.obj);
  const wanted =
    (result.hookPhase === 'Succeeded' && policies.includes('HookSucceeded')) ||
    (result.hookPhase === 'Failed' && policies.includes('HookFailed'));
  if (wanted) await tryHookWrite(ctx, task, result, 'delete');
}

/** A hook left running by a failed step: its finalizer goes so the failure blocks no delete. */
export async function abandonHook(ctx: StepContext, task: SyncTask, result: ResourceResult): Promise<void> {
  if (!ctx.dryRun && result.hookPhase === 'Running') await tryHookWrite(ctx, task, result, 'apply');
}

/** On terminate, as in Argo CD, a hook still running is deleted and fails. */
export async function terminateHook(ctx: StepContext, task: SyncTask, result: ResourceResult): Promise<void> {
  result.hookPhase = 'Failed';
  result.status = 'SyncFailed';
  result.message = 'terminated';
  if (ctx.dryRun) return;
  if (await tryHookWrite(ctx, task, result, 'apply')) await tryHookWrite(ctx, task, result, 'delete');
}

// Waiting at the end of a wave: resources until they are healthy (an object without a health
// check counts as healthy), hooks until they complete — Succeeded when healthy, Failed when
// degraded — with the health message. Prunes are not waited for.
import { objectKey } from '../diff/index.ts';
import type { StepContext } from './taskSteps.ts';
import type { SyncTask } from './syncTask.ts';
import type { ResourceResult } from './types.ts';

export interface WaveEntry {
  task: SyncTask;
  result: ResourceResult;
}

const DONE_HEALTH = new Set(['Healthy']);

/** Checks one entry once; true when it needs no more waiting. */
async function settled(ctx: StepContext, { task, result }: WaveEntry): Promise<boolean> {
  const live = await ctx.deps.readLive(objectKey(task.obj));
  if (!live) {
    result.message = 'waiting for the object to appear';
    return false;
  }
  const health = ctx.deps.healthOf(live);
  if (task.hook) {
    if (health === null || health.status === 'Healthy') result.hookPhase = 'Succeeded';
    else if (health.status === 'Degraded') result.hookPhase = 'Failed';
    else result.hookPhase = 'Running';
    if (health?.message) result.message = health.message;
    if (result.hookPhase === 'Failed') result.status = 'SyncFailed';
    return result.hookPhase !== 'Running';
  }
  if (health === null || DONE_HEALTH.has(health.status)) return true;
  result.message = `waiting for healthy (${health.status}${health.message ? `: ${health.message}` : ''})`;
  return false;
}

/**
 * Polls until every entry settles, the wait times out or the sync is terminated; reports each
 * round. Returns false when a hook failed or the wait gave up.
 */
export async function waitForWave(
  ctx: StepContext,
  entries: WaveEntry[],
  report: () => void,
  signal?: AbortSignal,
): Promise<boolean> {
  const deadline = Date.now() + (ctx.deps.waitTimeoutMs ?? 600_000);
  let pending = entries.filter((e) => e.task.action === 'apply');
  while (pending.length > 0) {
    const done = await Promise.all(pending.map((entry) => settled(ctx, entry)));
    pending = pending.filter((_, i) => !done[i]);
    report();
    if (pending.length === 0 || signal?.aborted) break;
    if (Date.now() > deadline) {
      for (const { result } of pending) {
        result.status = 'SyncFailed';
        result.message = `timed out: ${result.message}`;
        if (result.hookPhase) result.hookPhase = 'Failed';
      }
      return false;
    }
    await new Promise((resolve) => setTimeout(resolve, ctx.deps.pollIntervalMs ?? 1_000));
  }
  return entries.every((e) => e.result.status !== 'SyncFailed');
}

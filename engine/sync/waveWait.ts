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

/** Checks one entry once; true when it needs no more waiting. */
async function settled(ctx: StepContext, { task, result }: WaveEntry): Promise<boolean> {
  const live = await ctx.deps.readLive(objectKey(task.obj));
  if (!live) {
    result.health = { status: 'Missing' };
    return false;
  }
  const health = ctx.deps.healthOf(live);
  if (health) result.health = health;
  if (task.hook) {
    if (health === null || health.status === 'Healthy') result.hookPhase = 'Succeeded';
    else if (health.status === 'Degraded') result.hookPhase = 'Failed';
    else result.hookPhase = 'Running';
    if (health?.message) result.message = health.message;
    if (result.hookPhase === 'Failed') result.status = 'SyncFailed';
    return result.hookPhase !== 'Running';
  }
  return health === null || health.status === 'Healthy';
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
        const health = result.health
          ? ` (${result.health.status}${result.health.message ? `: ${result.health.message}` : ''})`
          : '';
        result.status = 'SyncFailed';
        result.message = `timed out waiting for ${result.hookPhase ? 'the hook to complete' : 'healthy'}${health}`;
        if (result.hookPhase) result.hookPhase = 'Failed';
      }
      return false;
    }
    await new Promise((resolve) => setTimeout(resolve, ctx.deps.pollIntervalMs ?? 1_000));
  }
  return entries.every((e) => e.result.status !== 'SyncFailed');
}

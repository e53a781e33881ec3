// Waiting at the end of a wave, as gitops-engine judges it: hooks until they complete
// (Healthy or no health check: Succeeded; Degraded or Unknown: Failed), resources until they are
// healthy (no health check counts as healthy; Degraded fails the sync), prunes until the
// object is gone.
import { objectKey } from '../diff/index.ts';
import type { HookPhase } from './types.ts';
import type { StepContext } from './stepContext.ts';
import type { SyncTask } from './syncTask.ts';
import type { ResourceResult } from './types.ts';
import type { HealthResult } from '../health/index.ts';

export interface WaveEntry {
  task: SyncTask;
  result: ResourceResult;
}

type Verdict = 'done' | 'waiting' | 'failed';

function hookPhaseOf(health: HealthResult | null): HookPhase {
  if (health === null || health.status === 'Healthy') return 'Succeeded';
  if (health.status === 'Degraded' || health.status === 'Unknown') return 'Failed';
  return 'Running';
}

/** Checks one entry once. */
async function check(ctx: StepContext, { task, result }: WaveEntry): Promise<Verdict> {
  const live = await ctx.deps.readLive(objectKey(task.obj));
  if (task.action === 'prune') return live ? 'waiting' : 'done';
  if (!live) {
    result.health = { status: 'Missing' };
    return 'waiting';
  }
  const health = ctx.deps.healthOf(live);
  if (health) result.health = health;
  if (task.hook) {
    result.hookPhase = hookPhaseOf(health);
    if (health?.message) result.message = health.message;
    if (result.hookPhase === 'Failed') result.status = 'SyncFailed';
    return result.hookPhase === 'Running' ? 'waiting' : result.hookPhase === 'Succeeded' ? 'done' : 'failed';
  }
  if (health === null || health.status === 'Healthy') return 'done';
  return health.status === 'Degraded' ? 'failed' : 'waiting';
}

function describeHealth(health: HealthResult | undefined): string {
  if (!health) return '';
  return ` (${health.status}${health.message ? `: ${health.message}` : ''})`;
}

function timedOut({ task, result }: WaveEntry): void {
  const what = task.action === 'prune' ? 'deletion' : task.hook ? 'the hook to complete' : 'healthy';
  result.status = 'SyncFailed';
  result.message = `timed out waiting for ${what}${task.action === 'prune' ? '' : describeHealth(result.health)}`;
  if (task.hook) result.hookPhase = 'Failed';
}

/**
 * Polls until every entry settles, the wait times out or the sync is terminated; reports each
 * round. Returns false when something failed or the wait gave up.
 */
export async function waitForWave(
  ctx: StepContext,
  entries: WaveEntry[],
  report: () => void,
  signal?: AbortSignal,
): Promise<boolean> {
  const deadline = Date.now() + (ctx.deps.waitTimeoutMs ?? 600_000);
  let pending = entries;
  let failed = false;
  while (pending.length > 0) {
    const verdicts = await Promise.all(pending.map((entry) => check(ctx, entry)));
    failed ||= verdicts.includes('failed');
    pending = pending.filter((_, i) => verdicts[i] === 'waiting');
    report();
    if (pending.length === 0 || signal?.aborted) break;
    if (Date.now() > deadline) {
      pending.forEach(timedOut);
      return false;
    }
    await new Promise((resolve) => setTimeout(resolve, ctx.deps.pollIntervalMs ?? 1_000));
  }
  return !failed;
}

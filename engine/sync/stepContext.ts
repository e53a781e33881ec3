// What every step of a sync shares: the request, the caller's dependencies, whether writes are
// dry runs; and the two rules all writes follow — the policy gate and the propagation policy.
import type { KubeObject } from '../diff/index.ts';
import type { PropagationPolicy } from './objectWrites.ts';
import { syncOption } from './syncOptions.ts';
import type { ResourceResult, SyncDeps, SyncRequest, WriteAction } from './types.ts';

export interface StepContext {
  request: SyncRequest;
  deps: SyncDeps;
  /** Writes are dry runs: the whole sync, or its validation pass. */
  dryRun: boolean;
}

/** An object's own option counts for prunes; hooks are deleted with the app's (as gitops-engine). */
export function propagationOf(
  obj: KubeObject | undefined,
  appOptions: readonly string[] | undefined,
): PropagationPolicy {
  const value = syncOption('PrunePropagationPolicy', obj, appOptions)?.toLowerCase();
  if (value === 'background') return 'Background';
  if (value === 'orphan') return 'Orphan';
  return 'Foreground';
}

/** The policy gate; a refusal fails the task with the policy's message. */
export async function authorized(
  ctx: StepContext,
  action: WriteAction,
  obj: KubeObject,
  result: ResourceResult,
) {
  const decision = await ctx.deps.authorize(action, obj);
  if (decision.allowed) return true;
  result.status = 'SyncFailed';
  result.message = `refused by policy: ${decision.message}`;
  return false;
}

// One attempt of a sync: a dry run of every apply first (nothing changes if any is refused),
// then phase by phase, wave by wave: write, wait for health and hooks; on failure the SyncFail
// hooks run. A terminated sync stops before its next step.
import { KubeApiError } from '../cluster/index.ts';
import { objectKey } from '../diff/index.ts';
import type { SyncPlan } from './plan.ts';
import { metadataString } from './objectMeta.ts';
import { hasSyncOption } from './syncOptions.ts';
import type { SyncTask } from './syncTask.ts';
import { applyTask, deleteFinishedHook, pruneTask, type StepContext } from './taskSteps.ts';
import type { ResourceResult } from './types.ts';
import { waitForWave, type WaveEntry } from './waveWait.ts';

export interface AttemptOutcome {
  phase: 'Succeeded' | 'Failed';
  message: string;
}

export function resultOf(task: SyncTask): ResourceResult {
  return { id: task.id, ...objectKey(task.obj), phase: task.phase, wave: task.wave, message: '' };
}

/** A dry-run refusal the real sync resolves itself: a namespace or CRD it creates first. */
function resolvedBySync(error: unknown, task: SyncTask, ctx: StepContext, plan: SyncPlan): boolean {
  if (!(error instanceof KubeApiError) || error.status !== 404) return false;
  const applies = plan.tasks.filter((t) => t.action === 'apply').map((t) => t.obj);
  if (error.details?.kind === 'namespaces')
    return applies.some(
      (o) => o.kind === 'Namespace' && metadataString(o, 'name') === metadataString(task.obj, 'namespace'),
    );
  const crdInPlan = applies.some(
    (o) =>
      o.kind === 'CustomResourceDefinition' &&
      (o.spec as { names?: { kind?: string } })?.names?.kind === task.obj.kind,
  );
  return (
    crdInPlan ||
    hasSyncOption('SkipDryRunOnMissingResource', 'true', task.obj, ctx.request.options.syncOptions)
  );
}

async function validate(ctx: StepContext, plan: SyncPlan, entries: WaveEntry[]): Promise<boolean> {
  const dry: StepContext = { ...ctx, dryRun: true };
  let valid = true;
  for (const entry of entries) {
    // Hooks are recreated, not patched: a dry run against the previous run's hook says nothing.
    if (entry.task.action !== 'apply' || entry.task.hook) continue;
    const scratch = resultOf(entry.task);
    let failure: unknown;
    const ok = await applyTask(dry, entry.task, scratch, (error) => (failure = error));
    if (ok || resolvedBySync(failure, entry.task, ctx, plan)) continue;
    entry.result.status = 'SyncFailed';
    // A policy refusal (no API error) reads the same as in the real run.
    entry.result.message = failure === undefined ? scratch.message : `dry run: ${scratch.message}`;
    valid = false;
  }
  return valid;
}

/** The (phase, wave) steps in plan order. */
function stepsOf(entries: WaveEntry[]): WaveEntry[][] {
  const steps: WaveEntry[][] = [];
  let key = '';
  for (const entry of entries) {
    const next = `${entry.task.phase}/${entry.task.wave}`;
    if (next !== key) steps.push([]);
    key = next;
    steps[steps.length - 1]?.push(entry);
  }
  return steps;
}

async function runStep(ctx: StepContext, step: WaveEntry[], report: () => void, signal?: AbortSignal) {
  let ok = true;
  for (const { task, result } of step) {
    ok =
      (task.action === 'apply' ? await applyTask(ctx, task, result) : await pruneTask(ctx, task, result)) &&
      ok;
    report();
  }
  if (ok && !ctx.dryRun) ok = await waitForWave(ctx, step, report, signal);
  for (const entry of step) if (entry.task.hook) await deleteFinishedHook(ctx, entry.task, entry.result);
  report();
  return ok;
}

export async function runAttempt(
  ctx: StepContext,
  plan: SyncPlan,
  entries: WaveEntry[],
  report: () => void,
  signal?: AbortSignal,
): Promise<AttemptOutcome> {
  const main = entries.filter((e) => e.task.phase !== 'SyncFail');
  if (!ctx.dryRun && !(await validate(ctx, plan, main))) {
    report();
    return { phase: 'Failed', message: 'one or more objects failed to apply (dry run)' };
  }
  for (const step of stepsOf(main)) {
    if (signal?.aborted) return { phase: 'Failed', message: 'terminated' };
    if (await runStep(ctx, step, report, signal)) continue;
    if (signal?.aborted) return { phase: 'Failed', message: 'terminated' };
    const failHooks = entries.filter((e) => e.task.phase === 'SyncFail');
    for (const failStep of stepsOf(failHooks)) await runStep(ctx, failStep, report, signal);
    return { phase: 'Failed', message: 'one or more objects failed to sync' };
  }
  return {
    phase: 'Succeeded',
    message: ctx.dryRun ? 'successfully synced (dry run)' : 'successfully synced',
  };
}

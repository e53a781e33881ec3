// One attempt of a sync: a dry run of every apply first (nothing changes if any is refused),
// then phase by phase, wave by wave: write, wait for health and hooks; on failure the SyncFail
// hooks run. A terminated sync stops before its next step. Within a step the writes run in
// parallel as gitops-engine runs them: all prunes together, then the applies of each run of one
// kind together, one run after the other so kind order still holds.
import { KubeApiError } from '../cluster/index.ts';
import { objectKey } from '../diff/index.ts';
import type { SyncPlan } from './plan.ts';
import { metadataString } from './objectMeta.ts';
import { abortableSleep } from './retryBackoff.ts';
import { hasSyncOption } from './syncOptions.ts';
import type { SyncTask } from './syncTask.ts';
import { abandonHook, finishHook } from './hookLifecycle.ts';
import type { StepContext } from './stepContext.ts';
import { applyTask, pruneTask } from './taskSteps.ts';
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
  // Hooks are recreated, not patched: a dry run against the previous run's hook says nothing.
  const applies = entries.filter((entry) => entry.task.action === 'apply' && !entry.task.hook);
  for (const run of kindRuns(applies)) {
    await Promise.all(
      run.map(async (entry) => {
        const scratch = resultOf(entry.task);
        let failure: unknown;
        const ok = await applyTask(dry, entry.task, scratch, (error) => (failure = error));
        if (ok || resolvedBySync(failure, entry.task, ctx, plan)) return;
        entry.result.status = 'SyncFailed';
        // A policy refusal (no API error) reads the same as in the real run.
        entry.result.message = failure === undefined ? scratch.message : `dry run: ${scratch.message}`;
        valid = false;
      }),
    );
  }
  return valid;
}

/** Consecutive entries of one kind, in plan order: gitops-engine applies each run in parallel. */
function kindRuns(entries: WaveEntry[]): WaveEntry[][] {
  const runs: WaveEntry[][] = [];
  for (const entry of entries) {
    const last = runs.at(-1);
    if (last && last[0]!.task.obj.kind === entry.task.obj.kind) last.push(entry);
    else runs.push([entry]);
  }
  return runs;
}

/** Argo CD's operation message: what failed, then the failed objects' messages. */
function withReasons(message: string, entries: WaveEntry[]): string {
  const reasons = entries.flatMap(({ result }) => {
    if (result.status === 'SyncFailed') return [`${result.kind} ${result.name}: ${result.message}`];
    if (result.health?.status === 'Degraded')
      return [`${result.kind} ${result.name}: ${result.health.message ?? 'Degraded'}`];
    return [];
  });
  return reasons.length > 0 ? `${message}, reason: ${reasons.join('; ')}` : message;
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

interface AttemptRun {
  ctx: StepContext;
  plan: SyncPlan;
  report: () => void;
  signal?: AbortSignal;
}

/** Applies one object; in a dry run, a refusal the sync itself would resolve is no failure. */
async function applyEntry({ ctx, plan }: AttemptRun, { task, result }: WaveEntry): Promise<boolean> {
  let failure: unknown;
  if (await applyTask(ctx, task, result, (error) => (failure = error))) return true;
  if (!ctx.dryRun || !resolvedBySync(failure, task, ctx, plan)) return false;
  result.status = 'Synced';
  result.message = 'not checked (dry run): its namespace or CRD is created by this sync';
  return true;
}

/**
 * Writes a step's objects, prunes first as gitops-engine does, then waits: for hooks always;
 * for resources and prunes only when another step follows (gitops-engine reports the last
 * wave of resources synced at once).
 */
async function runStep(run: AttemptRun, step: WaveEntry[], last: boolean): Promise<boolean> {
  const { ctx, report, signal } = run;
  let ok = true;
  const groups = [
    step.filter((e) => e.task.action === 'prune'),
    ...kindRuns(step.filter((e) => e.task.action === 'apply')),
  ];
  for (const group of groups) {
    const written = await Promise.all(
      group.map(async (entry) => {
        const done = await (entry.task.action === 'apply'
          ? applyEntry(run, entry)
          : pruneTask(ctx, entry.task, entry.result));
        report();
        return done;
      }),
    );
    ok = written.every(Boolean) && ok;
  }
  const awaited = step.filter((entry) => entry.task.hook || !last);
  if (ok && !ctx.dryRun) ok = await waitForWave(ctx, awaited, report, signal);
  for (const { task, result } of step.filter((e) => e.task.hook)) {
    await finishHook(ctx, task, result);
    // Running hooks of a terminated sync are for terminate to delete.
    if (!ok && !signal?.aborted) await abandonHook(ctx, task, result);
  }
  report();
  return ok;
}

async function pauseBetweenWaves({ ctx, signal }: AttemptRun): Promise<void> {
  // A terminate ends the pause early; the loop then stops before the next step.
  await abortableSleep(ctx.deps.waveDelayMs ?? 2_000, signal).catch(() => undefined);
}

export async function runAttempt(
  ctx: StepContext,
  plan: SyncPlan,
  entries: WaveEntry[],
  report: () => void,
  signal?: AbortSignal,
): Promise<AttemptOutcome> {
  const run: AttemptRun = { ctx, plan, report, signal };
  const main = entries.filter((e) => e.task.phase !== 'SyncFail');
  if (!ctx.dryRun && !(await validate(ctx, plan, main))) {
    report();
    return { phase: 'Failed', message: withReasons('one or more objects failed to apply (dry run)', main) };
  }
  const steps = stepsOf(main);
  for (const [index, step] of steps.entries()) {
    if (signal?.aborted) return { phase: 'Failed', message: 'Operation terminated' };
    const last = index === steps.length - 1;
    if (await runStep(run, step, last)) {
      if (!last && !ctx.dryRun) await pauseBetweenWaves(run);
      continue;
    }
    if (signal?.aborted) return { phase: 'Failed', message: 'Operation terminated' };
    const failHooks = entries.filter((e) => e.task.phase === 'SyncFail');
    let failHooksOk = true;
    for (const failStep of stepsOf(failHooks))
      failHooksOk = (await runStep(run, failStep, false)) && failHooksOk;
    const message = withReasons('one or more objects failed to sync', step);
    if (failHooksOk) return { phase: 'Failed', message };
    return {
      phase: 'Failed',
      message: `${message}\n${withReasons('one or more SyncFail hooks failed', failHooks)}`,
    };
  }
  const dry = ctx.dryRun ? ' (dry run)' : '';
  return { phase: 'Succeeded', message: `successfully synced (all tasks run)${dry}` };
}

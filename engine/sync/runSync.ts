// A sync operation as Argo CD runs one: plan, attempt, and on failure retry with backoff as
// the retry strategy allows; every change of state is reported as it happens. Terminating
// (the request's AbortSignal) stops before the next step and ends the operation as Failed.
import { messageOf } from '../cluster/apiError.ts';
import { createNamespaceName } from './managedNamespace.ts';
import { planSync } from './plan.ts';
import { abortableSleep, mayRetry, retryDelayMs } from './retryBackoff.ts';
import { resultOf, runAttempt } from './syncAttempt.ts';
import { terminateHook } from './hookLifecycle.ts';
import type { StepContext } from './stepContext.ts';
import type { OperationPhase, SyncDeps, SyncProgress, SyncRequest, SyncResult } from './types.ts';
import type { WaveEntry } from './waveWait.ts';

export type ProgressListener = (progress: SyncProgress) => void;

type Emit = (phase: OperationPhase, message: string, entries: WaveEntry[]) => void;

async function terminate(ctx: StepContext, entries: WaveEntry[], emit: Emit): Promise<void> {
  emit('Terminating', 'terminating', entries);
  for (const { task, result } of entries)
    if (result.hookPhase === 'Running') await terminateHook(ctx, task, result);
  emit('Failed', 'Operation terminated', entries);
}

/** Whether the namespace `CreateNamespace=true` names is there; undefined when it cannot be read. */
async function namespaceExists(request: SyncRequest, deps: SyncDeps): Promise<boolean | undefined> {
  const name = createNamespaceName(request);
  if (name === undefined) return undefined;
  try {
    return (await deps.readLive({ group: '', kind: 'Namespace', namespace: '', name })) !== undefined;
  } catch {
    return undefined;
  }
}

export async function runSync(
  request: SyncRequest,
  deps: SyncDeps,
  onProgress: ProgressListener = () => undefined,
): Promise<SyncResult> {
  const startedAt = new Date();
  const { signal, retry, dryRun = false } = request.options;
  const ctx: StepContext = { request, deps, dryRun };
  const sleep = deps.sleep ?? abortableSleep;
  const plan = planSync(request, startedAt, await namespaceExists(request, deps));
  let progress: SyncProgress = { phase: 'Running', message: 'syncing', attempt: 1, resources: [] };
  let reported = '';
  // Waits poll every second; only a change is reported.
  const emit: Emit = (phase, message, entries) => {
    const resources = [...entries.map((e) => ({ ...e.result })), ...plan.skipped];
    progress = { ...progress, phase, message, resources };
    const snapshot = JSON.stringify(progress);
    if (snapshot === reported) return;
    reported = snapshot;
    onProgress(progress);
  };

  for (let attempt = 1; ; attempt++) {
    progress = { ...progress, attempt };
    const entries = plan.tasks.map((task) => ({ task, result: resultOf(task) }));
    emit('Running', attempt === 1 ? 'syncing' : `retrying (attempt ${attempt})`, entries);
    let phase: OperationPhase;
    let message: string;
    try {
      const outcome = await runAttempt(
        ctx,
        plan,
        entries,
        () => emit('Running', progress.message, entries),
        signal,
      );
      ({ phase, message } = outcome);
    } catch (error) {
      phase = 'Error';
      message = messageOf(error);
    }
    if (signal?.aborted) {
      await terminate(ctx, entries, emit);
      break;
    }
    if (phase === 'Succeeded' || dryRun || !mayRetry(retry, attempt)) {
      emit(phase, message, entries);
      break;
    }
    const delay = retryDelayMs(retry, attempt);
    emit(
      'Running',
      `${message}; retrying in ${Math.round(delay / 1000)} s (attempt ${attempt + 1})`,
      entries,
    );
    try {
      await sleep(delay, signal);
    } catch {
      await terminate(ctx, entries, emit);
      break;
    }
  }
  return { ...progress, startedAt: startedAt.toISOString(), finishedAt: new Date().toISOString() };
}

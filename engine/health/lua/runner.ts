// Runs Lua health checks where a runaway one can be stopped: one persistent worker thread
// (node:worker_threads) with a bounded heap, fed batches of checks. Inside the worker an
// instruction hook ends scripts at their time limit; out here a watchdog reads the worker's
// progress from shared memory and terminates it when one check overruns its limit anyway (a
// library call such as a pattern match), or the thread runs out of memory. That check becomes
// Unknown with the limit it broke; the checks after it run in a new worker. A script that
// breaks its limits on several objects in a row is skipped for a while, so that one bad
// script cannot hold up every comparison.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { HEALTH_STATUSES, health, type HealthResult, type KubeObject } from '../types.ts';
import {
  luaCheckWorker,
  type WorkerBatch,
  type WorkerReply,
  type WorkerResult,
  type WorkerSetup,
} from './checkWorker.ts';
import { formatLuaNumber } from './fengari.ts';
import {
  HEAP_LIMIT_MB,
  HOOK_INTERVAL,
  MAX_STRING_BYTES,
  preludeChunk,
  STRING_BUDGET_BYTES,
  type CompiledScript,
} from './sandbox.ts';

export interface ScriptCheck {
  script: CompiledScript;
  obj: KubeObject;
  timeoutMs: number;
  /** Resource actions: the script's return value as JSON, with these `actionParams`. */
  returns?: 'health' | 'value';
  params?: Record<string, string>;
  /** What messages call the script (`health script` unless given). */
  label?: string;
}

/** Checks per message to the worker: few enough to lose little when it must be ended. */
const BATCH_SIZE = 64;
/** Limit breaks in a row after which a script is skipped… */
const STRIKES = 3;
/** …for this long. */
const SKIP_MS = 60_000;
/** How long the worker may take to start and take its first check. */
const START_LIMIT_MS = 15_000;
/** A message longer than this is cut. */
const MAX_MESSAGE_BYTES = 8192;
/** A value a script returns (an action's objects) deeper or larger than this is refused. */
const MAX_VALUE_DEPTH = 100;
const MAX_VALUE_NODES = 200_000;

/** The watchdog gives a check its time limit and this much more before ending the worker. */
export function watchdogLimit(timeoutMs: number): number {
  return timeoutMs + Math.max(250, timeoutMs / 2);
}

// Plain JavaScript around the worker's function, run with `eval`. esbuild keeps function
// names with a __name helper when asked to (tsx does); the text of the function still calls it.
function workerSource(): string {
  return [
    'var __name = (target) => target;',
    "const { parentPort, workerData } = require('node:worker_threads');",
    `(${luaCheckWorker.toString()})({ require, port: parentPort, setup: workerData, formatLuaNumber: ${formatLuaNumber.toString()} });`,
  ].join('\n');
}

/** What the worker thread gets: where fengari is, the prelude, the limits, the progress cells. */
export function workerSetup(progress: SharedArrayBuffer): WorkerSetup {
  const require = createRequire(import.meta.url);
  return {
    modules: {
      defs: require.resolve('fengari/src/defs.js'),
      luaconf: require.resolve('fengari/src/luaconf.js'),
      fengari: require.resolve('fengari'),
    },
    prelude: preludeChunk(),
    statuses: HEALTH_STATUSES,
    limits: {
      maxStringBytes: MAX_STRING_BYTES,
      stringBudgetBytes: STRING_BUDGET_BYTES,
      maxMessageBytes: MAX_MESSAGE_BYTES,
      strikes: STRIKES,
      hookInterval: HOOK_INTERVAL,
      flushMs: 50,
      maxValueDepth: MAX_VALUE_DEPTH,
      maxValueNodes: MAX_VALUE_NODES,
    },
    progress,
  };
}

/** How a batch ended: the results it gave, and why the worker stopped if it did. */
interface BatchOutcome {
  results: Array<WorkerResult | undefined>;
  /** the worker is gone; `index` is the check it was running (-1: none) */
  stopped?: { index: number; why: 'time' | 'memory' | 'crash'; detail: string };
}

/** One worker thread and the watchdog over the batch it runs. */
class CheckWorker {
  private readonly progress = new SharedArrayBuffer(16);
  private readonly running = new Int32Array(this.progress, 0, 1);
  private readonly startedAt = new Float64Array(this.progress, 8, 1);
  private readonly thread: Worker;

  constructor() {
    this.thread = new Worker(workerSource(), {
      eval: true,
      workerData: workerSetup(this.progress),
      resourceLimits: { maxOldGenerationSizeMb: HEAP_LIMIT_MB },
    });
    this.thread.unref(); // an idle worker must not keep the process alive
    this.thread.on('error', () => undefined); // reported to the batch that is running, if any
    this.thread.once('exit', () => (this.alive = false));
  }

  /** False once the thread has ended, for whatever reason. */
  alive = true;

  run(checks: ScriptCheck[]): Promise<BatchOutcome> {
    const scripts = [...new Set(checks.map((check) => check.script))];
    const batch: WorkerBatch = {
      scripts: scripts.map(({ name, bytecode, openLibs }) => ({ name, bytecode, openLibs })),
      checks: checks.map((check) => ({
        script: scripts.indexOf(check.script),
        obj: check.obj,
        timeoutMs: check.timeoutMs,
        ...(check.returns ? { returns: check.returns } : {}),
        ...(check.params ? { params: check.params } : {}),
        ...(check.label ? { label: check.label } : {}),
      })),
    };
    const results: BatchOutcome['results'] = new Array(checks.length).fill(undefined);
    const thread = this.thread;
    return new Promise<BatchOutcome>((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const finish = (stopped?: BatchOutcome['stopped']): void => {
        clearTimeout(timer);
        thread.off('message', received);
        thread.off('error', failed);
        thread.off('exit', exited);
        thread.unref();
        if (stopped) void thread.terminate();
        resolve(stopped ? { results, stopped } : { results });
      };
      const current = (): number => Atomics.load(this.running, 0);
      const received = (reply: WorkerReply): void => {
        for (const [index, result] of reply.results) results[index] = result;
        if (reply.done) finish();
      };
      const failed = (error: Error & { code?: string }): void =>
        finish({
          index: current(),
          why: error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'memory' : 'crash',
          detail: error.message,
        });
      const exited = (code: number): void =>
        finish({ index: current(), why: 'crash', detail: `the worker exited with code ${code}` });
      const batchStarted = Date.now();
      // Wakes when the running check would pass its limit; a check that has moved on sets the
      // next wake-up, so the worker is ended on time and not polled more than needed.
      const watch = (): void => {
        const index = current();
        const now = Date.now();
        const overdue =
          index < 0
            ? batchStarted + START_LIMIT_MS - now
            : this.startedAt[0]! + watchdogLimit(checks[index]!.timeoutMs) - now;
        if (overdue > 0) {
          // Not started yet: look again soon, the first check's clock starts any moment.
          timer = setTimeout(watch, Math.min(overdue + 1, index < 0 ? 20 : 1000));
          return;
        }
        finish(
          index < 0
            ? { index, why: 'crash', detail: `the worker did not take a check within ${START_LIMIT_MS} ms` }
            : { index, why: 'time', detail: '' },
        );
      };
      Atomics.store(this.running, 0, -1);
      thread.on('message', received);
      thread.on('error', failed);
      thread.on('exit', exited);
      thread.ref();
      try {
        thread.postMessage(batch);
      } catch (error) {
        finish({
          index: -1,
          why: 'crash',
          detail: `the objects could not be sent: ${(error as Error).message}`,
        });
        return;
      }
      watch();
    });
  }

  stop(): Promise<number> {
    return this.thread.terminate();
  }
}

function stoppedMessage(check: ScriptCheck, why: 'time' | 'memory' | 'crash', detail: string): string {
  const name = check.script.name;
  const label = check.label ?? 'health script';
  if (why === 'time')
    return `${name}: ${label} ran longer than ${check.timeoutMs} ms and was stopped inside a library call (a pattern match, for example)`;
  if (why === 'memory')
    return `${name}: ${label} needed more than ${HEAP_LIMIT_MB} MB of memory and was stopped`;
  return `${name}: ${label} stopped its worker: ${detail}`;
}

function skippedMessage(last: string, count: number): string {
  return `${last} (on ${count} objects in a row: not run again for ${SKIP_MS / 1000} s)`;
}

interface Queued {
  check: ScriptCheck;
  done: (result: WorkerResult) => void;
  /** batches it was in whose worker stopped before taking a check */
  lostBatches?: number;
}

interface Strikes {
  count: number;
  last: string;
  skipUntil: number;
}

/** The checks waiting, the worker that runs them, and the scripts that keep breaking limits. */
class HealthScriptRunner {
  private queue: Queued[] = [];
  private worker: CheckWorker | undefined;
  private pumping = false;
  private readonly strikes = new WeakMap<CompiledScript, Strikes>();

  run(checks: ScriptCheck[]): Promise<WorkerResult[]> {
    const results = checks.map(
      (check) => new Promise<WorkerResult>((done) => this.queue.push({ check, done })),
    );
    void this.pump();
    return Promise.all(results);
  }

  async stop(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    await worker?.stop();
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, BATCH_SIZE).filter((queued) => !this.skipped(queued));
        if (batch.length > 0) await this.runBatch(batch);
      }
    } finally {
      this.pumping = false;
    }
  }

  /** Answers a check of a script that is being skipped; true when it did. */
  private skipped({ check, done }: Queued): boolean {
    const strikes = this.strikes.get(check.script);
    if (!strikes || strikes.count < STRIKES || Date.now() >= strikes.skipUntil) return false;
    done(health('Unknown', skippedMessage(strikes.last, strikes.count)));
    return true;
  }

  private record(script: CompiledScript, result: WorkerResult): WorkerResult {
    const { limit, skipped, ...plain } = result;
    if (skipped) return health('Unknown', skippedMessage(plain.message ?? '', skipped));
    if (!limit) this.strikes.delete(script);
    else {
      const count = (this.strikes.get(script)?.count ?? 0) + 1;
      this.strikes.set(script, { count, last: plain.message ?? '', skipUntil: Date.now() + SKIP_MS });
    }
    return plain;
  }

  private async runBatch(batch: Queued[]): Promise<void> {
    let outcome: BatchOutcome;
    try {
      if (!this.worker?.alive) this.worker = new CheckWorker();
      outcome = await this.worker.run(batch.map((queued) => queued.check));
    } catch (error) {
      outcome = { results: [], stopped: { index: -1, why: 'crash', detail: (error as Error).message } };
    }
    const { results, stopped } = outcome;
    const again: Queued[] = [];
    for (const [index, queued] of batch.entries()) {
      const { check, done } = queued;
      const result = results[index];
      if (result) done(this.record(check.script, result));
      else if (!stopped)
        done(health('Unknown', `${check.script.name}: the ${check.label ?? 'health script'} gave no result`));
      else if (index === stopped.index)
        done(
          this.record(check.script, {
            status: 'Unknown',
            message: stoppedMessage(check, stopped.why, stopped.detail),
            limit: true,
          }),
        );
      // Stopped before it took a check: the worker may have been failing already (the heap a
      // previous check filled); a second time, the batch itself is at fault.
      else if (stopped.index < 0 && (queued.lostBatches ?? 0) >= 1)
        done(health('Unknown', `${check.script.name}: Lua scripts could not run: ${stopped.detail}`));
      else again.push(stopped.index < 0 ? { ...queued, lostBatches: (queued.lostBatches ?? 0) + 1 } : queued);
    }
    // A check that broke a limit may leave the worker's heap full of its garbage: start afresh.
    if (!stopped && results.some((result) => result?.limit)) void this.stop();
    if (stopped) {
      this.worker = undefined;
      this.queue = [...again, ...this.queue];
    }
  }
}

const runner = new HealthScriptRunner();

/** Runs custom health checks in the health worker; each gives a result, never an exception. */
export async function runHealthScripts(checks: ScriptCheck[]): Promise<HealthResult[]> {
  if (checks.length === 0) return [];
  return (await runner.run(checks)).map(({ status, message }) =>
    message === undefined ? { status } : { status, message },
  );
}

/**
 * Runs one script for the value it returns (a resource action's discovery or its objects), in
 * the same worker and under the same limits as the health checks; an error or a broken limit
 * comes back as a message, never an exception.
 */
export async function runValueScript(
  check: Omit<ScriptCheck, 'returns'>,
): Promise<{ value: unknown } | { error: string }> {
  const [result] = await runner.run([{ ...check, returns: 'value' }]);
  if (result && 'value' in result && result.value !== undefined) return { value: result.value };
  return { error: result?.message ?? `${check.script.name}: the script gave no result` };
}

/** Ends the health worker (tests, shutdown); the next check starts a new one. */
export function stopHealthScripts(): Promise<void> {
  return runner.stop();
}

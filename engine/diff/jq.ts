// jq for ignoreDifferences' jqPathExpressions, evaluated as Argo CD does (`del(<expression>)`
// on the whole object) by real jq: the jq-wasm package, jq compiled to WebAssembly. It runs
// in a worker thread so that a runaway expression can be stopped at its time limit (Argo CD
// gives each expression 1 s) without blocking the engine.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

export class JqError extends Error {
  constructor(
    readonly kind: 'compile' | 'runtime' | 'timeout',
    message: string,
  ) {
    super(message);
    this.name = 'JqError';
  }
}

// Plain JavaScript, run with `eval` so that it needs no file of its own next to the bundle.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const jq = require(workerData.jqModule);
jq.raw('null', '.').then(() => parentPort.postMessage({ ready: true }));
parentPort.on('message', ({ input, filter }) => {
  jq.raw(input, filter, ['-c']).then(
    (output) => parentPort.postMessage({ output }),
    (error) => parentPort.postMessage({ error: String((error && error.message) || error) }),
  );
});`;

interface Reply {
  ready?: boolean;
  output?: string;
  error?: string;
}

let worker: Promise<Worker> | undefined;
let queue: Promise<unknown> = Promise.resolve();

function startWorker(): Promise<Worker> {
  const jqModule = createRequire(import.meta.url).resolve('jq-wasm');
  const started = new Worker(WORKER_SOURCE, { eval: true, workerData: { jqModule } });
  const ready = new Promise<Worker>((resolve, reject) => {
    started.once('message', () => {
      started.unref(); // an idle worker must not keep the process alive
      resolve(started);
    });
    started.once('error', reject);
    started.once('exit', (code) => reject(new Error(`jq worker exited with code ${code} while starting`)));
  });
  ready.catch(() => {
    if (worker === ready) worker = undefined;
  });
  return ready;
}

function classify(message: string): JqError {
  const text = message.replace(/^Failed to execute \w+ query: /, '').trim();
  return new JqError(/compile error/.test(text) ? 'compile' : 'runtime', text);
}

async function run(input: string, filter: string, timeoutMs: number): Promise<string> {
  const starting = (worker ??= startWorker());
  const current = await starting;
  const forget = (): void => {
    if (worker === starting) worker = undefined;
  };
  current.ref();
  try {
    return await new Promise<string>((resolve, reject) => {
      const settle = (reply: Reply): void => {
        clearTimeout(timer);
        current.off('message', settle);
        current.off('exit', exited);
        if (reply.error !== undefined) reject(classify(reply.error));
        else resolve(reply.output ?? '');
      };
      const exited = (code: number): void => {
        forget();
        settle({ error: `jq worker exited with code ${code}` });
      };
      const timer = setTimeout(() => {
        current.off('message', settle);
        current.off('exit', exited);
        forget();
        void current.terminate();
        reject(new JqError('timeout', `timed out after ${timeoutMs} ms`));
      }, timeoutMs);
      current.on('message', settle);
      current.on('exit', exited);
      current.postMessage({ input, filter });
    });
  } finally {
    current.unref();
  }
}

/**
 * `del(<expression>)` applied to `input`: the value without the paths the expression
 * selects. One evaluation at a time, so each gets its whole time limit.
 */
export function jqDelete(input: unknown, expression: string, timeoutMs: number): Promise<unknown> {
  const result = queue.then(async () => {
    const output = (await run(JSON.stringify(input), `del(${expression})`, timeoutMs)).trim();
    if (output === '') throw new JqError('runtime', 'the expression returned no value');
    if (output.includes('\n')) throw new JqError('runtime', 'the expression returned several values');
    return JSON.parse(output) as unknown;
  });
  queue = result.catch(() => undefined);
  return result;
}

/** Stops the worker (tests, shutdown); the next evaluation starts a new one. */
export async function stopJq(): Promise<void> {
  const current = worker;
  worker = undefined;
  if (current !== undefined) await (await current.catch(() => undefined))?.terminate();
}

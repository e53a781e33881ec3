// Runs the jsonnet evaluator off the engine's event loop: a worker thread per evaluation starts
// the WebAssembly module under WASI with the repository as the only folder it may open (mapped
// to `/`, its working directory), the request as its argument, and temporary files for what it
// prints. The worker is ended at the time limit or when the work is cancelled; memory is capped
// in the module itself (module.ts). A crash of the evaluator (out of memory, a stack too deep)
// comes back as its exit code and the first lines it printed.
import { mkdtemp, open, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { jsonnetModule } from './module.ts';

/** What the evaluator is asked (see wasm/main.go, type request). */
export interface JsonnetRequest {
  /** Repository-relative, `/`-separated paths of the files to evaluate, in order. */
  files: string[];
  /** Library paths, repository-relative: the application folder, then `libs` in order. */
  jpaths: string[];
  extVars: JsonnetVariable[];
  tlas: JsonnetVariable[];
  maxOutputBytes: number;
  maxImportBytes: number;
  maxImportTotalBytes: number;
}

export interface JsonnetVariable {
  name: string;
  value: string;
  code: boolean;
}

/** What the evaluator answers: each file's output (raw JSON), or the first error. */
export interface JsonnetReply {
  results: Array<{ file: string; output: unknown }>;
  error?: string;
  file?: string;
  limit?: 'output';
}

export interface JsonnetRunLimits {
  timeoutMs: number;
  maxMemoryBytes: number;
  /** Bytes the reply may have (the evaluator bounds its output; this bounds the reading). */
  maxReplyBytes: number;
}

/** The evaluator did not answer: it crashed, ran out of a limit, or was cancelled. */
export class JsonnetRunError extends Error {
  constructor(
    message: string,
    readonly limit?: 'time' | 'memory' | 'stack',
  ) {
    super(message);
    this.name = 'JsonnetRunError';
  }
}

// Plain JavaScript, run with `eval` so that it needs no file of its own next to the bundle.
const WORKER_SOURCE = `
process.emitWarning = () => undefined; // WASI's "experimental" notice, once per worker
const { parentPort, workerData } = require('node:worker_threads');
const { WASI } = require('node:wasi');
const { module, root, request, stdout, stderr } = workerData;
const wasi = new WASI({
  version: 'preview1',
  args: ['jsonnet', request],
  env: { GOTRACEBACK: 'none' },
  preopens: { '/': root },
  stdout,
  stderr,
  returnOnExit: true,
});
const instance = new WebAssembly.Instance(module, wasi.getImportObject());
parentPort.postMessage({ code: wasi.start(instance) });`;

const MAX_STDERR_BYTES = 64 * 1024;
const WORKER_HEAP_MB = 64;

async function readBounded(path: string, maxBytes: number): Promise<{ text: string; over: boolean }> {
  const file = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(Math.min(maxBytes + 1, (await file.stat()).size));
    const { bytesRead } = await file.read(buffer, 0, buffer.length, 0);
    return {
      text: buffer.subarray(0, Math.min(bytesRead, maxBytes)).toString('utf8'),
      over: bytesRead > maxBytes,
    };
  } finally {
    await file.close();
  }
}

function crashMessage(code: number, stderr: string): JsonnetRunError {
  // Go's own words, without the goroutine dump after them
  const words =
    stderr
      .trim()
      .split(/\n\s*\n/)[0]
      ?.split('\n')
      .slice(0, 3)
      .join('; ') ?? '';
  if (/out of memory/i.test(words)) {
    return new JsonnetRunError(
      `jsonnet evaluation ran out of memory (setting render.maxToolMemoryMegabytes): ${words}`,
      'memory',
    );
  }
  if (/stack (exceeds|overflow)/i.test(words)) {
    return new JsonnetRunError(`jsonnet evaluation went too deep (stack limit): ${words}`, 'stack');
  }
  return new JsonnetRunError(`jsonnet evaluator stopped with code ${code}${words ? `: ${words}` : ''}`);
}

/** An error thrown inside the worker: the JavaScript engine's own stack or heap ran out. */
function workerFailure(error: Error): JsonnetRunError {
  if (/call stack/i.test(error.message)) {
    return new JsonnetRunError(`jsonnet evaluation went too deep (stack limit): ${error.message}`, 'stack');
  }
  if (/memory/i.test(error.message)) {
    return new JsonnetRunError(`jsonnet evaluation ran out of memory: ${error.message}`, 'memory');
  }
  return new JsonnetRunError(`jsonnet evaluator failed: ${error.message}`);
}

/** Evaluates the request over the repository at `root`; `tmpDir` holds the evaluator's output a moment. */
export async function runJsonnet(
  root: string,
  request: JsonnetRequest,
  limits: JsonnetRunLimits,
  tmpDir: string,
  signal?: AbortSignal,
): Promise<JsonnetReply> {
  if (signal?.aborted) throw new JsonnetRunError('jsonnet was not started: the work was cancelled');
  const module = await jsonnetModule(limits.maxMemoryBytes);
  const dir = await mkdtemp(join(tmpDir, 'jsonnet-'));
  const outPath = join(dir, 'stdout');
  const errPath = join(dir, 'stderr');
  const out = await open(outPath, 'w');
  const err = await open(errPath, 'w');
  try {
    const code = await new Promise<number>((resolve, reject) => {
      const worker = new Worker(WORKER_SOURCE, {
        eval: true,
        workerData: { module, root, request: JSON.stringify(request), stdout: out.fd, stderr: err.fd },
        resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
      });
      let settled = false;
      const finish = (outcome: { code: number } | { error: JsonnetRunError }): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        void worker.terminate();
        if ('code' in outcome) resolve(outcome.code);
        else reject(outcome.error);
      };
      const timer = setTimeout(
        () =>
          finish({
            error: new JsonnetRunError(`jsonnet timed out after ${limits.timeoutMs / 1000}s`, 'time'),
          }),
        limits.timeoutMs,
      );
      const onAbort = (): void =>
        finish({ error: new JsonnetRunError('jsonnet was stopped: the work was cancelled') });
      signal?.addEventListener('abort', onAbort, { once: true });
      worker.once('message', (reply: { code: number }) => finish({ code: reply.code }));
      worker.once('error', (error: Error) => finish({ error: workerFailure(error) }));
      worker.once('exit', (exitCode) =>
        finish({ error: new JsonnetRunError(`jsonnet worker ended with code ${exitCode}`) }),
      );
    });
    await Promise.all([out.close(), err.close()]);
    if (code !== 0) throw crashMessage(code, (await readBounded(errPath, MAX_STDERR_BYTES)).text);
    const reply = await readBounded(outPath, limits.maxReplyBytes);
    if (reply.over)
      throw new JsonnetRunError('jsonnet output is over the limit (setting render.maxOutputMegabytes)');
    return JSON.parse(reply.text) as JsonnetReply;
  } finally {
    await Promise.all([out.close().catch(() => undefined), err.close().catch(() => undefined)]);
    await rm(dir, { recursive: true, force: true });
  }
}

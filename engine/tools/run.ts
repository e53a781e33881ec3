// Runs an external tool (helm, kubectl, kustomize) the one way Plumbline allows: an argument list
// built by ToolArgs (input never read as an option), no shell, an environment built from an
// allowlist rather than inherited (a user's KUBECONFIG or HELM_* settings never change what a
// render produces), and limits on run time, output size and memory: a tool over one is killed
// (with what it started) and the error says which limit it met.
import { spawn } from 'node:child_process';
import { basename } from 'node:path';
import type { ToolArgs } from './args.ts';
import { processTree, watchMemory } from './memoryWatch.ts';
import { scrub } from '../git/scrub.ts';

export interface ToolRunOptions {
  cwd?: string;
  /** Variables added to the clean environment (HELM_CACHE_HOME and the like). */
  env?: Record<string, string>;
  timeoutMs?: number;
  /** Bytes the tool may write on stdout; default 100 MiB. */
  maxOutputBytes?: number;
  /** Resident memory of the tool and its children (Linux); default 2 GiB. */
  maxMemoryBytes?: number;
  signal?: AbortSignal;
  /** Cleans what the tool printed on stderr before anyone sees it; credentials are scrubbed unless given. */
  scrub?: (text: string) => string;
}

export type ToolLimit = 'time' | 'output' | 'memory';

export interface ToolOutput {
  stdout: string;
  stderr: string;
}

/** A tool that exited non-zero, timed out or could not start; `stderr` is the tool's own words. */
export class ToolError extends Error {
  constructor(
    message: string,
    readonly tool: string,
    readonly stderr: string,
    readonly exitCode: number | string | undefined,
    /** The limit the tool was stopped at, if that is why it failed. */
    readonly limit?: ToolLimit,
  ) {
    super(message);
    this.name = 'ToolError';
  }
}

export const DEFAULT_TOOL_LIMITS = {
  timeoutMs: 180_000,
  maxOutputBytes: 100 * 1024 * 1024,
  maxMemoryBytes: 2 * 1024 * 1024 * 1024,
};
// What is kept of stderr for the message: its start says what went wrong.
const MAX_STDERR_BYTES = 1024 * 1024;

// Variables a tool legitimately needs from the user's session: where to find itself and
// temporary space, the locale, and the proxy and CA settings of a corporate network.
const INHERITED_VARIABLES = [
  'PATH',
  'HOME',
  'USERPROFILE',
  'SYSTEMROOT',
  'TMPDIR',
  'TEMP',
  'TMP',
  'LANG',
  'HTTP_PROXY',
  'HTTPS_PROXY',
  'NO_PROXY',
  'http_proxy',
  'https_proxy',
  'no_proxy',
  'SSL_CERT_FILE',
  'SSL_CERT_DIR',
];

const invocations = new Map<string, number>();

/** How many times each tool (by file name: helm, kubectl, ...) has been started by this process. */
export function toolInvocations(): Record<string, number> {
  return Object.fromEntries(invocations);
}

export function cleanEnvironment(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of INHERITED_VARIABLES) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  return { ...env, ...extra };
}

function megabytes(bytes: number): string {
  return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
}

async function killTree(pid: number | undefined): Promise<void> {
  if (pid === undefined) return;
  // Children first, so none is left running when its parent goes.
  for (const member of (await processTree(pid)).reverse()) {
    try {
      process.kill(member, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

export function runTool(binary: string, args: ToolArgs, options: ToolRunOptions = {}): Promise<ToolOutput> {
  const tool = basename(binary).replace(/\.exe$/i, '');
  invocations.set(tool, (invocations.get(tool) ?? 0) + 1);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TOOL_LIMITS.timeoutMs;
  const maxOutput = options.maxOutputBytes ?? DEFAULT_TOOL_LIMITS.maxOutputBytes;
  const maxMemory = options.maxMemoryBytes ?? DEFAULT_TOOL_LIMITS.maxMemoryBytes;
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) {
      reject(new ToolError(`${tool} was not started: the work was cancelled`, tool, '', undefined));
      return;
    }
    const child = spawn(binary, args.build(), {
      cwd: options.cwd,
      env: cleanEnvironment(options.env),
      stdio: ['ignore', 'pipe', 'pipe'],
      windowsHide: true,
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let stdoutBytes = 0;
    let stderrBytes = 0;
    let stopped: { message: string; limit?: ToolLimit } | undefined;
    const stop = (message: string, limit?: ToolLimit) => {
      if (stopped) return;
      stopped = { message, ...(limit ? { limit } : {}) };
      void killTree(child.pid);
    };
    const timer = setTimeout(() => stop(`${tool} timed out after ${timeoutMs / 1000}s`, 'time'), timeoutMs);
    const onAbort = () => stop(`${tool} was stopped: the work was cancelled`);
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const stopWatch =
      child.pid === undefined
        ? () => undefined
        : watchMemory(child.pid, maxMemory, (bytes) =>
            stop(
              `${tool} was stopped: it used ${megabytes(bytes)} of memory, over the limit of ${megabytes(maxMemory)}`,
              'memory',
            ),
          );
    child.stdout.on('data', (chunk: Buffer) => {
      stdoutBytes += chunk.length;
      if (stdoutBytes > maxOutput) {
        stop(`${tool} was stopped: its output is over the limit of ${megabytes(maxOutput)}`, 'output');
        return;
      }
      stdout.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderrBytes >= MAX_STDERR_BYTES) return;
      stderrBytes += chunk.length;
      stderr.push(chunk);
    });
    let settled = false;
    const finish = (failure: ToolError | undefined) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      stopWatch();
      options.signal?.removeEventListener('abort', onAbort);
      if (failure) reject(failure);
      else resolve({ stdout: Buffer.concat(stdout).toString('utf8'), stderr: stderrText() });
    };
    const stderrText = () => (options.scrub ?? scrub)(Buffer.concat(stderr).toString('utf8').trim());
    // A binary that cannot start reports here, and may never report `close`.
    child.on('error', (error: NodeJS.ErrnoException) => {
      if (child.pid !== undefined && error.code !== 'ENOENT') return;
      const message =
        error.code === 'ENOENT'
          ? `${tool} could not be started: ${binary} does not exist`
          : `${tool} could not be started: ${error.message}`;
      finish(new ToolError(message, tool, '', error.code));
    });
    child.on('close', (code, signal) => {
      const words = stderrText();
      if (stopped) {
        finish(new ToolError(stopped.message, tool, words, signal ?? code ?? undefined, stopped.limit));
      } else if (code !== 0) {
        const exit = signal ? `was killed by ${signal}` : `exited with code ${code}`;
        finish(new ToolError(words || `${tool} ${exit}`, tool, words, signal ?? code ?? undefined));
      } else {
        finish(undefined);
      }
    });
  });
}

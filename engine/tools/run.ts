// Runs an external tool (helm, kubectl, kustomize) the one way Plumbline allows: execFile with an
// argument array, a timeout, and an environment built from an allowlist rather than inherited, so
// a user's KUBECONFIG or HELM_* settings never change what a render produces.
import { execFile } from 'node:child_process';
import { basename } from 'node:path';

export interface ToolRunOptions {
  cwd?: string;
  /** Variables added to the clean environment (HELM_CACHE_HOME and the like). */
  env?: Record<string, string>;
  timeoutMs?: number;
  signal?: AbortSignal;
}

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
  ) {
    super(message);
    this.name = 'ToolError';
  }
}

const DEFAULT_TIMEOUT_MS = 180_000;
const MAX_OUTPUT_BYTES = 256 * 1024 * 1024;

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

export function runTool(binary: string, args: string[], options: ToolRunOptions = {}): Promise<ToolOutput> {
  const tool = basename(binary).replace(/\.exe$/i, '');
  invocations.set(tool, (invocations.get(tool) ?? 0) + 1);
  const timeout = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return new Promise((resolve, reject) => {
    execFile(
      binary,
      args,
      {
        cwd: options.cwd,
        env: cleanEnvironment(options.env),
        timeout,
        maxBuffer: MAX_OUTPUT_BYTES,
        signal: options.signal,
        windowsHide: true,
        encoding: 'utf8',
      },
      (error, stdout, stderr) => {
        if (!error) {
          resolve({ stdout, stderr });
          return;
        }
        const failure = error as NodeJS.ErrnoException & { killed?: boolean };
        const words = stderr.trim();
        let message: string;
        if (failure.killed && !options.signal?.aborted)
          message = `${tool} timed out after ${timeout / 1000}s`;
        else if (failure.code === 'ENOENT')
          message = `${tool} could not be started: ${binary} does not exist`;
        else message = words || failure.message;
        reject(new ToolError(message, tool, words, failure.code));
      },
    );
  });
}

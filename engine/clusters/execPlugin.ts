// Runs a kubeconfig exec credential plugin (aws, gke-gcloud-auth-plugin, kubelogin…) the way
// kubectl does, but asynchronously and with a time limit: a synchronous plugin run freezes
// the whole process, and a desktop app launched from the dock has a short PATH, so a missing
// binary is named together with the PATH that was searched.
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';
import type { ExecConfig } from './clusterCredentials.ts';
import { parseExecCredential, type ExecCredential } from './execCredential.ts';

export interface ExecPluginOptions {
  /** The environment the plugin starts from (its config's env is laid over it). */
  env?: Record<string, string | undefined>;
  timeoutMs?: number;
  /**
   * The limit once the plugin has printed something that is shown to the user (onStderr): a
   * device-code login waits for the user to open a page and type a code.
   */
  userTimeoutMs?: number;
  /** The plugin's stderr as it arrives: a device-code login prints its prompt there. */
  onStderr?: (text: string) => void;
}

export class ExecPluginError extends Error {
  constructor(
    message: string,
    /** What the plugin printed on stderr, for the UI. */
    readonly stderr: string = '',
  ) {
    super(message);
    this.name = 'ExecPluginError';
  }
}

export const EXEC_PLUGIN_TIMEOUT_MS = 30_000;
export const EXEC_PLUGIN_USER_TIMEOUT_MS = 300_000;
const STDERR_IN_MESSAGE = 500;

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The plugin's binary: a path as given, else the first match on PATH. */
export function resolvePluginCommand(config: ExecConfig, path: string): string {
  const { command } = config;
  const hint = config.installHint ? `; ${config.installHint.trim()}` : '';
  if (isAbsolute(command) || command.includes('/')) {
    if (isExecutable(command)) return command;
    throw new ExecPluginError(`exec plugin ${command} does not exist or is not executable${hint}`);
  }
  for (const dir of path.split(delimiter)) {
    if (dir && isExecutable(join(dir, command))) return join(dir, command);
  }
  throw new ExecPluginError(`exec plugin ${command} was not found in PATH (${path || 'empty'})${hint}`);
}

const tail = (text: string) => text.trim().slice(-STDERR_IN_MESSAGE);

/** Runs the plugin once and returns the credential it printed. */
export async function runExecPlugin(
  config: ExecConfig,
  options: ExecPluginOptions = {},
): Promise<ExecCredential> {
  const baseEnv = options.env ?? process.env;
  const binary = resolvePluginCommand(config, baseEnv.PATH ?? '');
  const timeoutMs = options.timeoutMs ?? EXEC_PLUGIN_TIMEOUT_MS;
  const userTimeoutMs = Math.max(timeoutMs, options.userTimeoutMs ?? EXEC_PLUGIN_USER_TIMEOUT_MS);
  const env: Record<string, string | undefined> = {
    ...baseEnv,
    ...Object.fromEntries(config.env.map(({ name, value }) => [name, value])),
    // Tells the plugin which ExecCredential version to print and that nobody can type an answer.
    KUBERNETES_EXEC_INFO: JSON.stringify({
      apiVersion: config.apiVersion,
      kind: 'ExecCredential',
      spec: { interactive: false },
    }),
  };

  return new Promise((resolve, reject) => {
    // Its own process group, so a timeout also stops what a wrapper script started.
    const ownGroup = process.platform !== 'win32';
    const child = spawn(binary, config.args, { env, stdio: ['ignore', 'pipe', 'pipe'], detached: ownGroup });
    let stdout = '';
    let stderr = '';
    let settled = false;
    const said = () => (tail(stderr) ? `: ${tail(stderr)}` : '');
    const fail = (message: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      reject(new ExecPluginError(message, stderr));
    };
    const expire = (limitMs: number) => () => {
      fail(`exec plugin ${config.command} did not finish within ${limitMs / 1000} s${said()}`);
      try {
        if (ownGroup && child.pid) process.kill(-child.pid, 'SIGKILL');
        else child.kill('SIGKILL');
      } catch {
        // already gone
      }
    };
    let timer = setTimeout(expire(timeoutMs), timeoutMs);
    let waitingForUser = false;
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (!options.onStderr) return;
      options.onStderr(chunk.toString());
      // the user sees what it printed (a login prompt): give them time to act on it
      if (!waitingForUser && !settled) {
        waitingForUser = true;
        clearTimeout(timer);
        timer = setTimeout(expire(userTimeoutMs), userTimeoutMs);
      }
    });
    child.on('error', (error) => fail(`exec plugin ${config.command} could not start: ${error.message}`));
    child.on('close', (code) => {
      if (code !== 0) return fail(`exec plugin ${config.command} exited with code ${code}${said()}`);
      try {
        const credential = parseExecCredential(config.command, stdout);
        settled = true;
        clearTimeout(timer);
        resolve(credential);
      } catch (error) {
        fail((error as Error).message);
      }
    });
  });
}

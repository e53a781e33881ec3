// Runs the real `plumbline` command, as a user would, with a test's environment.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { unhandledMarker } from '../../main/host/processGuards.ts';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const cliBin = fileURLToPath(new URL('../../main/cli/bin.js', import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], env: Record<string, string>): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliBin, ...args], {
      env: { ...process.env, ...env },
      cwd: repoRoot,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

export interface ServingHost {
  appUrl: string;
  url: string;
  token: string;
  port: number;
  process: ChildProcess;
  output(): string;
  /**
   * Sends a signal and resolves with the exit code; rejects when the host logged an unhandled
   * rejection or exception meanwhile (a bug, even though the host kept serving).
   */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Wraps the command, e.g. to run it in a D-Bus session with a keyring (see inKeyring). */
export type Launcher = (command: string, args: string[]) => [string, string[]];

/**
 * Starts `plumbline serve --port 0` and waits for the URL it prints. With a launcher, the host
 * runs in its own process group, which `stop` signals whole.
 */
export function startServe(env: Record<string, string>, launcher?: Launcher): Promise<ServingHost> {
  const [command, args] = (launcher ?? ((c, a) => [c, a]))(process.execPath, [
    cliBin,
    'serve',
    '--port',
    '0',
  ]);
  const child = spawn(command, args, {
    env: { ...process.env, ...env },
    cwd: repoRoot,
    detached: launcher !== undefined,
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code, signal) => {
      if (signal) output += `\n(killed by ${signal})`;
      resolve(code);
    }),
  );
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /serving at (http:\/\/127\.0\.0\.1:(\d+)\/)#token=(\S+)/.exec(output);
      if (!match) return;
      clearTimeout(timer);
      resolve({
        appUrl: `${match[1]}#token=${match[3]}`,
        url: match[1]!,
        port: Number(match[2]),
        token: match[3]!,
        process: child,
        output: () => output,
        stop: (signal = 'SIGTERM') => {
          if (launcher && child.pid) process.kill(-child.pid, signal);
          else child.kill(signal);
          return exited.then((code) => {
            if (output.includes(unhandledMarker))
              throw new Error(`the host logged an unhandled error:\n${output.slice(-4000)}`);
            return code;
          });
        },
      });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then((code) => reject(new Error(`serve exited with ${code}:\n${output}`)));
  });
}

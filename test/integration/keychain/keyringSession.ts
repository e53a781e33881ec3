// Runs a command inside its own D-Bus session with a real gnome-keyring unlocked: the OS
// keychain of the tests. The keyring lives in the given home folder, so successive sessions
// with the same home see the same secrets, as a user's login keyring does.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Why keychain tests cannot run here, or null when they can. */
export function keyringUnavailableReason(): string | null {
  const found = (name: string) =>
    (process.env.PATH ?? '').split(':').some((dir) => dir && existsSync(join(dir, name)));
  if (!found('dbus-run-session')) return 'dbus-run-session is not installed';
  if (!found('gnome-keyring-daemon')) return 'gnome-keyring-daemon is not installed';
  return null;
}

export interface SessionResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

const quote = (arg: string) => `'${arg.replaceAll("'", `'\\''`)}'`;

// The session's dbus-daemon shares the command's stderr and reports its own start-up there.
const withoutDaemonNoise = (stderr: string) =>
  stderr
    .split('\n')
    .filter((line) => !/^dbus-daemon\[\d+\]/.test(line))
    .join('\n');

/**
 * `command args` wrapped to run with an unlocked keyring in its own D-Bus session. An empty
 * password makes gnome-keyring ask a graphical prompter for one (there is no display here), so
 * the keyring gets a fixed one.
 */
export function inKeyring(command: string, args: string[]): [string, string[]] {
  const script =
    "printf '%s' plumbline-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null; " +
    `exec ${[command, ...args].map(quote).join(' ')}`;
  return ['dbus-run-session', ['--', 'sh', '-c', script]];
}

/** The environment of a keyring kept in `home`, as a user's login keyring lives in theirs. */
export function keyringEnv(home: string): Record<string, string> {
  return { HOME: home, XDG_DATA_HOME: join(home, 'share') };
}

/** Runs `command args` with an unlocked keyring and resolves when it exits. */
export function runInKeyring(
  home: string,
  command: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<SessionResult> {
  const [session, sessionArgs] = inKeyring(command, args);
  return new Promise((resolve) => {
    execFile(
      session,
      sessionArgs,
      { env: { ...process.env, ...keyringEnv(home), ...env }, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        resolve({ code, stdout, stderr: withoutDaemonNoise(stderr) });
      },
    );
  });
}

/** Node with tsx, for running TypeScript scripts in the session. */
export function nodeWithTsx(script: string): [string, string[]] {
  return [process.execPath, ['--import', 'tsx', script]];
}

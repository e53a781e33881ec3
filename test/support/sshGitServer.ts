// OpenSSH's sshd on a loopback port, run as the current user with its own config, host key and
// authorized key (no root, nothing of the system's ssh setup): git over ssh reaches the bare
// repositories under `root` as `ssh://<user>@127.0.0.1:<port>/<path>`.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { userInfo } from 'node:os';
import { join } from 'node:path';

export interface SshGitServer {
  port: number;
  user: string;
  /** The client's private key (OpenSSH format) sshd accepts. */
  clientKey: string;
  /** The server's host key as a known_hosts line for `[127.0.0.1]:port`. */
  knownHostsLine: string;
  url(path: string): string;
  close(): Promise<void>;
}

export const SSHD = '/usr/sbin/sshd';
const PRIVSEP_DIR = '/run/sshd';

/** Why sshd can not run here, or null. */
export function sshdUnavailable(): string | null {
  return existsSync(SSHD) ? null : 'sshd is not installed (openssh-server)';
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function keygen(file: string): void {
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'plumbline-test', '-f', file]);
}

export async function startSshGitServer(dir: string): Promise<SshGitServer> {
  // sshd started by root wants its privilege separation directory, which the package's tmpfiles
  // rule makes at boot (and a container never boots): the same empty directory, made here.
  if (process.getuid?.() === 0 && !existsSync(PRIVSEP_DIR)) mkdirSync(PRIVSEP_DIR, { mode: 0o755 });
  const [hostKey, clientKey] = [join(dir, 'host_key'), join(dir, 'client_key')];
  keygen(hostKey);
  keygen(clientKey);
  writeFileSync(join(dir, 'authorized_keys'), readFileSync(`${clientKey}.pub`), { mode: 0o600 });
  const port = await freePort();
  const user = userInfo().username;
  const config = join(dir, 'sshd_config');
  writeFileSync(
    config,
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${hostKey}`,
      `PidFile ${join(dir, 'sshd.pid')}`,
      `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'PubkeyAuthentication yes',
      'UsePAM no',
      'StrictModes no',
      // the tests' PATH, so that git-upload-pack is found
      `SetEnv PATH=${process.env.PATH ?? '/usr/bin:/bin'}`,
      '',
    ].join('\n'),
  );
  const child: ChildProcess = spawn(SSHD, ['-D', '-e', '-f', config], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  await waitForPort(port, () => log);
  const hostPublic = readFileSync(`${hostKey}.pub`, 'utf8').trim().split(/\s+/);
  return {
    port,
    user,
    clientKey: readFileSync(clientKey, 'utf8'),
    knownHostsLine: `[127.0.0.1]:${port} ${hostPublic[0]} ${hostPublic[1]}`,
    url: (path) => `ssh://${user}@127.0.0.1:${port}${path}`,
    close: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill();
      }),
  };
}

async function waitForPort(port: number, log: () => string): Promise<void> {
  const { connect } = await import('node:net');
  for (let attempt = 0; attempt < 100; attempt++) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.destroy();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`sshd did not listen on ${port}: ${log()}`);
}

// Private repositories: HTTP basic auth in front of `git http-backend`, credentials from the
// SecretStore reaching git only through the askpass files of one operation; and ssh keys.
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositoryCache, type RepositoryError } from '../../../engine/git/index.ts';
import { openGitSession } from '../../../engine/git/gitSession.ts';
import { repoCredentials } from '../../../engine/secrets/repoCredentials.ts';
import { memorySecretStore } from '../../../engine/secrets/secretStore.ts';
import { makeHistory, makeScratch, type History, type Scratch } from '../../support/gitFixtures.ts';
import { startHttpGitServer, type HttpGitServer } from '../../support/httpGitServer.ts';
import { repositoryFailure } from '../../support/repositoryFailure.ts';

const USERNAME = 'deployer';
const PASSWORD = 'correct-horse-battery-staple';
const WRONG_PASSWORD = 'not-the-password-4711';
const SSH_KEY =
  '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n-----END OPENSSH PRIVATE KEY-----';

let scratch: Scratch;
let history: History;
let server: HttpGitServer;
let url: string;

beforeAll(async () => {
  scratch = await makeScratch();
  history = await makeHistory(scratch.root, 'private.git');
  server = await startHttpGitServer({
    projectRoot: scratch.root,
    username: USERNAME,
    password: PASSWORD,
    protect: 'all',
  });
  url = server.url('private.git');
});
afterAll(async () => {
  await server.close();
  await scratch.remove();
});

function expectNoSecret(error: RepositoryError, secret: string): void {
  const texts = [error.message, JSON.stringify(error), String(error.stack)];
  for (const text of texts) {
    expect(text).not.toContain(secret);
    expect(text).not.toContain(encodeURIComponent(secret));
  }
}

async function sessionLeftovers(cacheDir: string): Promise<string[]> {
  return readdir(join(cacheDir, 'sessions')).catch(() => []);
}

describe('https-less HTTP with basic auth', () => {
  it('reads a private repository with stored credentials, and removes them from disk afterwards', async () => {
    const secrets = memorySecretStore();
    await repoCredentials(secrets, `${url}/`).set({ username: USERNAME, password: PASSWORD });
    const cacheDir = join(scratch.root, 'cache-ok');
    const cache = createRepositoryCache({ cacheDir, secrets });
    expect(await cache.resolveRevision(url, 'v1')).toBe(history.first);
    expect((await cache.lsRemote(url)).get('refs/heads/main')).toBe(history.main);
    expect(await sessionLeftovers(cacheDir)).toEqual([]);
  });

  it('fails with `auth` and no trace of a wrong password', async () => {
    const secrets = memorySecretStore();
    await repoCredentials(secrets, url).set({ username: USERNAME, password: WRONG_PASSWORD });
    const cacheDir = join(scratch.root, 'cache-wrong');
    const cache = createRepositoryCache({ cacheDir, secrets });
    const error = await repositoryFailure(cache.resolveRevision(url, 'main'));
    expect(error.kind).toBe('auth');
    expect(error.message).toContain('Authentication failed');
    expectNoSecret(error, WRONG_PASSWORD);
    // The password did travel — to the server, in the Authorization header, and nowhere else.
    const sent = Buffer.from(`${USERNAME}:${WRONG_PASSWORD}`).toString('base64');
    expect(server.authorizations).toContain(`Basic ${sent}`);
    expect(await sessionLeftovers(cacheDir)).toEqual([]);
  });

  it('fails with `auth` without credentials, never waiting for a prompt', async () => {
    const cache = createRepositoryCache({ cacheDir: join(scratch.root, 'cache-anonymous') });
    const error = await repositoryFailure(cache.lsRemote(url));
    expect(error.kind).toBe('auth');
  });

  it('uses credentials written in the URL without letting them reach argv or errors', async () => {
    const cache = createRepositoryCache({ cacheDir: join(scratch.root, 'cache-embedded') });
    const withCredentials = url.replace('http://', `http://${USERNAME}:${PASSWORD}@`);
    expect(await cache.resolveRevision(withCredentials, 'main')).toBe(history.main);

    const wrong = url.replace('http://', `http://${USERNAME}:${WRONG_PASSWORD}@`);
    const error = await repositoryFailure(cache.resolveRevision(wrong, 'main'));
    expect(error.kind).toBe('auth');
    expectNoSecret(error, WRONG_PASSWORD);
    expect(error.message).toContain('http://***@127.0.0.1');

    const unreachable = `http://${USERNAME}:${WRONG_PASSWORD}@127.0.0.1:1/private.git`;
    const refused = await repositoryFailure(cache.lsRemote(unreachable));
    expect(refused.kind).toBe('unreachable');
    expectNoSecret(refused, WRONG_PASSWORD);

    const token = 'glpat-token-in-the-user-name';
    const tokenRefused = await repositoryFailure(cache.lsRemote(`http://${token}@127.0.0.1:1/private.git`));
    expectNoSecret(tokenRefused, token);
  });
});

describe('ssh', () => {
  it('hands the stored key to ssh through a temporary file and keeps it out of the error', async () => {
    const secrets = memorySecretStore();
    const sshUrl = 'ssh://git@127.0.0.1:1/org/app.git';
    await repoCredentials(secrets, sshUrl).set({ sshPrivateKey: SSH_KEY });
    const cacheDir = join(scratch.root, 'cache-ssh');
    const cache = createRepositoryCache({ cacheDir, secrets, timeoutMs: 20_000 });
    const error = await repositoryFailure(cache.lsRemote(sshUrl));
    expect(error.kind).toBe('unreachable');
    expect(error.message).toContain('Connection refused');
    expectNoSecret(error, SSH_KEY);
    expect(await sessionLeftovers(cacheDir)).toEqual([]);
  });
});

describe('git session', () => {
  it('keeps credential files private for the operation only, and secrets out of the environment', async () => {
    const places = {
      homeDir: join(scratch.root, 'session-home'),
      knownHostsFile: join(scratch.root, 'session-known_hosts'),
      sessionsDir: join(scratch.root, 'sessions'),
    };
    const http = await openGitSession(places, 'http', { username: USERNAME, password: PASSWORD });
    const ssh = await openGitSession(places, 'ssh', { sshPrivateKey: SSH_KEY });
    const askpass = http.env.GIT_ASKPASS ?? '';
    const sessionDir = join(askpass, '..');
    expect((await stat(sessionDir)).mode & 0o777).toBe(0o700);
    expect((await stat(askpass)).mode & 0o777).toBe(0o700);
    expect((await stat(join(sessionDir, 'password'))).mode & 0o777).toBe(0o600);
    expect(ssh.env.GIT_SSH_COMMAND).toMatch(/ -i \S+\/id -o IdentitiesOnly=yes /);
    expect(ssh.env.GIT_SSH_COMMAND).toContain('StrictHostKeyChecking=accept-new');
    const keyFile = /-i (\S+)/.exec(ssh.env.GIT_SSH_COMMAND ?? '')?.[1] ?? '';
    expect((await stat(keyFile)).mode & 0o777).toBe(0o600);
    for (const session of [http, ssh]) {
      const environment = JSON.stringify(session.env);
      expect(environment).not.toContain(PASSWORD);
      expect(environment).not.toContain('b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ');
      expect(session.env).toMatchObject({
        GIT_TERMINAL_PROMPT: '0',
        GIT_CONFIG_NOSYSTEM: '1',
        HOME: places.homeDir,
      });
    }
    await http.dispose();
    await ssh.dispose();
    expect(await readdir(places.sessionsDir)).toEqual([]);
  });
});

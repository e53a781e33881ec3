// Repositories through the contract, against real servers on 127.0.0.1: git over https with basic
// auth behind a self-signed certificate (trusted by a CA the user adds for the host), GitHub App
// installation tokens from a local stand-in of GitHub's API checking the app's JWT, git over ssh
// with OpenSSH's sshd and the user's known hosts, and the import of Argo CD repository Secrets.
// Each failure class of `repos.test` is provoked for real.
import { generateKeyPairSync } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlumblineClient } from '../../../engine/api/client.ts';
import type { Engine } from '../../../engine/index.ts';
import { memorySecretStore } from '../../../engine/secrets/secretStore.ts';
import { startGithubAppServer, type GithubAppServer } from '../../support/githubAppServer.ts';
import { makeHistory, makeScratch, type Scratch } from '../../support/gitFixtures.ts';
import { startHttpGitServer, type HttpGitServer } from '../../support/httpGitServer.ts';
import { selfSignedCertificate } from '../../support/selfSignedCertificate.ts';
import { sshdUnavailable, startSshGitServer, type SshGitServer } from '../../support/sshGitServer.ts';
import { testEngine } from '../../support/testEngine.ts';

const USERNAME = 'deployer';
const PASSWORD = 'tls-password-5b1e0c';
const APP_TOKEN = 'ghs_installationtoken7f3a91';
const APP_ID = '4242';
const INSTALLATION_ID = '777';

let scratch: Scratch;
let https: HttpGitServer;
let appGit: HttpGitServer;
let githubApi: GithubAppServer;
let ssh: SshGitServer | undefined;
let certificate: { key: string; cert: string };
let appKey: string;
let engine: Engine;
let client: PlumblineClient;
const secrets = memorySecretStore();

beforeAll(async () => {
  scratch = await makeScratch();
  await makeHistory(scratch.root, 'private.git');
  certificate = selfSignedCertificate('127.0.0.1', '127.0.0.1');
  https = await startHttpGitServer({
    projectRoot: scratch.root,
    username: USERNAME,
    password: PASSWORD,
    protect: 'all',
    tls: certificate,
  });
  appGit = await startHttpGitServer({
    projectRoot: scratch.root,
    username: 'x-access-token',
    password: APP_TOKEN,
    protect: 'all',
    tls: certificate,
  });
  appKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({
    type: 'pkcs1',
    format: 'pem',
  }) as string;
  githubApi = await startGithubAppServer({
    tls: certificate,
    appId: APP_ID,
    installationId: INSTALLATION_ID,
    appPrivateKey: appKey,
    token: APP_TOKEN,
  });
  if (!sshdUnavailable()) ssh = await startSshGitServer(scratch.root);
  ({ engine, client } = testEngine(scratch.root, join(scratch.root, 'no-workspace'), {
    kubeconfig: join(scratch.root, 'no-kubeconfig'),
    secrets,
    renderOnStart: false,
  }));
}, 60_000);

afterAll(async () => {
  await engine?.close();
  await Promise.all([https?.close(), appGit?.close(), githubApi?.close(), ssh?.close()]);
  await scratch?.remove();
});

describe('git over https with a CA the user trusts', () => {
  it('fails on the certificate until its CA is added for the host, then reads the repository', async () => {
    const url = https.url('private.git');
    const events: unknown[] = [];
    const stop = client.subscribe((event) => {
      if (event.event === 'repos.changed') events.push(event.payload);
    });
    const { repository } = await client.call('repos.add', {
      definition: { url, credentials: { username: USERNAME, password: PASSWORD } },
    });
    expect(repository).toMatchObject({
      kind: 'repository',
      type: 'git',
      username: USERNAME,
      hasPassword: true,
    });
    expect(JSON.stringify(repository)).not.toContain(PASSWORD);

    const untrusted = await client.call('repos.test', { url });
    expect(untrusted).toMatchObject({ ok: false, problem: 'tls' });

    await client.call('repos.setCertificates', { host: '127.0.0.1', pem: certificate.cert });
    expect(await client.call('repos.test', { url })).toMatchObject({ ok: true, problem: null });
    stop();
    expect(events.length).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(events)).not.toContain(PASSWORD);
  });

  it('says auth for a wrong password and not-found for a missing repository, quoting no secret', async () => {
    const url = https.url('private.git');
    await client.call('repos.add', {
      definition: { url, credentials: { username: USERNAME, password: 'wrong-password-d41c' } },
      upsert: true,
    });
    const wrong = await client.call('repos.test', { url });
    expect(wrong).toMatchObject({ ok: false, problem: 'auth' });
    expect(wrong.message).not.toContain('wrong-password-d41c');

    const missing = https.url('missing.git');
    await client.call('repos.add', {
      definition: { url: missing, credentials: { username: USERNAME, password: PASSWORD } },
    });
    expect(await client.call('repos.test', { url: missing })).toMatchObject({
      ok: false,
      problem: 'not-found',
    });
    await client.call('repos.add', {
      definition: { url, credentials: { username: USERNAME, password: PASSWORD } },
      upsert: true,
    });
  });

  it('says unreachable for a port nobody listens on', async () => {
    const url = 'https://127.0.0.1:9/nobody.git';
    await client.call('repos.add', { definition: { url } });
    expect(await client.call('repos.test', { url })).toMatchObject({ ok: false, problem: 'unreachable' });
  });

  it('gives a repository without its own credentials those of the longest matching template', async () => {
    const base = https.url('');
    await client.call('repos.add', {
      definition: { kind: 'template', url: base, credentials: { username: USERNAME, password: PASSWORD } },
    });
    // the repository's own credentials first; once they are gone, the template's
    expect(await client.call('repos.test', { url: https.url('private.git') })).toMatchObject({ ok: true });
    await client.call('repos.remove', { url: https.url('private.git') });
    expect(await client.call('repos.test', { url: https.url('private.git') })).toMatchObject({ ok: true });
    await client.call('repos.remove', { url: base, kind: 'template' });
    expect(await client.call('repos.test', { url: https.url('private.git') })).toMatchObject({
      ok: false,
      problem: 'auth',
    });
  });
});

describe('GitHub App', () => {
  it('exchanges a signed JWT for an installation token and reads with x-access-token', async () => {
    const url = appGit.url('private.git');
    await client.call('repos.add', {
      definition: {
        url,
        credentials: {
          githubAppId: APP_ID,
          githubAppInstallationId: INSTALLATION_ID,
          githubAppPrivateKey: appKey,
          githubAppEnterpriseBaseUrl: githubApi.url,
        },
      },
    });
    expect(await client.call('repos.test', { url })).toMatchObject({ ok: true });
    expect(await client.call('repos.test', { url })).toMatchObject({ ok: true });
    // the token is kept until shortly before it expires: one exchange for both
    expect(githubApi.exchanges).toEqual([INSTALLATION_ID]);
  });

  it('says auth when the API refuses the app (a key that is not the app’s)', async () => {
    const url = appGit.url('private.git').replace('private', 'other');
    const otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({
      type: 'pkcs1',
      format: 'pem',
    }) as string;
    await client.call('repos.add', {
      definition: {
        url,
        credentials: {
          githubAppId: APP_ID,
          githubAppInstallationId: INSTALLATION_ID,
          githubAppPrivateKey: otherKey,
          githubAppEnterpriseBaseUrl: githubApi.url,
        },
      },
    });
    const result = await client.call('repos.test', { url });
    expect(result, result.message).toMatchObject({ ok: false, problem: 'auth' });
    expect(result.message).not.toContain('PRIVATE KEY');
  });
});

describe.skipIf(sshdUnavailable() !== null)('git over ssh with the known hosts the user manages', () => {
  it('refuses an unknown host key, then reads once the key is known', async () => {
    const server = ssh as SshGitServer;
    const url = server.url(join(scratch.root, 'private.git'));
    await client.call('repos.add', { definition: { url, credentials: { sshPrivateKey: server.clientKey } } });
    const unknown = await client.call('repos.test', { url });
    expect(unknown).toMatchObject({ ok: false, problem: 'host-key' });
    expect(unknown.message).toContain('host key');

    expect(await client.call('repos.addKnownHosts', { text: `${server.knownHostsLine}\n` })).toEqual({
      added: 1,
    });
    expect(await client.call('repos.test', { url })).toMatchObject({ ok: true });
  });

  it('refuses a changed host key, and skips the check only for an insecure repository', async () => {
    const server = ssh as SshGitServer;
    const url = server.url(join(scratch.root, 'private.git'));
    const [hosts, type] = server.knownHostsLine.split(' ');
    const otherKey = 'AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl';
    await client.call('repos.removeKnownHosts', { host: hosts ?? '' });
    await client.call('repos.addKnownHosts', { text: `${hosts} ${type} ${otherKey}\n` });
    expect(await client.call('repos.test', { url })).toMatchObject({ ok: false, problem: 'host-key' });
    await client.call('repos.add', {
      definition: { url, insecure: true, credentials: { sshPrivateKey: server.clientKey } },
      upsert: true,
    });
    expect(await client.call('repos.test', { url })).toMatchObject({ ok: true });
  });

  it('says auth for a key the server does not accept', async () => {
    const server = ssh as SshGitServer;
    const url = server.url(join(scratch.root, 'private.git'));
    const stranger = generateKeyPairSync('ed25519').privateKey.export({
      type: 'pkcs8',
      format: 'pem',
    }) as string;
    await client.call('repos.add', {
      definition: { url, insecure: true, credentials: { sshPrivateKey: stranger } },
      upsert: true,
    });
    expect(await client.call('repos.test', { url })).toMatchObject({ ok: false, problem: 'auth' });
  });
});

describe("importing Argo CD's repository Secrets", () => {
  it('adds repositories and templates from YAML, skipping other Secrets with the reason', async () => {
    const encode = (text: string) => Buffer.from(text).toString('base64');
    const yaml = [
      'apiVersion: v1',
      'kind: Secret',
      'metadata:',
      '  name: private-repo',
      '  namespace: argocd',
      '  labels: {argocd.argoproj.io/secret-type: repository}',
      'data:',
      `  url: ${encode(https.url('imported.git'))}`,
      `  password: ${encode('imported-password-9a1f')}`,
      'stringData:',
      `  username: ${USERNAME}`,
      '  project: team-a',
      '---',
      'apiVersion: v1',
      'kind: Secret',
      'metadata:',
      '  name: org-creds',
      '  labels: {argocd.argoproj.io/secret-type: repo-creds}',
      'stringData:',
      '  url: https://git.example.test/org',
      '  type: git',
      '  sshPrivateKey: not-really-a-key',
      '---',
      'apiVersion: v1',
      'kind: Secret',
      'metadata:',
      '  name: a-cluster',
      '  labels: {argocd.argoproj.io/secret-type: cluster}',
      'stringData: {server: "https://k8s.example.test"}',
    ].join('\n');
    const result = await client.call('repos.import', { yaml, source: 'argocd-repos.yaml' });
    expect(result.imported).toEqual([
      { secret: 'argocd/private-repo', url: https.url('imported.git'), kind: 'repository' },
      { secret: 'default/org-creds', url: 'https://git.example.test/org', kind: 'template' },
    ]);
    expect(result.skipped).toEqual([
      { secret: 'default/a-cluster', reason: 'secret-type "cluster" is not repository or repo-creds' },
    ]);
    const { repositories } = await client.call('repos.list', {});
    expect(repositories.find((entry) => entry.url === https.url('imported.git'))).toMatchObject({
      username: USERNAME,
      hasPassword: true,
      project: 'team-a',
      importedFrom: 'file argocd-repos.yaml',
    });
    expect(await secrets.get(`repo:${https.url('imported')}`)).toContain('imported-password-9a1f');
  });
});

describe('what lands on disk', () => {
  it('keeps no credential in the data folder', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else files.push(path);
      }
    };
    walk(join(scratch.root, 'data'));
    expect(files.some((file) => file.endsWith('repositories.json'))).toBe(true);
    for (const file of files) {
      const text = readFileSync(file, 'latin1');
      for (const secret of [PASSWORD, APP_TOKEN, 'imported-password-9a1f', 'PRIVATE KEY'])
        expect(text, `${file} holds a secret`).not.toContain(secret);
    }
  });
});

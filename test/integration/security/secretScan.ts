// The secret scan, shared by its two runs (without a cluster, and against the test cluster, where
// the application of the URL's credentials is synced so history and operation state are written):
// unique credentials are planted everywhere a user keeps them — in repository URLs (plain,
// percent-encoded, a token as user name, ssh, a Helm repository), in the kubeconfig (a token, a
// client key), in the OS keychain (a real gnome-keyring) — and a git server echoes the
// Authorization header it gets back to git as `remote:` lines. The engine is then driven through
// the contract (in-process and over the headless host's WebSocket) and the CLI (see
// secretScanProbe.ts), and every file written in the data folder, every line of the host's and
// the CLI's output, and every contract answer, error and event is searched for each credential in
// every encoding.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { expect } from 'vitest';
import { repoCredentialsAccount } from '../../../engine/secrets/repoCredentials.ts';
import { startEchoingGitServer, startHttpGitServer } from '../../support/httpGitServer.ts';
import { selfSignedCertificate } from '../../support/selfSignedCertificate.ts';
import { encodings, filesUnder, type Planted } from '../../support/credentialLeaks.ts';
import { tempDir } from '../../support/tempDir.ts';
import { remoteWith, writeApplication } from '../../support/workspaceFixtures.ts';
import { inKeyring, keyringEnv, keyringUnavailableReason, nodeWithTsx } from '../keychain/keyringSession.ts';
import type { ScanProbeConfig, ScanProbeResult } from './secretScanProbe.ts';

/** Why the scan cannot run here (no D-Bus or gnome-keyring), or null. */
export const scanUnavailable = keyringUnavailableReason();

/** A real cluster to sync to, and the credentials of its kubeconfig (planted too). */
export interface ScanCluster {
  kubeconfig: string;
  context: string;
  namespace: string;
  credentials: Planted[];
}

export interface ScanOutcome {
  /** Each credential found: which, in which encoding, where. */
  leaks: string[];
  /** How many files, outputs, answers and events were searched. */
  places: number;
  /** Everything the probe captured, for the checks of one run. */
  result: ScanProbeResult;
}

const probe = fileURLToPath(new URL('./secretScanProbe.ts', import.meta.url));
const unique = (label: string) => `${label}-${randomBytes(6).toString('hex')}`;

export type { Planted };

/** The probe in a D-Bus session with gnome-keyring; it drives many processes, so it has minutes. */
function runProbe(
  home: string,
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const [session, sessionArgs] = inKeyring(...nodeWithTsx(probe));
  // its own process group: a probe past its time goes with everything it started
  const child = spawn(session, sessionArgs, {
    env: { ...process.env, ...keyringEnv(home), ...env },
    detached: true,
  });
  const timer = setTimeout(() => child.pid && process.kill(-child.pid, 'SIGKILL'), 540_000);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    // SCAN_PROBE_DEBUG=1 shows where the probe is while it runs
    if (process.env.SCAN_PROBE_DEBUG) process.stderr.write(chunk);
  });
  return new Promise((resolve) =>
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    }),
  );
}

export async function secretScan(cluster?: ScanCluster): Promise<ScanOutcome> {
  const root = tempDir('plumbline-secret-scan-');
  const dataDir = join(root, 'data');
  const workspace = join(root, 'workspace');
  const configMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'scan' }, data: { a: 'b' } };
  await remoteWith(root, 'good.git', { 'app/cm.yaml': stringify(configMap) });

  const urlLogin = { user: unique('scan-user'), secret: unique('scan-pass') };
  const encodedLogin = { user: unique('scan-user'), secret: `${unique('scan/p@ss')}:x y` };
  const token = { secret: unique('scantoken') };
  const keychainLogin = { user: unique('keychain-user'), secret: unique('keychain-pass') };
  const helmLogin = { user: unique('helm-user'), secret: unique('helm-pass') };
  const sshLogin = { user: unique('ssh-user'), secret: unique('ssh-pass') };
  const kubeToken = { secret: unique('kube-token') };
  // stored through repos.add and repos.import (a template, an ssh key, a GitHub App, an import)
  const templateLogin = { user: unique('template-user'), secret: unique('template-pass') };
  const importLogin = { user: unique('import-user'), secret: unique('import-pass') };
  const repoSshKey = { secret: unique('repo-ssh-key') };
  const githubAppKey = { secret: unique('github-app-key') };
  const tlsClientKey = { secret: unique('tls-client-key') };
  // a real client key and certificate, as kubectl's files hold them
  const { key, cert } = selfSignedCertificate('scan');
  const keyData = Buffer.from(key).toString('base64');

  const protectedServer = await startHttpGitServer({
    projectRoot: root,
    username: urlLogin.user,
    password: urlLogin.secret,
    protect: 'all',
  });
  const echoServer = await startEchoingGitServer(root);
  const withLogin = (url: string, login: { user?: string; secret: string }) =>
    url.replace(
      'http://',
      `http://${login.user ? `${encodeURIComponent(login.user)}:` : ''}${encodeURIComponent(login.secret)}@`,
    );

  const keychainRepo = echoServer.url('keychain.git');
  const apps: Record<string, Record<string, unknown>> = {
    'url-creds': { repoURL: withLogin(protectedServer.url('good.git'), urlLogin), path: 'app' },
    'echo-encoded': { repoURL: withLogin(echoServer.url('good.git'), encodedLogin), path: 'app' },
    'echo-token': { repoURL: withLogin(echoServer.url('token.git'), token), path: 'app' },
    'echo-keychain': { repoURL: keychainRepo, path: 'app' },
    'helm-creds': {
      repoURL: withLogin(echoServer.url('charts'), { user: helmLogin.user, secret: helmLogin.secret }),
      chart: 'demo',
      targetRevision: '1.0.0',
    },
    'ssh-creds': {
      repoURL: `ssh://${sshLogin.user}:${sshLogin.secret}@127.0.0.1:1/app.git`,
      path: 'app',
    },
  };
  for (const [name, source] of Object.entries(apps)) {
    // with a cluster, the application of the URL's credentials is synced there for real
    const real = name === 'url-creds' && cluster;
    await writeApplication(workspace, name, {
      source,
      destination: real
        ? { name: cluster.context, namespace: cluster.namespace }
        : { name: name === 'url-creds' ? 'scan-token' : 'scan-key', namespace: 'scan' },
      ...(real ? { syncPolicy: { syncOptions: ['CreateNamespace=true'] } } : {}),
    });
  }
  // Nothing listens on port 1: the clusters are unreachable, their credentials still loaded.
  const kubeconfig = join(root, 'kubeconfig');
  const unreachable = (name: string) => ({ name, cluster: { server: 'https://127.0.0.1:1' } });
  writeFileSync(
    kubeconfig,
    stringify({
      apiVersion: 'v1',
      kind: 'Config',
      'current-context': 'scan-token',
      clusters: [unreachable('scan-token'), unreachable('scan-key')],
      users: [
        { name: 'token-user', user: { token: kubeToken.secret } },
        {
          name: 'key-user',
          user: {
            'client-certificate-data': Buffer.from(cert).toString('base64'),
            'client-key-data': keyData,
          },
        },
      ],
      contexts: [
        { name: 'scan-token', context: { cluster: 'scan-token', user: 'token-user' } },
        { name: 'scan-key', context: { cluster: 'scan-key', user: 'key-user' } },
      ],
    }),
  );

  const config: ScanProbeConfig = {
    env: {
      PLUMBLINE_DATA_DIR: dataDir,
      PLUMBLINE_WORKSPACE: workspace,
      KUBECONFIG: cluster ? `${kubeconfig}:${cluster.kubeconfig}` : kubeconfig,
    },
    dataDir,
    apps: Object.keys(apps),
    syncApp: 'url-creds',
    keychain: {
      [repoCredentialsAccount(keychainRepo)]: JSON.stringify({
        username: keychainLogin.user,
        password: keychainLogin.secret,
      }),
    },
    renderRepo: { url: withLogin(protectedServer.url('good.git'), urlLogin), path: 'app' },
    repos: {
      add: [
        {
          kind: 'template',
          url: echoServer.url('templated'),
          credentials: { username: templateLogin.user, password: templateLogin.secret },
        },
        { url: 'ssh://git@127.0.0.1:1/scan.git', credentials: { sshPrivateKey: repoSshKey.secret } },
        {
          url: echoServer.url('app.git'),
          credentials: {
            githubAppId: '1',
            githubAppInstallationId: '2',
            githubAppPrivateKey: githubAppKey.secret,
            githubAppEnterpriseBaseUrl: 'https://127.0.0.1:1/api/v3',
            tlsClientCertData: cert,
            tlsClientCertKey: tlsClientKey.secret,
          },
        },
      ],
      importYaml: stringify({
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 'scan', labels: { 'argocd.argoproj.io/secret-type': 'repository' } },
        stringData: {
          url: echoServer.url('imported.git'),
          username: importLogin.user,
          password: importLogin.secret,
        },
      }),
      test: [
        echoServer.url('templated/repo.git'),
        echoServer.url('imported.git'),
        echoServer.url('app.git'),
        'ssh://git@127.0.0.1:1/scan.git',
      ],
    },
  };
  const home = join(root, 'home');
  mkdirSync(home);
  const run = await runProbe(home, { SCAN_PROBE: JSON.stringify(config) }).finally(async () => {
    await protectedServer.close();
    await echoServer.close();
  });
  expect(run.code, run.stderr).toBe(0);
  const result = JSON.parse(run.stdout) as ScanProbeResult;
  if (process.env.SCAN_PROBE_DEBUG) writeFileSync(join(root, 'probe-result.json'), run.stdout);

  // The scan saw real work: git fetched with the URL's credentials, and the echoing server got
  // (and sent back) the URL's, the token's and the keychain's.
  const summaries = result.summaries as {
    apps: Array<{ name: string; phase: string; conditions: unknown }>;
  };
  const fetched = summaries.apps.find((app) => app.name === 'url-creds');
  expect(fetched?.phase, JSON.stringify(fetched?.conditions)).toBe('rendered');
  const basic = (user: string, secret: string) =>
    `Basic ${Buffer.from(`${user}:${secret}`).toString('base64')}`;
  expect(echoServer.authorizations).toContain(basic(encodedLogin.user, encodedLogin.secret));
  expect(echoServer.authorizations).toContain(basic(keychainLogin.user, keychainLogin.secret));
  expect(
    echoServer.authorizations.some((header) =>
      header.includes(Buffer.from(token.secret).toString('base64').slice(0, 12)),
    ),
  ).toBe(true);
  expect(result.captured.some(({ text }) => text.includes('you sent Authorization'))).toBe(true);
  // repos.test reached the server with the template's and the import's credentials
  expect(echoServer.authorizations).toContain(basic(templateLogin.user, templateLogin.secret));
  expect(echoServer.authorizations).toContain(basic(importLogin.user, importLogin.secret));

  const planted: Planted[] = [
    ...(cluster?.credentials ?? []),
    { what: 'password in a URL', ...urlLogin },
    { what: 'percent-encoded password in a URL', ...encodedLogin },
    { what: 'token as the user name of a URL', ...token },
    { what: 'keychain password', ...keychainLogin },
    { what: 'Helm repository password', ...helmLogin },
    { what: 'ssh URL password', ...sshLogin },
    { what: 'kubeconfig token', ...kubeToken },
    { what: 'credential template password (repos.add)', ...templateLogin },
    { what: 'imported repository Secret password (repos.import)', ...importLogin },
    { what: 'repository ssh key (repos.add)', ...repoSshKey },
    { what: 'GitHub App private key (repos.add)', ...githubAppKey },
    { what: 'TLS client key (repos.add)', ...tlsClientKey },
    { what: 'kubeconfig client-key-data', secret: keyData },
    ...key
      .split('\n')
      .filter((line) => line.length >= 16 && !line.startsWith('-----'))
      .map((line) => ({ what: 'a line of the kubeconfig client key', secret: line })),
  ];
  const users = [urlLogin, encodedLogin, keychainLogin, helmLogin, sshLogin].map(({ user }) => user);
  const places: Array<[string, string]> = [
    ...filesUnder(dataDir),
    ...result.captured.map(({ from, text }): [string, string] => [from, text]),
    ['probe stderr', run.stderr],
  ];
  const leaks: string[] = [];
  for (const [where, text] of places) {
    for (const credential of planted)
      for (const form of encodings(credential))
        if (text.includes(form)) leaks.push(`${credential.what} as ${form} in ${where}`);
    for (const user of users) if (text.includes(user)) leaks.push(`user name ${user} in ${where}`);
  }
  return { leaks, places: places.length, result };
}

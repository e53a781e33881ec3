// Registered clusters through the contract, against the real test clusters: imported from a
// kubeconfig made of two files, an application deploying to one by name after those files are
// gone; the wizard's permission check naming what the restricted user lacks; Plumbline's own
// service account giving a working token that never leaves the engine; a wrong token and an
// unknown CA explained in plain words. No contract answer carries a token.
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { PlumblineClient } from '../../../engine/api/client.ts';
import type { AppSummary, CallInput, CallName, CallOutput } from '../../../engine/api/contract.ts';
import { sendKubeRequest } from '../../../engine/cluster/kubeHttp.ts';
import { createEngine, inProcessClient, type Engine } from '../../../engine/index.ts';
import { memorySecretStore } from '../../../engine/secrets/secretStore.ts';
import {
  testClusterAddress,
  testClusterTokens,
  testKubeconfig,
  writeSplitKubeconfig,
} from '../../support/clusterFixtures.ts';
import { tempDir } from '../../support/tempDir.ts';
import { remoteWith, writeApplication } from '../../support/workspaceFixtures.ts';
import { connect, testNamespace, until } from '../live/liveTestKit.ts';

const root = tempDir();
const namespace = testNamespace('registered');
const secrets = memorySecretStore();
const serviceAccountName = `plumbline-wizard-${randomBytes(3).toString('hex')}`;
const answers: string[] = [];
const tokens = testClusterTokens();
let engine: Engine;
let client: PlumblineClient;
let kubeconfigFiles: string[];

/** Every answer is kept, to prove at the end that none carries a token. */
async function call<N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>> {
  const output = await client.call(name, input);
  answers.push(JSON.stringify(output));
  return output;
}

const fromText = (context: string) =>
  ({ source: 'kubeconfig', kubeconfig: testKubeconfig().text, context }) as const;

async function app(name: string): Promise<AppSummary> {
  return (await call('apps.get', { name })).app;
}

beforeAll(async () => {
  const configMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' }, data: { a: '1' } };
  const { remote } = await remoteWith(
    root,
    'config.git',
    { 'app/configmap.yaml': stringify(configMap) },
    'one config map',
  );
  const workspace = join(root, 'workspace');
  await writeApplication(workspace, 'registered', {
    source: { repoURL: remote.bare, path: 'app' },
    destination: { name: 'reg-a', namespace },
  });
  kubeconfigFiles = writeSplitKubeconfig(root);
  engine = createEngine({
    dataDir: join(root, 'data'),
    env: { PATH: process.env.PATH, KUBECONFIG: kubeconfigFiles.join(':'), PLUMBLINE_WORKSPACE: workspace },
    homeDir: root,
    secrets,
  });
  client = inProcessClient(engine);
}, 60_000);

afterAll(async () => {
  await engine?.close();
  const admin = connect('plumbline-a').kubeConfig;
  const rbac = '/apis/rbac.authorization.k8s.io/v1';
  for (const path of [
    `/api/v1/namespaces/kube-system/serviceaccounts/${serviceAccountName}`,
    `/api/v1/namespaces/kube-system/secrets/${serviceAccountName}-token`,
    `${rbac}/namespaces/team-a/roles/${serviceAccountName}`,
    `${rbac}/namespaces/team-a/rolebindings/${serviceAccountName}`,
  ])
    await sendKubeRequest(admin, { method: 'DELETE', path, idleTimeoutMs: 30_000, what: path }).catch(
      () => undefined,
    );
});

describe('registered clusters through the contract', () => {
  it('says what an unknown destination name is before the cluster is registered', async () => {
    const summary = await until('rendered', async () => {
      const current = await app('registered');
      return current.phase !== 'fetching' && current.conditions.length > 0 && current;
    });
    expect(summary.conditions.map((c) => c.message)).toContain(
      'destination cluster reg-a is neither a registered cluster nor a context of your kubeconfig',
    );
  });

  it('imports a context whose cluster and user live in two kubeconfig files', async () => {
    const candidate = { source: 'context', context: 'plumbline-a' } as const;
    const test = await call('clusters.testConnection', { candidate });
    expect(test).toMatchObject({ reachable: true, authenticated: true, problem: null });
    expect(test.serverVersion).toMatch(/^v1\.\d+/);
    const { cluster } = await call('clusters.register', {
      candidate,
      name: 'reg-a',
      labels: { env: 'test' },
      namespaces: [namespace],
    });
    expect(cluster).toMatchObject({
      name: 'reg-a',
      key: 'registered:reg-a',
      labels: { env: 'test' },
      namespaces: [namespace],
      authKind: 'token',
      importedFrom: 'plumbline-a',
    });
    expect(JSON.parse((await secrets.get('cluster:reg-a'))!)).toEqual({ token: testClusterTokens()[0] });
  });

  it('deploys and compares an application on the registered cluster after the kubeconfig is gone', async () => {
    for (const file of kubeconfigFiles) await rm(file);
    const outOfSync = await until('compared', async () => {
      const current = await app('registered');
      return current.sync.status === 'OutOfSync' && current;
    });
    expect(outOfSync.conditions).toEqual([]);
    const { operation } = await call('apps.sync', { name: 'registered' });
    expect(operation.phase).toBe('Succeeded');
    await until('synced', async () => (await app('registered')).sync.status === 'Synced');
    const { states } = await call('clusters.states', {});
    expect(states.find((s) => s.context === 'registered:reg-a')?.state).toBe('connected');
  });

  it("names the restricted user's missing rights", async () => {
    const candidate = fromText('plumbline-a-restricted');
    expect((await call('clusters.testConnection', { candidate })).authenticated).toBe(true);
    const report = await call('clusters.checkPermissions', { candidate, namespaces: ['team-a', 'team-b'] });
    expect(report.ok).toBe(false);
    // Managed in namespaces only, it needs nothing cluster-wide: checked, but not missing.
    expect(report.missing).toEqual(['cannot get, list, watch, create, patch, delete in namespace team-b']);
    expect(report.checks.filter((c) => c.namespace === null).every((c) => !c.allowed)).toBe(true);
    expect(report.checks.filter((c) => c.namespace === 'team-a').every((c) => c.allowed)).toBe(true);
  });

  it("creates Plumbline's service account, whose token works and stays in the engine", async () => {
    const created = await call('clusters.createServiceAccount', {
      candidate: fromText('plumbline-a'),
      namespaces: ['team-a'],
      serviceAccountName,
    });
    expect(created.serviceAccount).toBe(`kube-system/${serviceAccountName}`);
    expect(created.candidate.source).toBe('serviceAccount');
    const { candidate } = created;
    expect(await call('clusters.testConnection', { candidate })).toMatchObject({ authenticated: true });
    expect((await call('clusters.checkPermissions', { candidate, namespaces: ['team-a'] })).ok).toBe(true);
    const { cluster } = await call('clusters.register', {
      candidate,
      name: 'reg-sa',
      namespaces: ['team-a'],
    });
    expect(cluster.annotations['plumbline.dev/service-account']).toBe(`kube-system/${serviceAccountName}`);
    const { token } = JSON.parse((await secrets.get('cluster:reg-sa'))!) as { token: string };
    expect(token).toMatch(/^eyJ/);
    tokens.push(token);
    // Once registered, the id is spent: the token lives in the keychain only.
    await expect(call('clusters.register', { candidate, name: 'reg-sa-again' })).rejects.toThrow(/forgotten/);
  });

  it('explains a wrong token and an unknown CA in plain words', async () => {
    const address = testClusterAddress('plumbline-a');
    const wrong = await call('clusters.testConnection', {
      candidate: { source: 'token', ...address, token: 'not-a-real-token' },
    });
    expect(wrong).toMatchObject({
      reachable: true,
      authenticated: false,
      problem: 'the token was refused (401): it may be expired or wrong',
    });
    const unknownCa = await call('clusters.testConnection', {
      candidate: { source: 'token', server: address.server, token: testClusterTokens()[0]! },
    });
    expect(unknownCa.problem).toMatch(/signed by an unknown certificate authority \(CA\)/);
  });

  it('reconnects a cluster whose token went stale, keeping its name and namespaces', async () => {
    const address = testClusterAddress('plumbline-a');
    await call('clusters.register', {
      candidate: { source: 'token', ...address, token: 'stale-token-0000' },
      name: 'reg-stale',
      namespaces: ['team-a'],
      labels: { team: 'a' },
    });
    const refused = await call('clusters.testConnection', {
      candidate: { source: 'token', ...address, token: 'stale-token-0000' },
    });
    expect(refused.authenticated).toBe(false);
    const { cluster } = await call('clusters.reconnect', {
      name: 'reg-stale',
      candidate: fromText('plumbline-a-restricted'),
    });
    expect(cluster).toMatchObject({
      name: 'reg-stale',
      namespaces: ['team-a'],
      labels: { team: 'a' },
      importedFrom: 'plumbline-a-restricted',
    });
    const { token } = JSON.parse((await secrets.get('cluster:reg-stale'))!) as { token: string };
    expect(tokens).toContain(token);
    await expect(
      call('clusters.reconnect', { name: 'reg-nowhere', candidate: fromText('plumbline-a') }),
    ).rejects.toThrow(/no cluster named reg-nowhere/);
    expect(await call('clusters.remove', { name: 'reg-stale' })).toEqual({ removed: true });
  });

  it('edits and removes a cluster, with its keychain entry', async () => {
    const { cluster } = await call('clusters.update', {
      name: 'reg-sa',
      newName: 'reg-team',
      labels: { a: 'b' },
    });
    expect(cluster).toMatchObject({ name: 'reg-team', labels: { a: 'b' } });
    expect(await secrets.get('cluster:reg-sa')).toBeNull();
    expect(await secrets.get('cluster:reg-team')).not.toBeNull();
    expect(await call('clusters.remove', { name: 'reg-team' })).toEqual({ removed: true });
    expect(await secrets.get('cluster:reg-team')).toBeNull();
    const { clusters } = await call('clusters.registered', {});
    expect(clusters.map((c) => c.name)).toEqual(['reg-a']);
  });

  it('never answered with a token', () => {
    for (const token of tokens) for (const answer of answers) expect(answer).not.toContain(token);
  });
});

// The #15 options through the whole engine, as a user writes them in an Application: the
// compare-options annotation choosing the diff (ServerSideDiff=false sees the Service's empty
// clusterIP as a difference, ServerSideDiff=true does not), managedNamespaceMetadata on the
// namespace CreateNamespace=true makes, and RespectIgnoreDifferences keeping a scaled Deployment.
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { PlumblineClient } from '../../../engine/api/client.ts';
import type { Engine } from '../../../engine/index.ts';
import { tempDir } from '../../support/tempDir.ts';
import { testEngine } from '../../support/testEngine.ts';
import { remoteWith } from '../../support/workspaceFixtures.ts';
import { clientsOf, connect, testNamespace, until } from '../live/liveTestKit.ts';
import { deploymentObject } from './syncTestKit.ts';

const root = tempDir();
const ns = testNamespace('app-options');
const created = `app-options-new-${randomBytes(3).toString('hex')}`;
const workspace = join(root, 'workspace');
const { core, apps } = clientsOf(connect('plumbline-a'));
let engine: Engine;
let client: PlumblineClient;

const service = (name: string, namespace: string) => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, namespace },
  spec: { clusterIP: '', selector: { app: name }, ports: [{ port: 80, targetPort: 8080 }] },
});

async function writeApp(name: string, spec: Record<string, unknown>, compareOptions?: string) {
  const annotations = compareOptions ? { 'argocd.argoproj.io/compare-options': compareOptions } : undefined;
  const app = {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name, annotations },
    spec,
  };
  await writeFile(join(workspace, `${name}.yaml`), stringify(app));
}

const status = async (name: string) => (await client.call('apps.get', { name })).app.sync.status;

async function synced(name: string) {
  await until(
    `${name} rendered`,
    async () => (await client.call('apps.get', { name })).app.phase === 'rendered',
  );
  const { operation } = await client.call('apps.sync', { name });
  expect(operation.phase, operation.message).toBe('Succeeded');
}

beforeAll(async () => {
  const { remote } = await remoteWith(
    root,
    'options.git',
    {
      'legacy/svc.yaml': stringify(service('legacy', created)),
      'server/svc.yaml': stringify(service('server', ns)),
      'scaled/deploy.yaml': stringify(deploymentObject('scaled', ns)),
    },
    'a Service twice and a Deployment',
  );
  const source = (path: string) => ({ repoURL: remote.bare, path });
  await mkdir(workspace, { recursive: true });
  await writeApp(
    'legacy',
    {
      project: 'default',
      source: source('legacy'),
      destination: { name: 'plumbline-a', namespace: created },
      syncPolicy: {
        syncOptions: ['CreateNamespace=true'],
        managedNamespaceMetadata: { labels: { team: 'shop' }, annotations: { owner: 'ops' } },
      },
    },
    'ServerSideDiff=false',
  );
  await writeApp(
    'server',
    { project: 'default', source: source('server'), destination: { name: 'plumbline-a', namespace: ns } },
    'ServerSideDiff=true,IncludeMutationWebhook=false',
  );
  await writeApp('scaled', {
    project: 'default',
    source: source('scaled'),
    destination: { name: 'plumbline-a', namespace: ns },
    ignoreDifferences: [{ group: 'apps', kind: 'Deployment', jsonPointers: ['/spec/replicas'] }],
    syncPolicy: { syncOptions: ['RespectIgnoreDifferences=true'] },
  });
  ({ engine, client } = testEngine(root, workspace));
}, 60_000);

afterAll(async () => {
  engine?.close();
  await core.deleteNamespace({ name: created }).catch(() => undefined);
});

describe('sync and compare options written in Applications', () => {
  it(
    'creates the namespace with managedNamespaceMetadata; the legacy diff flags the empty clusterIP',
    { timeout: 60_000 },
    async () => {
      await synced('legacy');
      const namespace = (await core.readNamespace({ name: created })).metadata;
      expect(namespace?.labels).toMatchObject({ team: 'shop' });
      expect(namespace?.annotations).toMatchObject({ owner: 'ops' });
      await until('legacy compared OutOfSync', async () => (await status('legacy')) === 'OutOfSync');
      const { resources } = await client.call('apps.diff', { name: 'legacy' });
      expect(resources.map((r) => [r.key.kind, r.status, r.changedPaths])).toEqual([
        ['Service', 'OutOfSync', ['/spec/clusterIP']],
      ]);
    },
  );

  it('ServerSideDiff=true finds the same Service in sync', { timeout: 60_000 }, async () => {
    await synced('server');
    await until('server compared Synced', async () => (await status('server')) === 'Synced');
  });

  it(
    'RespectIgnoreDifferences keeps a scaled Deployment at its live count, and it stays Synced',
    { timeout: 60_000 },
    async () => {
      await synced('scaled');
      await apps.patchNamespacedDeploymentScale({
        name: 'scaled',
        namespace: ns,
        body: [{ op: 'replace', path: '/spec/replicas', value: 4 }],
      });
      await synced('scaled');
      expect((await apps.readNamespacedDeployment({ name: 'scaled', namespace: ns })).spec?.replicas).toBe(4);
      await until('scaled compared Synced', async () => (await status('scaled')) === 'Synced');
    },
  );
});

// A jsonnet application on a real cluster: Argo CD's jsonnet-guestbook-tla example, from a
// local git repository, with top-level arguments as strings and as code (one naming the
// application through ${ARGOCD_APP_NAME}), renders, syncs and becomes Synced and Healthy, and
// what runs in the cluster is what the arguments said.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlumblineClient } from '../../../engine/api/client.ts';
import type { AppSummary } from '../../../engine/api/contract.ts';
import { type Engine } from '../../../engine/index.ts';
import { tempDir } from '../../support/tempDir.ts';
import { remoteWith, writeApplication } from '../../support/workspaceFixtures.ts';
import { testEngine } from '../../support/testEngine.ts';
import { clientsOf, connect, testNamespace, until } from '../live/liveTestKit.ts';

const EXAMPLE = new URL(
  '../../fixtures/jsonnet/argocd-example-apps/jsonnet-guestbook-tla/guestbook-ui.jsonnet',
  import.meta.url,
);

const root = tempDir();
const namespace = testNamespace('jsonnet');
const { core, apps } = clientsOf(connect('plumbline-a'));
const workspace = join(root, 'workspace');
// tracking ids name the application: a name of its own keeps earlier runs' objects out of it
const appName = `guestbook-${namespace.split('-').at(-1)}`;
let engine: Engine;
let client: PlumblineClient;

async function app(): Promise<AppSummary> {
  return (await client.call('apps.get', { name: appName })).app;
}

beforeAll(async () => {
  const { remote } = await remoteWith(root, 'jsonnet.git', {
    'guestbook/guestbook-ui.jsonnet': await readFile(EXAMPLE, 'utf8'),
  });
  await writeApplication(workspace, appName, {
    project: 'default',
    source: {
      repoURL: remote.bare,
      path: 'guestbook',
      directory: {
        jsonnet: {
          tlas: [
            { name: 'name', value: '${ARGOCD_APP_NAME}-ui' },
            { name: 'replicas', value: '1 + 1', code: true },
            // a LoadBalancer is never Healthy without a cloud to give it an address
            { name: 'type', value: 'ClusterIP' },
            { name: 'image', value: 'registry.invalid/guestbook:v5' },
          ],
        },
      },
    },
    destination: { name: 'plumbline-a', namespace },
  });
  ({ engine, client } = testEngine(root, workspace));
}, 60_000);

afterAll(async () => engine?.close());

describe('a jsonnet application with top-level arguments', () => {
  it('renders what Argo CD renders', async () => {
    await until('rendered', async () => (await app()).sync.status === 'OutOfSync');
    const { objects } = await client.call('apps.manifests', { name: appName });
    expect(objects.map((o) => `${String(o.kind)}/${String((o.metadata as { name: string }).name)}`)).toEqual([
      `Service/${appName}-ui`,
      `Deployment/${appName}-ui`,
    ]);
  });

  it('syncs and becomes Synced and Healthy, as the arguments said', async () => {
    const { operation } = await client.call('apps.sync', { name: appName });
    expect(operation.phase, operation.message).toBe('Succeeded');
    await until('synced and healthy', async () => {
      const summary = await app();
      return summary.sync.status === 'Synced' && summary.health.status === 'Healthy';
    });
    const deployment = await apps.readNamespacedDeployment({ name: `${appName}-ui`, namespace });
    expect(deployment.spec?.replicas).toBe(2);
    expect(deployment.spec?.template.spec?.containers[0]?.image).toBe('registry.invalid/guestbook:v5');
    const service = await core.readNamespacedService({ name: `${appName}-ui`, namespace });
    expect(service.spec?.type).toBe('ClusterIP');
  });
});

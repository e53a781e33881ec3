// An application whose manifests live in a git submodule, on a real cluster: the superproject
// pins the submodule at a commit its branch has since moved past; the application renders the
// pinned manifests, syncs and becomes Synced and Healthy, and what runs is the pinned version.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlumblineClient } from '../../../engine/api/client.ts';
import type { AppSummary } from '../../../engine/api/contract.ts';
import { type Engine } from '../../../engine/index.ts';
import { makeRemote } from '../../support/gitFixtures.ts';
import { commitPins, gitmodules } from '../../support/submoduleFixtures.ts';
import { tempDir } from '../../support/tempDir.ts';
import { testEngine } from '../../support/testEngine.ts';
import { writeApplication } from '../../support/workspaceFixtures.ts';
import { clientsOf, connect, testNamespace, until } from '../live/liveTestKit.ts';

const root = tempDir();
const namespace = testNamespace('submodule');
const { core } = clientsOf(connect('plumbline-a'));
const workspace = join(root, 'workspace');
const appName = `from-submodule-${namespace.split('-').at(-1)}`;
let engine: Engine;
let client: PlumblineClient;

const configMap = (version: string) =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  version: ${version}\n`;
const service = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n  - port: 80\n';

async function app(): Promise<AppSummary> {
  return (await client.call('apps.get', { name: appName })).app;
}

beforeAll(async () => {
  const sub = await makeRemote(root, 'manifests.git');
  const pinned = await sub.commit(
    { 'app/configmap.yaml': configMap('pinned'), 'app/service.yaml': service },
    'pinned',
  );
  await sub.commit({ 'app/configmap.yaml': configMap('later') }, 'later');
  await sub.push('main');
  const superproject = await makeRemote(root, 'platform.git');
  await commitPins(
    superproject,
    gitmodules({ manifests: { path: 'vendor/manifests', url: '../manifests.git' } }),
    [{ path: 'vendor/manifests', sha: pinned }],
    { 'README.md': 'the manifests are in a submodule\n' },
  );
  await superproject.push('main');
  await writeApplication(workspace, appName, {
    project: 'default',
    source: { repoURL: superproject.bare, path: 'vendor/manifests/app' },
    destination: { name: 'plumbline-a', namespace },
  });
  ({ engine, client } = testEngine(root, workspace));
}, 60_000);

afterAll(async () => engine?.close());

describe('an application whose manifests live in a submodule', () => {
  it('renders the manifests at the commit the superproject pins', async () => {
    await until('rendered', async () => (await app()).sync.status === 'OutOfSync');
    const { objects } = await client.call('apps.manifests', { name: appName });
    expect(
      objects.map((o) => `${String(o.kind)}/${String((o.metadata as { name: string }).name)}`).sort(),
    ).toEqual(['ConfigMap/settings', 'Service/web']);
  });

  it('syncs and becomes Synced and Healthy with the pinned version in the cluster', async () => {
    const { operation } = await client.call('apps.sync', { name: appName });
    expect(operation.phase, operation.message).toBe('Succeeded');
    await until('synced and healthy', async () => {
      const summary = await app();
      return summary.sync.status === 'Synced' && summary.health.status === 'Healthy';
    });
    const deployed = await core.readNamespacedConfigMap({ name: 'settings', namespace });
    expect(deployed.data?.version).toBe('pinned');
  });
});

// Applications written for Argo CD's own cluster (`in-cluster`, https://kubernetes.default.svc)
// ask which cluster plays that part, and follow the setting `inClusterDestination` as soon as it
// is set, in the view or in the file: no restart, no edit of the published definitions.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlumblineClient } from '../../../engine/api/client.ts';
import type { AppSummary } from '../../../engine/api/contract.ts';
import type { Engine } from '../../../engine/index.ts';
import { writeKubeconfig } from '../../support/kubeconfigFixture.ts';
import { tempDir } from '../../support/tempDir.ts';
import { testEngine } from '../../support/testEngine.ts';
import { applicationYaml, remoteWith } from '../../support/workspaceFixtures.ts';

const root = tempDir();
const workspace = join(root, 'workspace');
let engine: Engine;
let client: PlumblineClient;

const conditionTypes = (app: AppSummary | undefined) => app?.conditions.map((c) => c.type) ?? [];

async function appsWhere(test: (apps: AppSummary[]) => boolean): Promise<AppSummary[]> {
  let apps: AppSummary[] = [];
  await expect
    .poll(
      async () => {
        apps = (await client.call('apps.list')).apps;
        return test(apps);
      },
      { timeout: 30_000, interval: 100 },
    )
    .toBe(true);
  return apps;
}

beforeAll(async () => {
  const repo = await remoteWith(root, 'guestbook.git', {
    'app/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: guestbook}\n',
  });
  await mkdir(workspace, { recursive: true });
  const source = { repoURL: repo.remote.bare, path: 'app' };
  await writeFile(
    join(workspace, 'by-server.yaml'),
    applicationYaml('by-server', {
      source,
      destination: { server: 'https://kubernetes.default.svc', namespace: 'shop' },
    }),
  );
  await writeFile(
    join(workspace, 'by-name.yaml'),
    applicationYaml('by-name', { source, destination: { name: 'in-cluster', namespace: 'shop' } }),
  );
  const kubeconfig = writeKubeconfig(root, 'kubeconfig', [
    { name: 'dev', server: 'https://dev.example.test', user: 'u' },
  ]);
  ({ engine, client } = testEngine(root, workspace, { kubeconfig }));
});

afterAll(async () => {
  await engine?.close();
});

describe('the in-cluster destination', () => {
  it('asks for a cluster while none is chosen, naming the setting', async () => {
    const apps = await appsWhere(
      (list) =>
        list.length === 2 && list.every((app) => conditionTypes(app).includes('InClusterDestinationError')),
    );
    for (const app of apps)
      expect(app.conditions.find((c) => c.type === 'InClusterDestinationError')?.message).toMatch(
        /"the cluster Argo CD runs in".*setting inClusterDestination/,
      );
  });

  it('follows the chosen context at once, and asks again when the choice is removed', async () => {
    await client.call('settings.update', { inClusterDestination: 'dev' });
    await appsWhere(
      (list) =>
        list.length === 2 &&
        list.every(
          (app) => app.phase !== 'fetching' && !conditionTypes(app).includes('InClusterDestinationError'),
        ),
    );
    await client.call('settings.update', { inClusterDestination: null });
    await appsWhere((list) => list.every((app) => conditionTypes(app).includes('InClusterDestinationError')));
  });

  it('says so when the chosen cluster does not exist', async () => {
    await client.call('settings.update', { inClusterDestination: 'gone' });
    const apps = await appsWhere((list) =>
      list.every((app) =>
        app.conditions.some((c) => /inClusterDestination names gone, which is neither/.test(c.message)),
      ),
    );
    expect(apps).toHaveLength(2);
  });
});

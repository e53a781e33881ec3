// Argo CD's own action scripts (its resource_customizations catalogue, unchanged) on the test
// cluster: the Deployment's scale with a parameter and the CronJob's create-job, run through the
// contract with the user's credentials, as a team moving from Argo CD would run them.
import { join } from 'node:path';
import * as k8s from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { Engine } from '../../../engine/index.ts';
import { argoCdCatalogue } from '../../support/argoCdCatalogue.ts';
import { tempDir } from '../../support/tempDir.ts';
import { testEngine } from '../../support/testEngine.ts';
import { remoteWith, writeApplication } from '../../support/workspaceFixtures.ts';
import { clientsOf, connect, testNamespace, until } from '../live/liveTestKit.ts';
import { suspendedCronJob, workload } from './actionWorkloads.ts';

const root = tempDir();
const workspace = join(root, 'workspace');
const namespace = testNamespace('catalogue');
const admin = connect('plumbline-a');
const { apps } = clientsOf(admin);
const batch = admin.kubeConfig.makeApiClient(k8s.BatchV1Api);
let engine: Engine;

const call = <T = Record<string, unknown>>(name: string, input: object) =>
  engine.dispatch(name, input) as Promise<T>;

beforeAll(async () => {
  const files = {
    'app/web.yaml': stringify(workload('Deployment', 'web', namespace)),
    'app/report.yaml': stringify(suspendedCronJob('report', namespace)),
  };
  const { remote } = await remoteWith(root, 'config.git', files);
  await writeApplication(workspace, 'shop', {
    source: { repoURL: remote.bare, path: 'app' },
    destination: { name: 'plumbline-a', namespace },
  });
  ({ engine } = testEngine(root, workspace));
  await call('settings.update', { healthCustomizations: argoCdCatalogue() });
  const { operation } = await call<{ operation: { phase: string; message: string } }>('apps.sync', {
    name: 'shop',
  });
  expect(operation.phase, operation.message).toBe('Succeeded');
}, 180_000);

afterAll(async () => {
  await engine?.close();
});

describe("Argo CD's catalogue actions on the cluster", () => {
  it("offers the Deployment's catalogue actions and scales it with a parameter", async () => {
    const { actions } = await call<{ actions: Array<{ name: string; source: string }> }>(
      'resources.actions.list',
      { name: 'shop', resource: { group: 'apps', kind: 'Deployment', namespace, name: 'web' } },
    );
    expect(actions.filter((a) => a.source === 'lua').map((a) => a.name)).toEqual(
      expect.arrayContaining(['pause', 'restart', 'resume', 'scale']),
    );
    await call('resources.actions.run', {
      name: 'shop',
      resource: { group: 'apps', kind: 'Deployment', namespace, name: 'web' },
      action: 'scale',
      params: { replicas: '2' },
    });
    expect((await apps.readNamespacedDeployment({ name: 'web', namespace })).spec?.replicas).toBe(2);
  });

  it("creates a Job from the CronJob with the catalogue's create-job", async () => {
    await call('resources.actions.run', {
      name: 'shop',
      resource: { group: 'batch', kind: 'CronJob', namespace, name: 'report' },
      action: 'create-job',
    });
    const job = await until('the Job made from the CronJob', async () => {
      const { items } = await batch.listNamespacedJob({ namespace });
      return items.find((item) => item.metadata?.name?.startsWith('report-'));
    });
    expect(job.metadata?.ownerReferences?.[0]).toMatchObject({ kind: 'CronJob', name: 'report' });
  });
});

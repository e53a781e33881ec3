// Syncing an application through the contract and the CLI on a real cluster: a dry run changes
// nothing, a sync makes the application Synced and Healthy and records the last sync, the
// project's rules refuse a destination it does not allow, and prune removes what left git.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { PlumblineClient } from '../../../engine/api/client.ts';
import type { AppSummary } from '../../../engine/api/contract.ts';
import { type Engine } from '../../../engine/index.ts';
import { testKubeconfigPath } from '../../cluster/kubeconfig.ts';
import { runCli } from '../../support/cli.ts';
import type { Remote } from '../../support/gitFixtures.ts';
import { tempDir } from '../../support/tempDir.ts';
import { applicationYaml, remoteWith, writeApplication } from '../../support/workspaceFixtures.ts';
import { clientsOf, connect, testNamespace, until } from '../live/liveTestKit.ts';
import { testEngine } from '../../support/testEngine.ts';

const root = tempDir();
const namespace = testNamespace('sync');
const { core, apps } = clientsOf(connect('plumbline-a'));
const workspace = join(root, 'workspace');
// tracking ids name the application: a name of its own keeps earlier runs' objects out of it
const appName = `api-${namespace.split('-').at(-1)}`;
let remote: Remote;
let engine: Engine;
let client: PlumblineClient;

const deployment = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'api', namespace },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: 'api' } },
    template: {
      metadata: { labels: { app: 'api' } },
      spec: { containers: [{ name: 'api', image: 'registry.invalid/api:1' }] },
    },
  },
};
const configMap = {
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'api-settings', namespace },
  data: { level: 'info' },
};

/** The spec of an application of the remote's `api` folder in this project. */
function apiSpec(project: string): Record<string, unknown> {
  return {
    project,
    source: { repoURL: remote.bare, path: 'api' },
    destination: { name: 'plumbline-a', namespace },
  };
}

async function app(name: string): Promise<AppSummary> {
  return (await client.call('apps.get', { name })).app;
}

beforeAll(async () => {
  ({ remote } = await remoteWith(
    root,
    'config.git',
    { 'api/deployment.yaml': stringify(deployment), 'api/configmap.yaml': stringify(configMap) },
    'api',
  ));
  await writeApplication(workspace, appName, apiSpec('default'));
  // the project comes in the same file, as a second YAML document
  await writeFile(
    join(workspace, 'fenced.yaml'),
    [
      applicationYaml('fenced', apiSpec('fenced')),
      '---',
      stringify({
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'AppProject',
        metadata: { name: 'fenced' },
        spec: { sourceRepos: ['*'], destinations: [{ name: 'plumbline-a', namespace: 'somewhere-else' }] },
      }),
    ].join('\n'),
  );
  ({ engine, client } = testEngine(root, workspace));
}, 60_000);

afterAll(async () => engine?.close());

describe('sync', () => {
  it('changes nothing in a dry run', async () => {
    await until('api compared', async () => (await app(appName)).sync.status === 'OutOfSync');
    const { operation } = await client.call('apps.sync', { name: appName, dryRun: true });
    expect(operation).toMatchObject({ phase: 'Succeeded', dryRun: true });
    await expect(apps.readNamespacedDeployment({ name: 'api', namespace })).rejects.toThrow();
    expect((await app(appName)).lastSync).toBeNull();
  });

  it('applies git to the cluster: Synced, Healthy, and the last sync recorded', async () => {
    const phases: string[] = [];
    client.subscribe((event) => {
      if (event.event === 'apps.operation' && event.payload.name === appName)
        phases.push(event.payload.operation.phase);
    });
    const { operation } = await client.call('apps.sync', { name: appName });
    expect(operation.phase, operation.message).toBe('Succeeded');
    expect(operation.resources.map((r) => `${r.kind}:${r.status}`).sort()).toEqual([
      'ConfigMap:Synced',
      'Deployment:Synced',
    ]);
    expect(phases[0]).toBe('Running');
    const synced = await until('api synced and healthy', async () => {
      const summary = await app(appName);
      return summary.sync.status === 'Synced' && summary.health.status === 'Healthy' && summary;
    });
    expect(synced.lastSync).toMatchObject({ phase: 'Succeeded' });
  });

  it('refuses what the project does not allow, before writing anything', async () => {
    await until('fenced rendered', async () => (await app('fenced')).phase === 'rendered');
    const { operation } = await client.call('apps.sync', { name: 'fenced' });
    expect(operation.phase).not.toBe('Succeeded');
    expect(JSON.stringify(operation)).toContain(
      'project fenced does not allow deploying to plumbline-a/' + namespace,
    );
  });

  it('prunes from the CLI what left git', async () => {
    await remote.commit({ 'api/configmap.yaml': '' }, 'drop the settings');
    await remote.push('main');
    const env = {
      KUBECONFIG: testKubeconfigPath(),
      PLUMBLINE_WORKSPACE: workspace,
      PLUMBLINE_DATA_DIR: join(root, 'cli-data'),
    };
    const result = await runCli(['sync', appName, '--prune'], env);
    expect(result.code, result.stderr + result.stdout).toBe(0);
    expect(result.stdout, result.stdout).toMatch(/ConfigMap\s+\S+\s+api-settings\s+Pruned/);
    await expect(core.readNamespacedConfigMap({ name: 'api-settings', namespace })).rejects.toThrow();
  });
});

// syncPolicy.automated on a real cluster with default settings: the first revision is applied
// by itself, a commit pushed to git is applied within 20 s, and drift is healed.
import { join } from 'node:path';
import * as k8s from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { inProcessClient, type Engine } from '../../../engine/index.ts';
import type { Remote } from '../../support/gitFixtures.ts';
import { tempDir } from '../../support/tempDir.ts';
import { remoteWith, writeApplication } from '../../support/workspaceFixtures.ts';
import { clientsOf, connect, testNamespace, until } from '../live/liveTestKit.ts';
import { testEngine } from '../../support/testEngine.ts';

const root = tempDir();
const namespace = testNamespace('auto');
const appName = `auto-${namespace.split('-').at(-1)}`;
const { apps } = clientsOf(connect('plumbline-a'));
let remote: Remote;
let engine: Engine;

const deployment = (replicas: number) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace },
  spec: {
    replicas,
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: { containers: [{ name: 'web', image: 'registry.invalid/web:1' }] },
    },
  },
});

const liveReplicas = async () =>
  (await apps.readNamespacedDeployment({ name: 'web', namespace })).spec?.replicas;

beforeAll(async () => {
  ({ remote } = await remoteWith(
    root,
    'config.git',
    { 'web/deployment.yaml': stringify(deployment(1)) },
    'one replica',
  ));
  const workspace = join(root, 'workspace');
  await writeApplication(workspace, appName, {
    source: { repoURL: remote.bare, path: 'web' },
    destination: { name: 'plumbline-a', namespace },
    syncPolicy: { automated: { prune: true, selfHeal: true } },
  });
  ({ engine } = testEngine(root, workspace));
}, 60_000);

afterAll(async () => engine?.close());

describe('automated sync', () => {
  it('applies the first revision by itself', async () => {
    expect(
      await until('first auto-sync', async () => (await liveReplicas().catch(() => undefined)) === 1, 30_000),
    ).toBe(true);
    // the objects are live before the operation ends (it waits for their health)
    const lastSync = await until('the operation finished', async () => {
      const { app } = await inProcessClient(engine).call('apps.get', { name: appName });
      return app.lastSync ?? false;
    });
    expect(lastSync.phase).toBe('Succeeded');
  });

  it('applies a commit pushed to git within 20 s, with default settings', async () => {
    await remote.commit({ 'web/deployment.yaml': stringify(deployment(3)) }, 'three replicas');
    await remote.push('main');
    const started = Date.now();
    await until('new revision applied', async () => (await liveReplicas()) === 3, 20_000);
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it('heals drift in the cluster', async () => {
    await apps.patchNamespacedDeploymentScale(
      { name: 'web', namespace, body: { spec: { replicas: 7 } } },
      k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch),
    );
    await until('drift healed', async () => (await liveReplicas()) === 3, 20_000);
  });
});

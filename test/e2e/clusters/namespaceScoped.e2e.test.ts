// A cluster registered for one namespace, on the real cluster: an application deploying there
// syncs its objects in that namespace, and the policy refuses — before writing anything — an
// object in another namespace and a cluster-scoped one, naming the limit.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { PlumblineClient } from '../../../engine/api/client.ts';
import { type Engine } from '../../../engine/index.ts';
import { tempDir } from '../../support/tempDir.ts';
import { remoteWith, writeApplication } from '../../support/workspaceFixtures.ts';
import { clientsOf, connect, testNamespace, until } from '../live/liveTestKit.ts';
import { testEngine } from '../../support/testEngine.ts';

const root = tempDir();
const namespace = testNamespace('scoped');
const other = testNamespace('scoped-other');
const { core } = clientsOf(connect('plumbline-a'));
const suffix = namespace.split('-').at(-1);
let engine: Engine;
let client: PlumblineClient;

const configMap = (name: string, ns: string) =>
  stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: ns }, data: {} });

beforeAll(async () => {
  const { remote } = await remoteWith(root, 'scoped.git', {
    'inside/cm.yaml': configMap('inside', namespace),
    'outside/cm.yaml': configMap('outside', other),
    'outside/role.yaml': stringify({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name: `scoped-reader-${suffix}` },
      rules: [],
    }),
  });
  const workspace = join(root, 'workspace');
  for (const path of ['inside', 'outside'])
    await writeApplication(workspace, `${path}-${suffix}`, {
      source: { repoURL: remote.bare, path },
      destination: { name: 'scoped', namespace },
    });
  ({ engine, client } = testEngine(root, workspace));
  await client.call('clusters.register', {
    candidate: { source: 'context', context: 'plumbline-a' },
    name: 'scoped',
    namespaces: [namespace],
  });
}, 60_000);

afterAll(async () => engine?.close());

describe('a cluster registered for one namespace', () => {
  it('takes the objects of that namespace', async () => {
    const name = `inside-${suffix}`;
    await until('rendered', async () => (await client.call('apps.get', { name })).app.phase === 'rendered');
    const { operation } = await client.call('apps.sync', { name });
    expect(operation.phase, operation.message).toBe('Succeeded');
    await core.readNamespacedConfigMap({ name: 'inside', namespace });
  });

  it('refuses another namespace and cluster-scoped objects before writing', async () => {
    const name = `outside-${suffix}`;
    await until('rendered', async () => (await client.call('apps.get', { name })).app.phase === 'rendered');
    const { operation } = await client.call('apps.sync', { name });
    expect(operation.phase).not.toBe('Succeeded');
    const text = JSON.stringify(operation);
    expect(text).toContain(
      `cluster scoped is registered for namespaces ${namespace} only (ConfigMap ${other}/outside)`,
    );
    expect(text).toContain('it takes no cluster-scoped objects');
    await expect(core.readNamespacedConfigMap({ name: 'outside', namespace: other })).rejects.toThrow();
  });
});

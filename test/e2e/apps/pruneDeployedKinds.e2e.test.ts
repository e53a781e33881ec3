// Prune finds what left git even when it is of a kind Plumbline does not watch by default: the
// kinds an application deployed are kept in its durable state, so after a restart and a commit
// that removes its only LimitRange, the LimitRange is shown as needing prune and pruned.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { PlumblineClient } from '../../../engine/api/client.ts';
import { type Engine } from '../../../engine/index.ts';
import type { Remote } from '../../support/gitFixtures.ts';
import { tempDir } from '../../support/tempDir.ts';
import { remoteWith, writeApplication } from '../../support/workspaceFixtures.ts';
import { clientsOf, connect, testNamespace, until } from '../live/liveTestKit.ts';
import { testEngine } from '../../support/testEngine.ts';

const root = tempDir();
const namespace = testNamespace('kinds');
const { core } = clientsOf(connect('plumbline-a'));
const appName = `limits-${namespace.split('-').at(-1)}`;
const workspace = join(root, 'workspace');
const engines: Engine[] = [];
let remote: Remote;

const limitRange = {
  apiVersion: 'v1',
  kind: 'LimitRange',
  metadata: { name: 'defaults', namespace },
  spec: { limits: [{ type: 'Container', default: { cpu: '500m' } }] },
};
const configMap = {
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'settings', namespace },
  data: {},
};

function start(): PlumblineClient {
  const { engine, client } = testEngine(root, workspace);
  engines.push(engine);
  return client;
}

const limitRangeExists = () =>
  core.readNamespacedLimitRange({ name: 'defaults', namespace }).then(
    () => true,
    () => false,
  );

beforeAll(async () => {
  ({ remote } = await remoteWith(
    root,
    'limits.git',
    { 'app/limits.yaml': stringify(limitRange), 'app/cm.yaml': stringify(configMap) },
    'limits',
  ));
  await writeApplication(workspace, appName, {
    source: { repoURL: remote.bare, path: 'app' },
    destination: { name: 'plumbline-a', namespace },
  });
}, 60_000);

afterAll(async () => Promise.all(engines.map((engine) => engine.close())));

describe('prune of a kind that left git', () => {
  it('is found and pruned after a restart', async () => {
    const first = start();
    await until(
      'rendered',
      async () => (await first.call('apps.get', { name: appName })).app.phase === 'rendered',
    );
    const { operation } = await first.call('apps.sync', { name: appName });
    expect(operation.phase, operation.message).toBe('Succeeded');
    expect(await limitRangeExists()).toBe(true);
    await engines.shift()!.close();

    await remote.commit({ 'app/limits.yaml': '' }, 'no more limits');
    await remote.push('main');
    const second = start();
    const extraneous = await until('the LimitRange needs pruning', async () => {
      const { resources } = await second.call('apps.diff', { name: appName });
      return resources.find((r) => r.key.kind === 'LimitRange' && r.requiresPruning);
    });
    expect(extraneous.reason).toBe('extraneous');
    const pruned = await second.call('apps.sync', { name: appName, prune: true });
    expect(pruned.operation.resources.find((r) => r.kind === 'LimitRange')?.status).toBe('Pruned');
    expect(await limitRangeExists()).toBe(false);
  });
});

// Prune=confirm through the contract on a real cluster: an object that left git but asks for
// confirmation is kept and reported by a pruning sync, and deleted once the user confirms (here
// with `plumbline sync --prune --confirm-prune`).
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { PlumblineClient } from '../../../engine/api/client.ts';
import { type Engine } from '../../../engine/index.ts';
import { testKubeconfigPath } from '../../cluster/kubeconfig.ts';
import { runCli } from '../../support/cli.ts';
import type { Remote } from '../../support/gitFixtures.ts';
import { tempDir } from '../../support/tempDir.ts';
import { remoteWith, writeApplication } from '../../support/workspaceFixtures.ts';
import { clientsOf, connect, testNamespace, until } from '../live/liveTestKit.ts';
import { testEngine } from '../../support/testEngine.ts';

const root = tempDir();
const namespace = testNamespace('confirm');
const { core } = clientsOf(connect('plumbline-a'));
const appName = `careful-${namespace.split('-').at(-1)}`;
let remote: Remote;
let engine: Engine;
let client: PlumblineClient;

const configMap = (name: string, annotations: Record<string, string> = {}) =>
  stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace, annotations }, data: {} });

const exists = (name: string) =>
  core.readNamespacedConfigMap({ name, namespace }).then(
    () => true,
    () => false,
  );

beforeAll(async () => {
  ({ remote } = await remoteWith(root, 'careful.git', {
    'app/keep.yaml': configMap('keep'),
    'app/precious.yaml': configMap('precious', { 'argocd.argoproj.io/sync-options': 'Prune=confirm' }),
  }));
  const workspace = join(root, 'workspace');
  await writeApplication(workspace, appName, {
    source: { repoURL: remote.bare, path: 'app' },
    destination: { name: 'plumbline-a', namespace },
  });
  ({ engine, client } = testEngine(root, workspace));
}, 60_000);

afterAll(async () => engine?.close());

describe('Prune=confirm', () => {
  it('keeps the object until the user confirms, then prunes it', async () => {
    await until(
      'rendered',
      async () => (await client.call('apps.get', { name: appName })).app.phase === 'rendered',
    );
    expect((await client.call('apps.sync', { name: appName })).operation.phase).toBe('Succeeded');
    await remote.commit({ 'app/precious.yaml': '' }, 'precious leaves git');
    await remote.push('main');
    await client.call('apps.refresh', { name: appName });

    const unconfirmed = await client.call('apps.sync', { name: appName, prune: true });
    expect(unconfirmed.operation.resources.find((r) => r.name === 'precious')).toMatchObject({
      status: 'PruneSkipped',
      message: 'ignored (prune requires confirmation)',
    });
    expect(await exists('precious')).toBe(true);

    // confirmed from the CLI, with an engine of its own
    const confirmed = await runCli(['sync', appName, '--prune', '--confirm-prune'], {
      KUBECONFIG: testKubeconfigPath(),
      PLUMBLINE_WORKSPACE: join(root, 'workspace'),
      PLUMBLINE_DATA_DIR: join(root, 'cli-data'),
    });
    expect(confirmed.code, confirmed.stderr).toBe(0);
    expect(confirmed.stdout).toMatch(/ConfigMap\s+\S+\s+precious\s+Pruned/);
    expect(await exists('precious')).toBe(false);
    expect(await exists('keep')).toBe(true);
  });
});

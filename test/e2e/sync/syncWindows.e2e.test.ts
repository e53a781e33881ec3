// Sync windows on a real cluster: while its project's deny window is active an application is
// neither auto-synced nor synced by hand (a dry run still shows what would change), and says
// why; a window with manualSync lets a user's sync through; when the window goes, auto-sync
// deploys within seconds.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { PlumblineClient } from '../../../engine/api/client.ts';
import type { Engine } from '../../../engine/index.ts';
import { testKubeconfigPath } from '../../cluster/kubeconfig.ts';
import { runCli } from '../../support/cli.ts';
import { tempDir } from '../../support/tempDir.ts';
import { testEngine } from '../../support/testEngine.ts';
import { projectYaml, remoteWith, writeApplication } from '../../support/workspaceFixtures.ts';
import { clientsOf, connect, testNamespace, until } from '../live/liveTestKit.ts';

const root = tempDir();
const namespace = testNamespace('windows');
const workspace = join(root, 'workspace');
const { core } = clientsOf(connect('plumbline-a'));
let engine: Engine;
let client: PlumblineClient;

/** A deny window that is always active: it starts every minute and lasts an hour, so it never ends. */
const alwaysDenied = { kind: 'deny', schedule: '* * * * *', duration: '1h' };

async function writeProject(syncWindows: object[]): Promise<void> {
  const spec = {
    sourceRepos: ['*'],
    destinations: [{ name: '*', namespace: '*' }],
    clusterResourceWhitelist: [{ group: '*', kind: '*' }],
    syncWindows,
  };
  await writeFile(join(workspace, 'project.yaml'), projectYaml('windowed', spec));
}

const app = async (name: string) => (await client.call('apps.get', { name })).app;
const configMapExists = (name: string) =>
  core.readNamespacedConfigMap({ name, namespace }).then(
    () => true,
    () => false,
  );

beforeAll(async () => {
  const configMap = (name: string) => ({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, namespace },
  });
  const { remote } = await remoteWith(
    root,
    'windows.git',
    { 'frozen/cm.yaml': stringify(configMap('frozen')), 'hotfix/cm.yaml': stringify(configMap('hotfix')) },
    'two config maps',
  );
  const spec = (path: string) => ({
    project: 'windowed',
    source: { repoURL: remote.bare, path },
    destination: { name: 'plumbline-a', namespace },
    syncPolicy: { automated: {}, syncOptions: ['CreateNamespace=true'] },
  });
  await writeApplication(workspace, 'frozen', spec('frozen'));
  await writeApplication(workspace, 'hotfix', spec('hotfix'));
  await writeProject([
    { ...alwaysDenied, applications: ['frozen'] },
    { ...alwaysDenied, applications: ['hotfix'], manualSync: true },
  ]);
  ({ engine, client } = testEngine(root, workspace));
}, 60_000);
afterAll(() => engine?.close());

describe('sync windows', () => {
  it('keep auto-sync from deploying while a deny window is active, and say so', async () => {
    await until('frozen compared', async () => (await app('frozen')).sync.status === 'OutOfSync');
    const { syncWindows } = await app('frozen');
    expect(syncWindows).toMatchObject({ automated: false, manual: false });
    expect(syncWindows?.message).toMatch(/^a deny sync window \(\* \* \* \* \*, 1h\) is active$/);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(await configMapExists('frozen')).toBe(false);
    expect((await app('frozen')).lastSync).toBeNull();
  });

  it("refuse a user's sync, but not a dry run", async () => {
    await expect(client.call('apps.sync', { name: 'frozen' })).rejects.toThrow(
      /frozen: sync blocked: a deny sync window \(\* \* \* \* \*, 1h\) is active$/,
    );
    const { operation } = await client.call('apps.sync', { name: 'frozen', dryRun: true });
    expect(operation).toMatchObject({ phase: 'Succeeded', dryRun: true });
    expect(await configMapExists('frozen')).toBe(false);
  });

  it("let a user's sync through a window with manualSync, and nothing automatic", async () => {
    expect((await app('hotfix')).syncWindows).toMatchObject({ automated: false, manual: true });
    expect(await configMapExists('hotfix')).toBe(false);
    const { operation } = await client.call('apps.sync', { name: 'hotfix' });
    expect(operation.phase, JSON.stringify(operation)).toBe('Succeeded');
    expect(await configMapExists('hotfix')).toBe(true);
  });

  it('show in the CLI, whose sync is refused with the reason', async () => {
    const env = {
      KUBECONFIG: testKubeconfigPath(),
      PLUMBLINE_WORKSPACE: workspace,
      PLUMBLINE_DATA_DIR: join(root, 'cli'),
    };
    const listed = await runCli(['apps'], env);
    expect(listed.code, listed.stderr).toBe(0);
    const rows = listed.stdout.trimEnd().split('\n');
    expect(rows[0]).toMatch(/^NAME\s+PROJECT\s+DESTINATION\s+SYNC\s+HEALTH\s+LAST SYNC\s+NOTES$/);
    expect(rows.find((row) => row.startsWith('frozen'))).toMatch(
      /^frozen\s+windowed\s+plumbline-a\/windows-\S+\s+OutOfSync\s+\S+\s+never\s+sync window closed$/,
    );
    expect(rows.find((row) => row.startsWith('hotfix'))).toMatch(/\s+Synced\s+Healthy\s+.*manual sync only$/);
    const shown = await runCli(['app', 'frozen'], env);
    expect(shown.stdout).toMatch(/^Sync windows: a deny sync window \(\* \* \* \* \*, 1h\) is active$/m);
    const refused = await runCli(['sync', 'frozen'], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/frozen: sync blocked: a deny sync window/);
  });

  it('deploy by auto-sync as soon as the window is gone', async () => {
    await writeProject([]);
    await until(
      'frozen synced by auto-sync',
      async () => (await app('frozen')).sync.status === 'Synced',
      15_000,
    );
    expect((await app('frozen')).syncWindows).toBeNull();
    expect(await configMapExists('frozen')).toBe(true);
  });
});

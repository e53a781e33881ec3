// syncOverrun on a real cluster: two manual syncs start a few seconds before a deny window
// opens and write their sync waves across its start. The one whose window does not allow
// overrun stops at its next write with Argo CD's "Sync operation blocked by sync window"; the
// one whose window has syncOverrun (and that was allowed when it started) runs to its end.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { PlumblineClient } from '../../../engine/api/client.ts';
import type { Engine } from '../../../engine/index.ts';
import { tempDir } from '../../support/tempDir.ts';
import { testEngine } from '../../support/testEngine.ts';
import { projectYaml, remoteWith, writeApplication } from '../../support/workspaceFixtures.ts';
import { clientsOf, connect, testNamespace, until } from '../live/liveTestKit.ts';

const root = tempDir();
const namespace = testNamespace('overrun');
const suffix = namespace.split('-').at(-1)!;
const stopping = `stops-${suffix}`;
const overrunning = `overruns-${suffix}`;
const workspace = join(root, 'workspace');
const { core } = clientsOf(connect('plumbline-a'));
const waves = [0, 1, 2, 3];
let engine: Engine;
let client: PlumblineClient;

const configMap = (app: string, wave: number) =>
  stringify({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name: `${app}-wave-${wave}`,
      namespace,
      annotations: { 'argocd.argoproj.io/sync-wave': String(wave) },
    },
  });
const exists = (name: string) =>
  core.readNamespacedConfigMap({ name, namespace }).then(
    () => true,
    () => false,
  );
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

beforeAll(async () => {
  const files: Record<string, string> = {};
  for (const app of [stopping, overrunning])
    for (const wave of waves) files[`${app}/wave-${wave}.yaml`] = configMap(app, wave);
  const { remote } = await remoteWith(root, 'overrun.git', files, 'four waves each');
  for (const app of [stopping, overrunning])
    await writeApplication(workspace, app, {
      project: 'windowed',
      source: { repoURL: remote.bare, path: app },
      destination: { name: 'plumbline-a', namespace },
    });
  await writeProject(null);
  ({ engine, client } = testEngine(root, workspace));
}, 60_000);
afterAll(() => engine?.close());

/** The project, with a deny window per application opening at `opensAt` (none when null). */
async function writeProject(opensAt: Date | null): Promise<void> {
  const window = (app: string, syncOverrun: boolean) => ({
    kind: 'deny',
    schedule: `${opensAt!.getUTCMinutes()} ${opensAt!.getUTCHours()} * * *`,
    duration: '1h',
    applications: [app],
    syncOverrun,
  });
  const spec = {
    sourceRepos: ['*'],
    destinations: [{ name: '*', namespace: '*' }],
    syncWindows: opensAt ? [window(stopping, false), window(overrunning, true)] : [],
  };
  await writeFile(join(workspace, 'project.yaml'), projectYaml('windowed', spec));
}

describe('syncOverrun', () => {
  it('stops a running sync when a deny window opens, unless the window allows overrun', async () => {
    for (const name of [stopping, overrunning])
      await until(
        `${name} compared`,
        async () => (await client.call('apps.get', { name })).app.sync.status === 'OutOfSync',
      );
    // the next minute that leaves time to load the project before it
    const opensAt = new Date(Math.ceil((Date.now() + 10_000) / 60_000) * 60_000);
    await writeProject(opensAt);
    for (const name of [stopping, overrunning])
      await until(`${name} sees its window`, async () => {
        const windows = (await client.call('apps.get', { name })).app.syncWindows;
        return windows?.windows.length === 1 && windows.manual;
      });
    // three 2 s pauses between four waves: started 3 s early, the last waves come after it opens
    await sleep(opensAt.getTime() - 3_000 - Date.now());
    const sync = async (name: string) => (await client.call('apps.sync', { name })).operation;
    const [stopped, overran] = await Promise.all([sync(stopping), sync(overrunning)]);
    expect(Date.now()).toBeGreaterThan(opensAt.getTime());

    expect(stopped.phase, JSON.stringify(stopped)).toBe('Failed');
    expect(JSON.stringify(stopped.resources)).toContain(
      'Sync operation blocked by sync window: a deny sync window',
    );
    expect(JSON.stringify(stopped.resources)).toContain('the deny window does not allow syncOverrun');
    expect(await exists(`${stopping}-wave-3`)).toBe(false);

    expect(overran.phase, JSON.stringify(overran)).toBe('Succeeded');
    for (const wave of waves) expect(await exists(`${overrunning}-wave-${wave}`)).toBe(true);
  });
});

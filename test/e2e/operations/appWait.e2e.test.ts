// `plumbline app wait` against the test cluster: it times out with exit 1 and says what was
// missing while the application is out of sync, returns once a sync (from another process)
// made it synced and healthy, and works the same through a running `plumbline serve`.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { testKubeconfigPath } from '../../cluster/kubeconfig.ts';
import { runCli, startServe, type CliResult, type ServingHost } from '../../support/cli.ts';
import { remoteWith, writeApplication } from '../../support/workspaceFixtures.ts';
import { tempDir } from '../../support/tempDir.ts';
import { deploymentObject } from '../sync/syncTestKit.ts';
import { testNamespace } from '../live/liveTestKit.ts';

const root = tempDir();
const namespace = testNamespace('app-wait');
const appName = `wait-${namespace.split('-').at(-1)}`;
const workspace = join(root, 'workspace');
const env = {
  KUBECONFIG: testKubeconfigPath(),
  PLUMBLINE_WORKSPACE: workspace,
  PLUMBLINE_DATA_DIR: join(root, 'data'),
};
let host: ServingHost | undefined;

const cli = (...args: string[]) => runCli(args, env);
const viaHost = (...args: string[]) =>
  runCli(['--server', host!.url, '--token', host!.token, ...args], {
    KUBECONFIG: testKubeconfigPath(),
    PLUMBLINE_DATA_DIR: join(root, 'cli-own-data'),
  });

function ok(result: CliResult): CliResult {
  expect(result.code, `${result.stderr}\n${result.stdout}`).toBe(0);
  return result;
}

beforeAll(async () => {
  const { remote } = await remoteWith(root, 'web.git', {
    'web/deployment.yaml': stringify(deploymentObject('web', namespace)),
  });
  await writeApplication(workspace, appName, {
    source: { repoURL: remote.bare, path: 'web', targetRevision: 'main' },
    destination: { name: 'plumbline-a', namespace },
  });
}, 60_000);

afterAll(() => host?.stop());

describe('plumbline app wait', () => {
  it('times out with exit 1 and says what is still missing', async () => {
    const started = Date.now();
    const result = await cli('app', 'wait', appName, '--timeout', '2');
    expect(result.code, result.stderr).toBe(1);
    expect(result.stderr).toContain(`${appName}: timed out after 2s`);
    expect(result.stderr).toContain('sync is OutOfSync, not Synced');
    expect(result.stderr).toContain('health is Missing, not Healthy');
    // it did wait, and did not wait forever
    expect(Date.now() - started).toBeGreaterThanOrEqual(2000);
  });

  it('returns once a sync made the application synced and healthy', async () => {
    const waiting = cli('app', 'wait', appName, '--timeout', '150');
    await new Promise((resolve) => setTimeout(resolve, 3000));
    ok(await cli('sync', appName));
    const result = ok(await waiting);
    expect(result.stdout).toContain(`${appName}: Synced, Healthy, no operation running`);
  });

  it('waits through a running host, for only what the flags name', async () => {
    host = await startServe(env);
    ok(await viaHost('app', 'wait', appName, '--health', '--timeout', '60'));
    const degraded = await viaHost('app', 'wait', appName, '--degraded', '--timeout', '2');
    expect(degraded.code).toBe(1);
    expect(degraded.stderr).toContain('health is Healthy, not Degraded');
    const unknown = await viaHost('app', 'wait', 'no-such-app', '--timeout', '2');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no application named no-such-app');
  });
});

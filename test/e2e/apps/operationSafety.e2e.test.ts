// Operations that stay safe across desktops and crashes, on a real cluster: while one engine
// holds an application's lease a second engine (another desktop) refuses to sync it and says who
// holds it; an engine killed with SIGKILL in the middle of a sync leaves, after restart, the
// operation marked interrupted in the history and retried (the application asks for retries)
// once no sync window holds it, with no lease left behind.
import { spawn } from 'node:child_process';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { PlumblineClient } from '../../../engine/api/client.ts';
import { readLease } from '../../../engine/cluster/lease.ts';
import { leaseName } from '../../../engine/controller/operationLease.ts';
import { type Engine } from '../../../engine/index.ts';
import { testKubeconfigPath } from '../../cluster/kubeconfig.ts';
import { cliBin, repoRoot } from '../../support/cli.ts';
import { tempDir } from '../../support/tempDir.ts';
import { projectYaml, remoteWith, writeApplication } from '../../support/workspaceFixtures.ts';
import { connect, testNamespace, until } from '../live/liveTestKit.ts';
import { configMapObject, hook, podObject } from '../sync/syncTestKit.ts';
import { testEngine } from '../../support/testEngine.ts';

const root = tempDir();
const namespace = testNamespace('opsafe');
const connection = connect('plumbline-a');
const suffix = namespace.split('-').at(-1);
const leased = `leased-${suffix}`;
const crashing = `crashing-${suffix}`;
const workspace = join(root, 'workspace');
const engines: Engine[] = [];

function start(dataDir: string): PlumblineClient {
  const { engine, client } = testEngine(root, workspace, { dataDir });
  engines.push(engine);
  return client;
}

/** A PreSync hook Pod: kwok keeps it Running, so the sync waits on it until the test ends it. */
function gate(): string {
  return stringify(hook(podObject('gate', namespace), 'PreSync'));
}

async function endGate(): Promise<void> {
  await connection.request({
    verb: 'patch',
    method: 'PATCH',
    path: `/api/v1/namespaces/${namespace}/pods/gate/status`,
    contentType: 'application/merge-patch+json',
    body: JSON.stringify({ status: { phase: 'Succeeded' } }),
    what: 'end the gate pod',
  });
}

async function gateUid(): Promise<string | undefined> {
  const pod = await connection
    .requestJson<{ metadata: { uid: string }; status?: { phase?: string } }>({
      verb: 'get',
      method: 'GET',
      path: `/api/v1/namespaces/${namespace}/pods/gate`,
      what: 'read the gate pod',
    })
    .catch(() => undefined);
  return pod?.status?.phase === 'Running' ? pod.metadata.uid : undefined;
}

/** The default project with a deny window that is always active, for manual syncs too. */
const closedProject = {
  sourceRepos: ['*'],
  destinations: [{ name: '*', namespace: '*' }],
  clusterResourceWhitelist: [{ group: '*', kind: '*' }],
  syncWindows: [{ kind: 'deny', schedule: '* * * * *', duration: '1h', applications: ['crashing-*'] }],
};

const lease = (app: string) => readLease(connection, { namespace: 'kube-system', name: leaseName(app) });

beforeAll(async () => {
  const { remote } = await remoteWith(
    root,
    'ops.git',
    {
      'leased/gate.yaml': gate(),
      'leased/after.yaml': stringify(configMapObject('leased-after', namespace)),
      'crashing/gate.yaml': gate(),
      'crashing/after.yaml': stringify(configMapObject('crashing-after', namespace)),
    },
    'gated apps',
  );
  const destination = { name: 'plumbline-a', namespace };
  await writeApplication(workspace, leased, {
    source: { repoURL: remote.bare, path: 'leased' },
    destination,
  });
  await writeApplication(workspace, crashing, {
    source: { repoURL: remote.bare, path: 'crashing' },
    destination,
    syncPolicy: { retry: { limit: 2 } },
  });
}, 60_000);

afterAll(async () => {
  await Promise.all(engines.map((engine) => engine.close()));
});

describe('operation safety', () => {
  it('a second engine does not sync while the first holds the lease, and says who holds it', async () => {
    const first = start('desk-1');
    const second = start('desk-2');
    const running = first.call('apps.sync', { name: leased });
    const held = await until('the first engine holds the lease', async () => {
      const summary = (await first.call('apps.get', { name: leased })).app;
      return summary.lease?.heldByUs && summary.operationRunning && summary.lease;
    });
    expect((await lease(leased))?.spec.holderIdentity).toBe(held.holder);

    await expect(second.call('apps.sync', { name: leased })).rejects.toThrow(
      new RegExp(
        `another Plumbline \\(${held.holder.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}\\) is operating`,
      ),
    );
    expect((await second.call('apps.get', { name: leased })).app.lease).toMatchObject({
      holder: held.holder,
      heldByUs: false,
    });

    expect(await first.call('apps.terminate', { name: leased })).toEqual({ terminating: true });
    const { operation } = await running;
    expect(operation).toMatchObject({ phase: 'Failed', message: 'Operation terminated' });
    expect(await lease(leased)).toBeNull();

    const after = await second.call('apps.sync', {
      name: leased,
      resources: [`/ConfigMap/${namespace}/leased-after`],
    });
    expect(after.operation.phase, after.operation.message).toBe('Succeeded');
  });

  it('recovers an operation killed with SIGKILL: marked interrupted, then retried', async () => {
    const dataDir = join(root, 'crash-data');
    const child = spawn(process.execPath, [cliBin, 'sync', crashing], {
      cwd: repoRoot,
      env: {
        ...process.env,
        KUBECONFIG: testKubeconfigPath(),
        PLUMBLINE_WORKSPACE: workspace,
        PLUMBLINE_DATA_DIR: dataDir,
      },
      stdio: 'ignore',
    });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    const stateFile = await until(
      'the operation is running with its hook',
      async () => {
        const [folder] = await readdir(join(dataDir, 'state')).then((names) =>
          names.filter((n) => n !== 'instance-id'),
        );
        const file = join(dataDir, 'state', folder!, `${crashing}.json`);
        const state = JSON.parse(await readFile(file, 'utf8')) as { operation?: { phase: string } };
        return state.operation?.phase === 'Running' && (await gateUid()) && file;
      },
      60_000,
    );
    const killedHook = await gateUid();
    // another engine on the same data folder (a CLI beside the app) leaves the live operation alone
    const beside = start('crash-data');
    await until(
      'the engine beside has read the state',
      async () => (await beside.call('apps.get', { name: crashing })).app.phase === 'rendered',
    );
    expect((await beside.call('apps.history', { name: crashing })).history).toEqual([]);
    await engines.pop()!.close();
    child.kill('SIGKILL');
    await exited;
    const instanceId = (await readFile(join(dataDir, 'state', 'instance-id'), 'utf8')).trim();
    expect((await lease(crashing))?.spec.holderIdentity).toMatch(new RegExp(`/${instanceId}$`));

    // a deny window closed meanwhile: the retry waits for it, marked interrupted, nothing lost
    await writeFile(join(workspace, 'default-project.yaml'), projectYaml('default', closedProject));
    const restarted = start('crash-data');
    await until('the window is seen', async () => {
      const { app } = await restarted.call('apps.get', { name: crashing });
      return app.phase === 'rendered' && app.syncWindows?.manual === false;
    });
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(await gateUid()).toBe(killedHook);
    expect((await restarted.call('apps.history', { name: crashing })).history.map((h) => h.result)).toEqual([
      'Interrupted',
    ]);
    await rm(join(workspace, 'default-project.yaml'));
    // the retried operation recreates its hook (BeforeHookCreation); ending that one lets it finish
    await until(
      'the retry created a new hook',
      async () => {
        const uid = await gateUid();
        return uid && uid !== killedHook;
      },
      60_000,
    );
    await endGate();
    const history = await until(
      'the retry is recorded',
      async () => {
        const answer = await restarted.call('apps.history', { name: crashing });
        return answer.history.length === 2 && answer.history;
      },
      60_000,
    );
    expect(history.map((h) => [h.id, h.result])).toEqual([
      [2, 'Succeeded'],
      [1, 'Interrupted'],
    ]);
    expect(history[1]?.message).toMatch(/^interrupted: Plumbline stopped while this operation was running/);
    const state = JSON.parse(await readFile(stateFile, 'utf8')) as {
      operation: { phase: string; retryOf?: number };
    };
    expect(state.operation).toMatchObject({ phase: 'Succeeded', retryOf: 1 });
    await until('the configmap deployed', () =>
      connection.request({
        verb: 'get',
        method: 'GET',
        path: `/api/v1/namespaces/${namespace}/configmaps/crashing-after`,
        what: 'read',
      }),
    );
    expect(await lease(crashing)).toBeNull();
  });
});

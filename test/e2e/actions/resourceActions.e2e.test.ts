// Resource actions on the test cluster, through the contract: the built-in restart of a
// Deployment, a StatefulSet and a DaemonSet, pause and resume of a Deployment, a Lua action with
// a parameter from the customizations folder, and a Lua action whose created Job the project
// refuses. Each writes with the user's kubeconfig credentials and lands in the app's activity.
import { join } from 'node:path';
import * as k8s from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { Engine } from '../../../engine/index.ts';
import { RESTARTED_AT } from '../../../engine/actions/builtin.ts';
import { tempDir } from '../../support/tempDir.ts';
import { testEngine } from '../../support/testEngine.ts';
import { projectYaml, remoteWith, writeApplication } from '../../support/workspaceFixtures.ts';
import { clientsOf, connect, testNamespace, until } from '../live/liveTestKit.ts';
import { actionFolder } from '../../unit/actions/fixtures.ts';
import { suspendedCronJob, workload } from './actionWorkloads.ts';
import { writeFile } from 'node:fs/promises';
import { runCli } from '../../support/cli.ts';
import { testKubeconfigPath } from '../../cluster/kubeconfig.ts';

const root = tempDir();
const workspace = join(root, 'workspace');
const namespace = testNamespace('actions');
const scripts = actionFolder();
const admin = connect('plumbline-a');
const { apps } = clientsOf(admin);
const batch = admin.kubeConfig.makeApiClient(k8s.BatchV1Api);
let engine: Engine;

const call = <T = Record<string, unknown>>(name: string, input: object) =>
  engine.dispatch(name, input) as Promise<T>;

beforeAll(async () => {
  const files = {
    'app/web.yaml': stringify(workload('Deployment', 'web', namespace)),
    'app/db.yaml': stringify(workload('StatefulSet', 'db', namespace)),
    'app/agent.yaml': stringify(workload('DaemonSet', 'agent', namespace)),
    'app/report.yaml': stringify(suspendedCronJob('report', namespace)),
  };
  const { remote } = await remoteWith(root, 'config.git', files);
  await writeApplication(workspace, 'shop', {
    project: 'actions',
    source: { repoURL: remote.bare, path: 'app' },
    destination: { name: 'plumbline-a', namespace },
  });
  await writeFile(
    join(workspace, 'project.yaml'),
    projectYaml('actions', {
      sourceRepos: ['*'],
      destinations: [{ name: 'plumbline-a', namespace }],
      namespaceResourceBlacklist: [{ group: 'batch', kind: 'Job' }],
    }),
  );
  ({ engine } = testEngine(root, workspace));
  await call('settings.update', { healthCustomizations: scripts });
  const { operation } = await call<{ operation: { phase: string; message: string } }>('apps.sync', {
    name: 'shop',
  });
  expect(operation.phase, operation.message).toBe('Succeeded');
  await until('the four objects in the tree', async () => {
    const { nodes } = await call<{ nodes: { key: { kind: string } }[] }>('apps.tree', { name: 'shop' });
    return ['Deployment', 'StatefulSet', 'DaemonSet', 'CronJob'].every((kind) =>
      nodes.some((n) => n.key.kind === kind),
    );
  });
}, 180_000);

afterAll(async () => {
  await engine?.close();
});

const restartedAt = (obj: {
  spec?: { template?: { metadata?: { annotations?: Record<string, string> } } };
}) => obj.spec?.template?.metadata?.annotations?.[RESTARTED_AT];

describe('built-in actions on the cluster', () => {
  it('lists restart, pause and resume (disabled) on the Deployment, with the Lua ones of the folder', async () => {
    const { actions } = await call<{ actions: { name: string; disabled: boolean; source: string }[] }>(
      'resources.actions.list',
      { name: 'shop', resource: { kind: 'Deployment', name: 'web' } },
    );
    expect(actions.map((a) => [a.name, a.disabled])).toEqual([
      ['pause', false],
      ['restart', false],
      ['resume', true],
      ['scale', false],
    ]);
  });

  it('restarts the Deployment, the StatefulSet and the DaemonSet', async () => {
    const before = Date.now() - 2000;
    for (const [kind, name] of [
      ['Deployment', 'web'],
      ['StatefulSet', 'db'],
      ['DaemonSet', 'agent'],
    ] as const) {
      const { resources } = await call<{ resources: unknown[] }>('resources.actions.run', {
        name: 'shop',
        resource: { kind, name },
        action: 'restart',
      });
      expect(resources).toEqual([
        { operation: 'patch', group: 'apps', kind, namespace, name, changed: true },
      ]);
    }
    const stamps = [
      restartedAt(await apps.readNamespacedDeployment({ name: 'web', namespace })),
      restartedAt(await apps.readNamespacedStatefulSet({ name: 'db', namespace })),
      restartedAt(await apps.readNamespacedDaemonSet({ name: 'agent', namespace })),
    ];
    for (const stamp of stamps) expect(Date.parse(stamp ?? '')).toBeGreaterThan(before - 1000);
  });

  it('pauses the Deployment, refuses a second pause, and resumes it', async () => {
    await call('resources.actions.run', {
      name: 'shop',
      resource: { kind: 'Deployment', name: 'web' },
      action: 'pause',
    });
    expect((await apps.readNamespacedDeployment({ name: 'web', namespace })).spec?.paused).toBe(true);
    await expect(
      call('resources.actions.run', {
        name: 'shop',
        resource: { kind: 'Deployment', name: 'web' },
        action: 'pause',
      }),
    ).rejects.toThrow(/action pause is disabled/);
    await call('resources.actions.run', {
      name: 'shop',
      resource: { kind: 'Deployment', name: 'web' },
      action: 'resume',
    });
    expect((await apps.readNamespacedDeployment({ name: 'web', namespace })).spec?.paused).toBeUndefined();
  });
});

describe('Lua actions on the cluster', () => {
  it('runs a Lua action with a parameter', async () => {
    await call('resources.actions.run', {
      name: 'shop',
      resource: { kind: 'Deployment', name: 'web' },
      action: 'scale',
      params: { replicas: '3' },
    });
    expect((await apps.readNamespacedDeployment({ name: 'web', namespace })).spec?.replicas).toBe(3);
  });

  it('refuses a Job the project does not allow, and creates nothing', async () => {
    await expect(
      call('resources.actions.run', {
        name: 'shop',
        resource: { kind: 'CronJob', name: 'report' },
        action: 'create-job',
      }),
    ).rejects.toThrow(/project actions does not allow the kind batch\/Job/);
    expect((await batch.listNamespacedJob({ namespace })).items).toEqual([]);
  });

  it('refuses an object outside the application', async () => {
    await expect(
      call('resources.actions.run', {
        name: 'shop',
        resource: { kind: 'Deployment', name: 'coredns', namespace: 'kube-system' },
        action: 'restart',
      }),
    ).rejects.toThrow(/is not an object of application shop/);
  });
});

describe('plumbline app actions', () => {
  const env = () => ({
    KUBECONFIG: testKubeconfigPath(),
    PLUMBLINE_WORKSPACE: workspace,
    PLUMBLINE_DATA_DIR: join(root, 'cli-data'),
    PLUMBLINE_HEALTH_CUSTOMIZATIONS: scripts,
  });

  it('lists the actions of an object, the Lua ones of the folder included', async () => {
    const result = await runCli(
      ['app', 'actions', 'list', 'shop', '--kind', 'Deployment', '--name', 'web'],
      env(),
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/NAME\s+DISABLED\s+SOURCE\s+PARAMETERS/);
    expect(result.stdout).toMatch(/scale\s+false\s+lua\s+replicas/);
    expect(result.stdout).toMatch(/pause\s+false\s+builtin/);
    expect(result.stdout).toMatch(/restart\s+false\s+lua/);
  });

  it('runs one with a parameter', async () => {
    const result = await runCli(
      [
        'app',
        'actions',
        'run',
        'shop',
        'scale',
        '--kind',
        'Deployment',
        '--name',
        'web',
        '--param',
        'replicas=2',
      ],
      env(),
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`apps/Deployment ${namespace}/web patched`);
    expect((await apps.readNamespacedDeployment({ name: 'web', namespace })).spec?.replicas).toBe(2);
  });

  it('refuses a parameter without a value as a usage error', async () => {
    const result = await runCli(
      [
        'app',
        'actions',
        'run',
        'shop',
        'scale',
        '--kind',
        'Deployment',
        '--name',
        'web',
        '--param',
        'replicas',
      ],
      env(),
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('expected name=value');
  });
});

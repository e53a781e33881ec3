// Deleting applications on the real cluster as Argo CD does. Each application's Deployment is
// held by a test finalizer while it is deleted, which shows the propagation the deletion asked
// for: foreground marks it foregroundDeletion, background does not (and the garbage collector
// deletes its ReplicaSet after it). PreDelete hooks run
// before anything is deleted and PostDelete hooks after; Delete=false objects stay; a
// Delete=confirm object waits for confirmation; orphan leaves everything; the definition goes
// from the git workspace in a commit.
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { PlumblineClient } from '../../../engine/api/client.ts';
import type { KubeObject } from '../../../engine/diff/index.ts';
import type { Engine } from '../../../engine/index.ts';
import { KubeApiError } from '../../../engine/cluster/index.ts';
import { readLiveObject } from '../../../engine/sync/index.ts';
import { runCli } from '../../support/cli.ts';
import { git } from '../../support/gitFixtures.ts';
import { tempDir } from '../../support/tempDir.ts';
import { testEngine } from '../../support/testEngine.ts';
import { applicationYaml, remoteWith } from '../../support/workspaceFixtures.ts';
import { testKubeconfigPath } from '../../cluster/kubeconfig.ts';
import { connect, testNamespace, until } from '../live/liveTestKit.ts';
import { annotated, configMapObject, deploymentObject, hook, jobObject, wave } from '../sync/syncTestKit.ts';

const root = tempDir();
const ns = testNamespace('app-delete');
const suffix = ns.split('-').at(-1)!;
const workspace = join(root, 'workspace');
const connection = connect('plumbline-a');
const HOLD = 'e2e.plumbline.dev/hold';
const apps = {
  foreground: `fg-${suffix}`,
  background: `bg-${suffix}`,
  confirm: `confirm-${suffix}`,
  orphan: `orphan-${suffix}`,
};
let engine: Engine;
let engineClosed = false;
let client: PlumblineClient;

const read = (group: string, kind: string, name: string) =>
  readLiveObject(connection, { group, kind, namespace: ns, name });
const yamlOf = (...objs: KubeObject[]) => objs.map((obj) => stringify(obj)).join('---\n');
const succeededJob = (name: string) => jobObject(name, ns);
const meta = (obj: KubeObject | undefined) =>
  (obj?.metadata ?? {}) as { finalizers?: string[]; deletionTimestamp?: string; uid?: string };

async function replicaSetOf(deployment: string): Promise<KubeObject> {
  return until(`the ReplicaSet of ${deployment}`, async () => {
    const list = await connection.requestJson<{ items: KubeObject[] }>({
      verb: 'list',
      method: 'GET',
      path: `/apis/apps/v1/namespaces/${ns}/replicasets`,
      what: 'list replicasets',
    });
    return list.items.find((rs) =>
      ((rs.metadata as { ownerReferences?: { name: string }[] }).ownerReferences ?? []).some(
        (ref) => ref.name === deployment,
      ),
    );
  });
}

/**
 * Sets a Deployment's finalizers (the test's hold keeps it from going while the test looks); with
 * `resourceVersion`, only on that version of it (409 when Kubernetes changed it meanwhile).
 */
async function setFinalizers(
  deployment: string,
  finalizers: string[],
  resourceVersion?: string,
): Promise<void> {
  await connection.request({
    verb: 'patch',
    method: 'PATCH',
    path: `/apis/apps/v1/namespaces/${ns}/deployments/${deployment}`,
    body: JSON.stringify({ metadata: { finalizers, ...(resourceVersion ? { resourceVersion } : {}) } }),
    contentType: 'application/merge-patch+json',
    what: `patch deployment ${deployment}`,
  });
}

/**
 * Takes the test's hold off, leaving what Kubernetes put there: on the version read, again when
 * the garbage collector took its own finalizer off in between (putting it back is refused).
 */
async function release(deployment: string): Promise<void> {
  for (;;) {
    const live = await read('apps', 'Deployment', deployment);
    if (!live) return;
    const { finalizers = [], resourceVersion } = live.metadata as {
      finalizers?: string[];
      resourceVersion: string;
    };
    try {
      await setFinalizers(
        deployment,
        finalizers.filter((f) => f !== HOLD),
        resourceVersion,
      );
      return;
    } catch (error) {
      if (!(error instanceof KubeApiError && error.status === 409)) throw error;
    }
  }
}

async function hasEvent(involved: string, reason: string): Promise<boolean> {
  const list = await connection.requestJson<{
    items: { involvedObject: { name: string }; reason: string }[];
  }>({
    verb: 'list',
    method: 'GET',
    path: `/api/v1/namespaces/${ns}/events`,
    what: 'list events',
  });
  return list.items.some((e) => e.involvedObject.name === involved && e.reason === reason);
}

async function syncApp(name: string): Promise<void> {
  await until(`${name} rendered`, async () => (await client.call('apps.refresh', { name })).app.revision);
  const { operation } = await client.call('apps.sync', { name });
  expect(operation.phase, operation.message).toBe('Succeeded');
}

beforeAll(async () => {
  const fgFiles = yamlOf(
    deploymentObject('web-fg', ns),
    wave(configMapObject('settings-fg', ns), 1),
    annotated(configMapObject('kept-fg', ns), { 'argocd.argoproj.io/sync-options': 'Delete=false' }),
    // no delete policy: BeforeHookCreation keeps the hooks after the deletion, as in Argo CD
    hook(succeededJob('pre-fg'), 'PreDelete'),
    hook(succeededJob('post-fg'), 'PostDelete'),
  );
  const bgFiles = yamlOf(
    deploymentObject('web-bg', ns),
    hook(succeededJob('post-bg'), 'PostDelete', { 'argocd.argoproj.io/hook-delete-policy': 'HookSucceeded' }),
  );
  const confirmFiles = yamlOf(
    annotated(configMapObject('confirm-me', ns), { 'argocd.argoproj.io/sync-options': 'Delete=confirm' }),
  );
  const orphanFiles = yamlOf(configMapObject('orphaned', ns));
  const { remote } = await remoteWith(root, 'apps.git', {
    'fg/all.yaml': fgFiles,
    'bg/all.yaml': bgFiles,
    'confirm/all.yaml': confirmFiles,
    'orphan/all.yaml': orphanFiles,
  });
  const app = (name: string, path: string, finalizers?: string[]) => {
    const text = applicationYaml(name, {
      source: { repoURL: remote.bare, path, targetRevision: 'main' },
      destination: { name: 'plumbline-a', namespace: ns },
    });
    return finalizers
      ? text.replace('metadata:\n', `metadata:\n  finalizers: [${finalizers.join(', ')}]\n`)
      : text;
  };
  await mkdir(workspace, { recursive: true });
  await writeFile(
    join(workspace, `${apps.foreground}.yaml`),
    app(apps.foreground, 'fg', ['resources-finalizer.argocd.argoproj.io']),
  );
  await writeFile(
    join(workspace, `${apps.background}.yaml`),
    app(apps.background, 'bg', ['resources-finalizer.argocd.argoproj.io/background']),
  );
  await writeFile(
    join(workspace, `${apps.confirm}.yaml`),
    app(apps.confirm, 'confirm', ['resources-finalizer.argocd.argoproj.io']),
  );
  await writeFile(join(workspace, `${apps.orphan}.yaml`), app(apps.orphan, 'orphan'));
  await git(workspace, 'init', '-q', '-b', 'main');
  await git(workspace, 'add', '.');
  await git(workspace, '-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '-m', 'apps');
  ({ engine, client } = testEngine(root, workspace));
  for (const name of Object.values(apps)) await syncApp(name);
}, 180_000);

afterAll(async () => {
  for (const deployment of ['web-fg', 'web-bg']) await release(deployment).catch(() => undefined);
  if (!engineClosed) await engine?.close();
});

describe('deleting an application', () => {
  it('plans from the finalizer: foreground, the highest wave first, Delete=false kept, hooks listed', async () => {
    const { plan } = await client.call('apps.deletionPlan', { name: apps.foreground });
    expect(plan).toMatchObject({
      cascade: 'foreground',
      chosenBy: 'finalizer',
      propagationPolicy: 'Foreground',
    });
    expect(plan.deleted.map((o) => o.name)).toEqual(['settings-fg', 'web-fg']);
    expect(plan.kept.map((o) => [o.name, o.keptBecause])).toEqual([['kept-fg', 'Delete=false']]);
    expect(plan.preDeleteHooks.map((o) => o.name)).toEqual(['pre-fg']);
    expect(plan.postDeleteHooks.map((o) => o.name)).toEqual(['post-fg']);
    const orphan = await client.call('apps.deletionPlan', { name: apps.foreground, cascade: 'orphan' });
    expect(orphan.plan).toMatchObject({
      cascade: 'orphan',
      chosenBy: 'request',
      propagationPolicy: null,
      deleted: [],
    });
  });

  it('runs PreDelete hooks, deletes with foreground propagation, then PostDelete hooks, and commits the removal', async () => {
    await setFinalizers('web-fg', [HOLD]);
    const deleting = client.call('apps.delete', { name: apps.foreground });
    let settled = false;
    let failure: unknown;
    void deleting.then(
      () => (settled = true),
      (error: unknown) => ((settled = true), (failure = error)),
    );
    // Foreground: the API server marks the Deployment foregroundDeletion (the test's hold keeps it visible)
    const web = await until('web-fg deleted in the foreground', async () => {
      if (failure) throw failure;
      const live = await read('apps', 'Deployment', 'web-fg');
      return meta(live).deletionTimestamp && meta(live).finalizers?.includes('foregroundDeletion')
        ? live
        : undefined;
    });
    expect(web).toBeDefined();
    // wave 1 went before wave 0; the PreDelete hook ran to completion before anything was deleted
    expect(await read('', 'ConfigMap', 'settings-fg')).toBeUndefined();
    // (the Job itself goes with the application's objects: its Completed event stays)
    expect(await hasEvent('pre-fg', 'Completed')).toBe(true);
    expect(await read('batch', 'Job', 'post-fg')).toBeUndefined();
    expect(settled).toBe(false);
    await release('web-fg');
    const result = await deleting;
    expect(result.deleted).toBe(true);
    expect(await read('apps', 'Deployment', 'web-fg')).toBeUndefined();
    expect(await read('', 'ConfigMap', 'kept-fg')).toBeDefined();
    // the PostDelete hook ran after the objects were gone; without a delete policy it stays
    const post = await until('post-fg complete', async () => {
      const job = await read('batch', 'Job', 'post-fg');
      return ((job as { status?: { succeeded?: number } })?.status?.succeeded ?? 0) > 0 ? job : undefined;
    });
    expect(post).toBeDefined();
    // the definition left the workspace in a commit
    expect(existsSync(join(workspace, `${apps.foreground}.yaml`))).toBe(false);
    expect(await git(workspace, 'log', '-1', '--format=%s')).toContain(
      `delete application ${apps.foreground}`,
    );
    expect(result.commit).toBe((await git(workspace, 'rev-parse', 'HEAD')).trim());
    const { apps: listed } = await client.call('apps.list', {});
    expect(listed.map((a) => a.name)).not.toContain(apps.foreground);
  });

  it('deletes with background propagation, and removes a HookSucceeded PostDelete hook', async () => {
    const rs = await replicaSetOf('web-bg');
    await setFinalizers('web-bg', [HOLD]);
    const deleting = client.call('apps.delete', { name: apps.background });
    // Background: deleted without foregroundDeletion; the test's hold keeps it visible
    const web = await until('web-bg being deleted', async () => {
      const live = await read('apps', 'Deployment', 'web-bg');
      return meta(live).deletionTimestamp ? live : undefined;
    });
    expect(meta(web).finalizers).toEqual([HOLD]);
    await release('web-bg');
    const result = await deleting;
    expect(result.plan).toMatchObject({ cascade: 'background', propagationPolicy: 'Background' });
    expect(await read('apps', 'Deployment', 'web-bg')).toBeUndefined();
    // the garbage collector deletes its ReplicaSet after it
    const rsName = String((rs.metadata as { name: string }).name);
    await until('the ReplicaSet deleted by the garbage collector', async () => {
      const live = await readLiveObject(connection, {
        group: 'apps',
        kind: 'ReplicaSet',
        namespace: ns,
        name: rsName,
      });
      return !live || meta(live).deletionTimestamp;
    });
    // the PostDelete hook ran (its Job completed) and its HookSucceeded policy removed it
    expect(await read('batch', 'Job', 'post-bg')).toBeUndefined();
    await until('post-bg completed', () => hasEvent('post-bg', 'Completed'));
  });

  it('waits for confirmation of a Delete=confirm object before writing anything', async () => {
    await expect(client.call('apps.delete', { name: apps.confirm })).rejects.toThrow(/Delete=confirm/);
    expect(await read('', 'ConfigMap', 'confirm-me')).toBeDefined();
    expect(existsSync(join(workspace, `${apps.confirm}.yaml`))).toBe(true);
    const result = await client.call('apps.delete', { name: apps.confirm, confirmDelete: true });
    expect(result.deleted).toBe(true);
    expect(await read('', 'ConfigMap', 'confirm-me')).toBeUndefined();
  });

  it('leaves the objects of an orphan deletion from the CLI, which asks first', async () => {
    engineClosed = true;
    await engine.close();
    const env = {
      KUBECONFIG: testKubeconfigPath(),
      PLUMBLINE_WORKSPACE: workspace,
      PLUMBLINE_DATA_DIR: join(root, 'data'),
    };
    const noTerminal = await runCli(['app', 'delete', apps.orphan], env);
    expect(noTerminal.code).toBe(2);
    expect(noTerminal.stderr).toContain('give --yes');
    const before = await read('', 'ConfigMap', 'orphaned');
    const result = await runCli(['app', 'delete', apps.orphan, '--cascade', 'orphan', '--yes'], env);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('its objects stay in the cluster (orphan)');
    expect(result.stdout).toMatch(/keep\s+ConfigMap\s+\S+\s+orphaned/);
    const after = await read('', 'ConfigMap', 'orphaned');
    expect(meta(after).uid).toBe(meta(before).uid);
    expect((after?.metadata as { resourceVersion?: string }).resourceVersion).toBe(
      (before?.metadata as { resourceVersion?: string }).resourceVersion,
    );
    expect(existsSync(join(workspace, `${apps.orphan}.yaml`))).toBe(false);
  });
});

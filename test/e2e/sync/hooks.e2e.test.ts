// Hooks and waves on the real cluster: a PreSync Job completes before the wave-1 Deployment is
// created; a failing PostSync hook fails the operation and runs the SyncFail hook.
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../engine/diff/index.ts';
import { readLiveObject, type SyncProgress } from '../../../engine/sync/index.ts';
import { connect, testNamespace, until } from '../live/liveTestKit.ts';
import { configMapObject, deploymentObject, hook, jobObject, podObject, sync, wave } from './syncTestKit.ts';

const ns = testNamespace('sync-hooks');
const connection = connect('plumbline-a');
const read = (group: string, kind: string, name: string) =>
  readLiveObject(connection, { group, kind, namespace: ns, name });
const time = (value: unknown) => new Date(String(value)).getTime();

describe('sync: hooks and waves', () => {
  it('runs the PreSync Job to completion before the wave-1 Deployment is created', async () => {
    const desired = [
      hook(jobObject('migrate', ns), 'PreSync'),
      wave(deploymentObject('web', ns), 1),
      configMapObject('settings', ns),
    ];
    let whileRunning: Promise<unknown> | undefined;
    const request = { appName: 'hooks-app', desired, live: [], options: {} };
    const { result, progress } = await sync(connection, request, {}, (p) => {
      if (p.resources[0]?.hookPhase === 'Running' && !whileRunning)
        whileRunning = read('batch', 'Job', 'migrate').then((job) => job?.metadata?.finalizers);
    });
    expect(result.phase, result.message).toBe('Succeeded');
    expect(result.resources.map((r) => [r.phase, r.wave, r.kind, r.status, r.hookPhase])).toEqual([
      ['PreSync', 0, 'Job', 'Synced', 'Succeeded'],
      ['Sync', 0, 'ConfigMap', 'Synced', undefined],
      ['Sync', 1, 'Deployment', 'Synced', undefined],
    ]);
    expect(progress.some((p) => p.resources[0]?.hookPhase === 'Running')).toBe(true);
    const job = (await read('batch', 'Job', 'migrate')) as KubeObject & {
      status?: { completionTime?: string };
    };
    const web = await read('apps', 'Deployment', 'web');
    expect(time(job.status?.completionTime)).toBeLessThanOrEqual(time(web?.metadata?.creationTimestamp));
    expect(time(job.metadata?.creationTimestamp)).toBeLessThanOrEqual(time(web?.metadata?.creationTimestamp));
    // The hook finalizer held the Job while it ran and went once its outcome was read.
    expect(job.metadata?.finalizers ?? []).not.toContain('argocd.argoproj.io/hook-finalizer');
    expect(await whileRunning).toContain('argocd.argoproj.io/hook-finalizer');
  });

  it('starts wave 1 only when the wave-0 Deployment is healthy', async () => {
    const desired = [deploymentObject('api', ns), wave(configMapObject('after-api', ns), 1)];
    const { result, progress } = await sync(connection, {
      appName: 'waves-app',
      desired,
      live: [],
      options: {},
    });
    expect(result.phase, result.message).toBe('Succeeded');
    const api = (await read('apps', 'Deployment', 'api')) as KubeObject & {
      status?: { conditions?: { type: string; status: string; lastTransitionTime: string }[] };
    };
    const available = api.status?.conditions?.find((c) => c.type === 'Available' && c.status === 'True');
    const after = await read('', 'ConfigMap', 'after-api');
    expect(time(available?.lastTransitionTime)).toBeLessThanOrEqual(time(after?.metadata?.creationTimestamp));
    const waited = progress.find(
      (p) => p.resources[0]?.health?.status === 'Progressing' || p.resources[0]?.health?.status === 'Missing',
    );
    expect(waited?.resources[1]?.status).toBeUndefined();
  });

  it('re-creates a fixed-name hook on the next sync (BeforeHookCreation)', async () => {
    const before = await read('batch', 'Job', 'migrate');
    const { result } = await sync(connection, {
      appName: 'hooks-app',
      desired: [hook(jobObject('migrate', ns), 'PreSync')],
      live: [],
      options: {},
    });
    expect(result.phase, result.message).toBe('Succeeded');
    const after = await read('batch', 'Job', 'migrate');
    expect(after?.metadata?.uid).not.toBe(before?.metadata?.uid);
  });

  it('a failing PostSync hook fails the operation and runs the SyncFail hook; HookSucceeded deletes it', async () => {
    const desired = [
      configMapObject('app-config', ns),
      hook(podObject('smoke', ns), 'PostSync'),
      hook(jobObject('notify', ns), 'SyncFail', { 'argocd.argoproj.io/hook-delete-policy': 'HookSucceeded' }),
    ];
    const failPod = async (p: SyncProgress) => {
      const smoke = p.resources.find((r) => r.name === 'smoke');
      if (smoke?.hookPhase !== 'Running' || failing) return;
      failing = connection.request({
        verb: 'patch',
        method: 'PATCH',
        path: `/api/v1/namespaces/${ns}/pods/smoke/status`,
        contentType: 'application/merge-patch+json',
        body: JSON.stringify({ status: { phase: 'Failed', message: 'smoke test failed' } }),
        what: 'fail the smoke pod',
      });
      await failing;
    };
    let failing: Promise<unknown> | undefined;
    const { result } = await sync(
      connection,
      { appName: 'hooks-app', desired, live: [], options: {} },
      {},
      (p) => void failPod(p),
    );
    await failing;
    expect(result.phase).toBe('Failed');
    expect(result.resources.map((r) => [r.phase, r.name, r.status, r.hookPhase])).toEqual([
      ['Sync', 'app-config', 'Synced', undefined],
      ['PostSync', 'smoke', 'SyncFailed', 'Failed'],
      ['SyncFail', 'notify', 'Synced', 'Succeeded'],
    ]);
    await until(
      'the SyncFail hook deleted',
      async () => (await read('batch', 'Job', 'notify')) === undefined,
    );
    const smoke = await read('', 'Pod', 'smoke');
    expect(smoke?.metadata?.finalizers ?? []).not.toContain('argocd.argoproj.io/hook-finalizer');
  });
});

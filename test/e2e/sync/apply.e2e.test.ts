// A sync on the real cluster: objects applied server-side with the tracking id, a dry run that
// changes nothing, prune of what git dropped (keeping Prune=false), and the write gate.
import { describe, expect, it } from 'vitest';
import { readLiveObject } from '../../../engine/sync/index.ts';
import { clientsOf, connect, testNamespace } from '../live/liveTestKit.ts';
import { annotated, configMapObject, deploymentObject, serviceObject, sync } from './syncTestKit.ts';

const ns = testNamespace('sync-apply');
const connection = connect('plumbline-a');
const { core } = clientsOf(connection);
const app = 'apply-app';
const desired = [
  deploymentObject('web', ns),
  serviceObject('web', ns),
  configMapObject('settings', ns, { mode: 'a' }),
  annotated(configMapObject('keep', ns), { 'argocd.argoproj.io/sync-options': 'Prune=false' }),
];
const cm = (name: string) =>
  readLiveObject(connection, { group: '', kind: 'ConfigMap', namespace: ns, name });

describe('sync: apply, dry run, prune', () => {
  it('applies a Deployment, Service and ConfigMaps, live with the tracking id', async () => {
    const { result, progress } = await sync(connection, { appName: app, desired, live: [], options: {} });
    expect(result.phase, result.message).toBe('Succeeded');
    expect(result.resources.map((r) => [r.kind, r.name, r.status])).toEqual([
      ['ConfigMap', 'keep', 'Synced'],
      ['ConfigMap', 'settings', 'Synced'],
      ['Service', 'web', 'Synced'],
      ['Deployment', 'web', 'Synced'],
    ]);
    expect(progress[0]?.phase).toBe('Running');
    const live = await readLiveObject(connection, {
      group: 'apps',
      kind: 'Deployment',
      namespace: ns,
      name: 'web',
    });
    expect(live?.metadata?.annotations).toMatchObject({
      'argocd.argoproj.io/tracking-id': `${app}:apps/Deployment:${ns}/web`,
    });
    expect(JSON.stringify(live?.metadata?.managedFields)).toContain('"manager":"plumbline"');
  });

  it('a dry run changes nothing', async () => {
    const changed = [
      ...desired.slice(0, 2),
      configMapObject('settings', ns, { mode: 'b' }),
      configMapObject('new', ns),
    ];
    const live = (await Promise.all(['settings', 'keep'].map(cm))).filter((o) => o !== undefined);
    const { result } = await sync(connection, {
      appName: app,
      desired: changed,
      live,
      options: { dryRun: true, prune: true },
    });
    expect(result.phase, result.message).toBe('Succeeded');
    expect(result.resources.find((r) => r.name === 'new')?.message).toBe('created (dry run)');
    expect((await cm('settings'))?.data).toEqual({ mode: 'a' });
    expect(await cm('new')).toBeUndefined();
  });

  it('a refusal of the write gate fails the object with its message', async () => {
    const { result } = await sync(
      connection,
      { appName: app, desired: [configMapObject('settings', ns, { mode: 'c' })], live: [], options: {} },
      {
        authorize: (action, obj) =>
          Promise.resolve({ allowed: false, message: `no ${action} of ${String(obj.kind)}` }),
      },
    );
    expect(result.phase).toBe('Failed');
    expect(result.resources[0]).toMatchObject({
      status: 'SyncFailed',
      message: 'refused by policy: no apply of ConfigMap',
    });
    expect((await cm('settings'))?.data).toEqual({ mode: 'a' });
  });

  it('prunes what git dropped, keeps Prune=false, and only with prune requested', async () => {
    const live = (await Promise.all(['settings', 'keep'].map(cm))).filter((o) => o !== undefined);
    const remaining = desired.slice(0, 2);
    const withoutPrune = await sync(connection, { appName: app, desired: remaining, live, options: {} });
    expect(
      withoutPrune.result.resources.filter((r) => r.status === 'PruneSkipped').map((r) => r.name),
    ).toEqual(['settings', 'keep']);
    expect(await cm('settings')).toBeDefined();

    const { result } = await sync(connection, {
      appName: app,
      desired: remaining,
      live,
      options: { prune: true },
    });
    expect(result.phase, result.message).toBe('Succeeded');
    expect(
      result.resources.filter((r) => r.kind === 'ConfigMap').map((r) => [r.name, r.status, r.message]),
    ).toEqual([
      ['settings', 'Pruned', 'pruned'],
      ['keep', 'PruneSkipped', 'ignored (no prune)'],
    ]);
    expect(await cm('settings')).toBeUndefined();
    expect(await cm('keep')).toBeDefined();
    expect((await core.readNamespacedService({ name: 'web', namespace: ns })).metadata?.name).toBe('web');
  });

  it('with FailOnSharedResource=true refuses an object another app deployed', async () => {
    const shared = [
      annotated(configMapObject('keep', ns), {
        'argocd.argoproj.io/sync-options': 'FailOnSharedResource=true',
      }),
    ];
    const { result } = await sync(connection, {
      appName: 'other-app',
      desired: shared,
      live: [],
      options: {},
    });
    expect(result.phase).toBe('Failed');
    expect(result.resources[0]?.message).toBe(
      `Shared resource found: ConfigMap/keep is part of applications other-app and ${app}`,
    );
    expect(JSON.stringify((await cm('keep'))?.metadata)).toContain(
      `"argocd.argoproj.io/tracking-id":"${app}:`,
    );
  });
});

// The #15 sync options on the real cluster: managedNamespaceMetadata on the CreateNamespace=true
// namespace (created with it; updated server-side on a later sync without touching what others
// set; an existing namespace of no managed metadata left alone), RespectIgnoreDifferences keeping
// a live replica count, and client-side apply migration removing a field git dropped. A managed
// namespace that carries the app's tracking id is compared as the app's and never pruned.
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { LiveCache } from '../../../engine/cluster/liveCache.ts';
import { compareApp } from '../../../engine/controller/compareApp.ts';
import { Predictions } from '../../../engine/controller/predictions.ts';
import { setTrackingId, type KubeObject } from '../../../engine/diff/index.ts';
import { managedNamespaceObject, readLiveObject, type SyncRequest } from '../../../engine/sync/index.ts';
import { clientsOf, connect, testNamespace, until } from '../live/liveTestKit.ts';
import { configMapObject, deploymentObject, sync } from './syncTestKit.ts';

const ns = testNamespace('sync-fields');
const connection = connect('plumbline-a');
const { core, apps } = clientsOf(connection);
const managed = `sync-managed-${randomBytes(3).toString('hex')}`;
const foreign = `sync-foreign-${randomBytes(3).toString('hex')}`;
const owned = `sync-owned-${randomBytes(3).toString('hex')}`;

const run = (desired: KubeObject[], extra: Partial<SyncRequest> = {}, syncOptions: string[] = []) =>
  sync(connection, { appName: 'fields-app', desired, live: [], options: { syncOptions }, ...extra });
const namespaceMeta = async (name: string) => (await core.readNamespace({ name })).metadata;

afterAll(async () => {
  for (const name of [managed, foreign, owned]) await core.deleteNamespace({ name }).catch(() => undefined);
});

describe('managedNamespaceMetadata', () => {
  it('creates the namespace with its labels and annotations, then updates only its own', async () => {
    const first = await run(
      [configMapObject('settings', managed)],
      {
        namespace: managed,
        managedNamespaceMetadata: { labels: { team: 'shop' }, annotations: { owner: 'ops' } },
      },
      ['CreateNamespace=true'],
    );
    expect(first.result.phase, first.result.message).toBe('Succeeded');
    expect(first.result.resources.map((r) => [r.kind, r.phase, r.status])).toEqual([
      ['Namespace', 'PreSync', 'Synced'],
      ['ConfigMap', 'Sync', 'Synced'],
    ]);
    const created = await namespaceMeta(managed);
    expect(created?.labels).toMatchObject({ team: 'shop' });
    expect(created?.annotations).toMatchObject({
      owner: 'ops',
      'argocd.argoproj.io/sync-options': 'ServerSideApply=true',
    });

    // someone else labels the namespace; the app changes its label and drops its annotation
    await core.patchNamespace({
      name: managed,
      body: [{ op: 'add', path: '/metadata/labels/other', value: 'keep' }],
    });
    const second = await run(
      [configMapObject('settings', managed)],
      { namespace: managed, managedNamespaceMetadata: { labels: { team: 'web' } } },
      ['CreateNamespace=true'],
    );
    expect(second.result.phase, second.result.message).toBe('Succeeded');
    expect(second.result.resources.map((r) => r.kind)).toEqual(['Namespace', 'ConfigMap']);
    const updated = await namespaceMeta(managed);
    expect(updated?.labels).toMatchObject({ team: 'web', other: 'keep' });
    expect(updated?.annotations).not.toHaveProperty('owner');
  });

  it('leaves an existing namespace alone when the app does not manage its metadata', async () => {
    await core.createNamespace({ body: { metadata: { name: foreign, labels: { mine: 'yes' } } } });
    const before = await namespaceMeta(foreign);
    const { result } = await run([configMapObject('settings', foreign)], { namespace: foreign }, [
      'CreateNamespace=true',
    ]);
    expect(result.phase, result.message).toBe('Succeeded');
    expect(result.resources.map((r) => r.kind)).toEqual(['ConfigMap']);
    const after = await namespaceMeta(foreign);
    expect(after?.resourceVersion).toBe(before?.resourceVersion);
    expect(after?.managedFields?.map((f) => f.manager)).not.toContain('plumbline');
  });
});

describe('a managed namespace tracked through its metadata (Argo CD’s documented way to own it)', () => {
  it('is compared as one of the app’s objects (Synced) and never pruned', { timeout: 60_000 }, async () => {
    const annotations = setTrackingId(
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: owned } },
      'owner-app',
    ).metadata?.annotations as Record<string, string>;
    const app = {
      namespace: owned,
      managedNamespaceMetadata: { labels: { team: 'shop' }, annotations },
    } satisfies Partial<SyncRequest>;
    const desired = [setTrackingId(configMapObject('settings', owned), 'owner-app')];
    const first = await sync(connection, {
      appName: 'owner-app',
      desired,
      live: [],
      ...app,
      options: { syncOptions: ['CreateNamespace=true'] },
    });
    expect(first.result.phase, first.result.message).toBe('Succeeded');

    const cache = new LiveCache(connection, { backoff: { initialMs: 200, maxMs: 1_000 } });
    try {
      cache.ensureTypes([
        { group: '', kind: 'Namespace' },
        { group: '', kind: 'ConfigMap' },
      ]);
      await until('the namespace in the cache', () => cache.get(`/Namespace//${owned}`));
      const compared = await compareApp({
        appName: 'owner-app',
        desired,
        cache,
        predictions: new Predictions(),
        ignoreDifferences: [],
        managedNamespace: managedNamespaceObject(owned, app.managedNamespaceMetadata),
      });
      expect(compared.resources.map((r) => [r.comparison.key.kind, r.comparison.status])).toEqual([
        ['ConfigMap', 'Synced'],
        ['Namespace', 'Synced'],
      ]);
      expect(compared.sync.status).toBe('Synced');

      const pruning = await sync(connection, {
        appName: 'owner-app',
        desired,
        live: cache.objectsTrackedBy('owner-app'),
        ...app,
        options: { prune: true, syncOptions: ['CreateNamespace=true'] },
      });
      expect(pruning.result.phase, pruning.result.message).toBe('Succeeded');
      expect(pruning.result.resources.filter((r) => r.status === 'Pruned')).toEqual([]);
      expect((await namespaceMeta(owned))?.labels).toMatchObject({ team: 'shop' });
    } finally {
      cache.close();
    }
  });
});

describe('RespectIgnoreDifferences=true', () => {
  const ignoreReplicas = [{ group: 'apps', kind: 'Deployment', jsonPointers: ['/spec/replicas'] }];
  const scaleTo = (name: string, replicas: number) =>
    apps.patchNamespacedDeploymentScale({
      name,
      namespace: ns,
      body: [{ op: 'replace', path: '/spec/replicas', value: replicas }],
    });

  it('keeps the live replica count while applying the rest of git; without it git’s count wins', async () => {
    const web = deploymentObject('web', ns);
    expect((await run([web])).result.phase).toBe('Succeeded');
    await scaleTo('web', 3);
    const image = (tag: string): KubeObject => {
      const copy = structuredClone(web) as {
        spec: { template: { spec: { containers: { image: string }[] } } };
      };
      copy.spec.template.spec.containers[0]!.image = `registry.invalid/web:${tag}`;
      return copy as unknown as KubeObject;
    };
    const kept = await run([image('2')], { ignoreDifferences: ignoreReplicas }, [
      'RespectIgnoreDifferences=true',
    ]);
    expect(kept.result.phase, kept.result.message).toBe('Succeeded');
    const live = (await apps.readNamespacedDeployment({ name: 'web', namespace: ns })).spec;
    expect(live?.replicas).toBe(3);
    expect(live?.template.spec?.containers[0]?.image).toBe('registry.invalid/web:2');

    const reset = await run([image('3')], { ignoreDifferences: ignoreReplicas });
    expect(reset.result.phase, reset.result.message).toBe('Succeeded');
    expect((await apps.readNamespacedDeployment({ name: 'web', namespace: ns })).spec?.replicas).toBe(1);
  });
});

describe('client-side apply migration', () => {
  const writeClientSide = (name: string, manager: string) =>
    core.createNamespacedConfigMap({
      namespace: ns,
      fieldManager: manager,
      body: { metadata: { name }, data: { a: '1', b: '2' } },
    });
  const data = async (name: string) =>
    (await readLiveObject(connection, { group: '', kind: 'ConfigMap', namespace: ns, name }))?.data;
  const managers = async (name: string) =>
    (await core.readNamespacedConfigMap({ name, namespace: ns })).metadata?.managedFields?.map(
      (f) => `${f.manager}/${f.operation}`,
    );

  it('hands kubectl-client-side-apply’s fields to Plumbline, so a field git dropped goes', async () => {
    await writeClientSide('migrated', 'kubectl-client-side-apply');
    const { result } = await run([configMapObject('migrated', ns, { a: '1' })]);
    expect(result.phase, result.message).toBe('Succeeded');
    expect(await data('migrated')).toEqual({ a: '1' });
    expect(await managers('migrated')).toEqual(['plumbline/Apply']);
  });

  it('ClientSideApplyMigration=false keeps the client-side fields; the annotation names another manager', async () => {
    await writeClientSide('kept', 'kubectl-client-side-apply');
    const kept = await run([configMapObject('kept', ns, { a: '1' })], {}, ['ClientSideApplyMigration=false']);
    expect(kept.result.phase, kept.result.message).toBe('Succeeded');
    expect(await data('kept')).toEqual({ a: '1', b: '2' });

    await writeClientSide('custom', 'my-manager');
    const custom = await run([configMapObject('custom', ns, { a: '1' })], {
      clientSideApplyMigrationManager: 'my-manager',
    });
    expect(custom.result.phase, custom.result.message).toBe('Succeeded');
    expect(await data('custom')).toEqual({ a: '1' });
  });
});

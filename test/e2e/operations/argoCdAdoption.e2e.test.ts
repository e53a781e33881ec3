// Moving applications from Argo CD to Plumbline on the real cluster. The test writes objects
// exactly as Argo CD's controller does (client-side apply: kubectl's last-applied annotation,
// field manager argocd-controller) with Argo CD's tracking — the tracking-id annotation, or the
// app.kubernetes.io/instance label — and objects Plumbline itself deployed before it followed
// Argo CD (plumbline.dev/tracking-id). Plumbline recognises them as the application's, finds
// them Synced and writes nothing (no new field manager, no new generation; auto-sync on). An
// application an Argo CD in the cluster still manages (its Application object exists) shows
// ManagedByArgoCD and is not auto-synced even though it is out of sync.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { PlumblineClient } from '../../../engine/api/client.ts';
import type { KubeObject } from '../../../engine/diff/index.ts';
import type { Engine } from '../../../engine/index.ts';
import { readLiveObject } from '../../../engine/sync/index.ts';
import { tempDir } from '../../support/tempDir.ts';
import { testEngine } from '../../support/testEngine.ts';
import { applicationYaml, remoteWith } from '../../support/workspaceFixtures.ts';
import { connect, testNamespace, until } from '../live/liveTestKit.ts';
import { configMapObject, deploymentObject } from '../sync/syncTestKit.ts';

const root = tempDir();
const ns = testNamespace('adopt');
const suffix = ns.split('-').at(-1)!;
const connection = connect('plumbline-a');
const apps = { annotation: `ann-${suffix}`, label: `lbl-${suffix}`, stillArgo: `argo-${suffix}` };
const argoNamespace = `argocd-${suffix}`;
const engines: Engine[] = [];
let crdCreated = false;

const trackingId = (app: string, obj: KubeObject) => {
  const apiVersion = String(obj.apiVersion);
  const group = apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
  const meta = obj.metadata as { name: string };
  return `${app}:${group}/${obj.kind}:${ns}/${meta.name}`;
};

function marked(
  obj: KubeObject,
  annotations: Record<string, string>,
  labels: Record<string, string> = {},
): KubeObject {
  const meta = obj.metadata as Record<string, unknown>;
  return {
    ...obj,
    metadata: {
      ...meta,
      annotations: { ...(meta.annotations as object), ...annotations },
      labels: { ...(meta.labels as object), ...labels },
    },
  };
}

/** What Argo CD's client-side apply creates: the object, its last-applied annotation, its field manager. */
async function argoApply(obj: KubeObject): Promise<void> {
  const meta = obj.metadata as { annotations?: Record<string, string> };
  const body = {
    ...obj,
    metadata: {
      ...obj.metadata,
      annotations: {
        ...meta.annotations,
        'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify(obj),
      },
    },
  };
  const resource = await connection.resourceFor(
    String(obj.apiVersion).includes('/') ? 'apps' : '',
    String(obj.kind),
  );
  await connection.request({
    verb: 'patch',
    method: 'POST',
    path: connection.resourcePath(resource!, ns),
    query: { fieldManager: 'argocd-controller' },
    body: JSON.stringify(body),
    contentType: 'application/json',
    what: `create ${String(obj.kind)}`,
  });
}

/**
 * What a write by anyone but the cluster's own controllers changes: the generation, and the
 * managed fields of every other manager (a Deployment's status moves on its own meanwhile).
 */
async function writtenStates(objs: KubeObject[]): Promise<string[]> {
  return Promise.all(
    objs.map(async (obj) => {
      const live = await readLiveObject(connection, {
        group: String(obj.apiVersion).includes('/') ? 'apps' : '',
        kind: String(obj.kind),
        namespace: ns,
        name: (obj.metadata as { name: string }).name,
      });
      const meta = (live?.metadata ?? {}) as {
        generation?: number;
        managedFields?: Array<{ manager?: string; operation?: string; time?: string; subresource?: string }>;
      };
      const writers = (meta.managedFields ?? [])
        .filter((entry) => entry.manager !== 'kube-controller-manager' && entry.subresource !== 'status')
        .map((entry) => `${entry.manager} ${entry.operation} ${entry.time}`);
      return JSON.stringify({ generation: meta.generation, writers });
    }),
  );
}

const annotationObjects = [
  deploymentObject('web-ann', ns),
  configMapObject('settings-ann', ns),
  configMapObject('legacy-ann', ns),
];
const labelObjects = [deploymentObject('web-lbl', ns), configMapObject('settings-lbl', ns)];
const stillArgoObject = configMapObject('settings-argo', ns);

async function workspaceWith(
  name: string,
  app: string,
  path: string,
  settings?: object,
): Promise<PlumblineClient> {
  const workspace = join(root, name);
  await mkdir(workspace, { recursive: true });
  await writeFile(
    join(workspace, `${app}.yaml`),
    applicationYaml(app, {
      source: { repoURL: remote, path, targetRevision: 'main' },
      destination: { name: 'plumbline-a', namespace: ns },
      syncPolicy: { automated: { prune: true, selfHeal: true } },
    }),
  );
  if (settings) {
    await mkdir(join(root, `${name}-data`), { recursive: true });
    await writeFile(join(root, `${name}-data`, 'config.json'), JSON.stringify(settings));
  }
  const { engine, client } = testEngine(root, workspace, { dataDir: `${name}-data` });
  engines.push(engine);
  return client;
}

let remote = '';

beforeAll(async () => {
  const git = await remoteWith(root, 'argo.git', {
    'ann/all.yaml': annotationObjects.map((o) => stringify(o)).join('---\n'),
    'lbl/all.yaml': labelObjects.map((o) => stringify(o)).join('---\n'),
    // git says one thing, the cluster another: out of sync
    'argo/cm.yaml': stringify({ ...stillArgoObject, data: { level: 'git' } }),
  });
  remote = git.remote.bare;
  const [web, settings, legacy] = annotationObjects as [KubeObject, KubeObject, KubeObject];
  await argoApply(marked(web, { 'argocd.argoproj.io/tracking-id': trackingId(apps.annotation, web) }));
  await argoApply(
    marked(settings, { 'argocd.argoproj.io/tracking-id': trackingId(apps.annotation, settings) }),
  );
  // deployed by an earlier Plumbline: its own annotation, server-side apply's field manager
  await argoApply(marked(legacy, { 'plumbline.dev/tracking-id': trackingId(apps.annotation, legacy) }));
  for (const obj of labelObjects)
    await argoApply(marked(obj, {}, { 'app.kubernetes.io/instance': apps.label }));
  await argoApply(
    marked(
      { ...stillArgoObject, data: { level: 'cluster' } },
      { 'argocd.argoproj.io/tracking-id': trackingId(apps.stillArgo, stillArgoObject) },
    ),
  );
}, 120_000);

afterAll(async () => {
  await Promise.all(engines.map((engine) => engine.close()));
  if (crdCreated) {
    await connection
      .request({
        verb: 'patch',
        method: 'DELETE',
        path: '/apis/apiextensions.k8s.io/v1/customresourcedefinitions/applications.argoproj.io',
        what: 'delete the Application CRD',
      })
      .catch(() => undefined);
  }
});

async function syncedWithoutWrites(client: PlumblineClient, app: string, objs: KubeObject[]): Promise<void> {
  const before = await writtenStates(objs);
  const summary = await until(`${app} compared`, async () => {
    const { app: current } = await client.call('apps.refresh', { name: app });
    return current.sync.status !== 'Unknown' && current.revision ? current : undefined;
  });
  const { resources } = await client.call('apps.diff', { name: app });
  expect(
    resources
      .filter((r) => r.status !== 'Synced')
      .map((r) => `${r.key.kind}/${r.key.name}: ${r.status} ${r.changedPaths.join(' ')}`),
    'every object adopted',
  ).toEqual([]);
  expect(summary.sync.status).toBe('Synced');
  expect(resources.map((r) => r.key.name).sort()).toEqual(
    objs.map((o) => (o.metadata as { name: string }).name).sort(),
  );
  // auto-sync (on, with prune and self-heal) had its chance: nothing was written
  await new Promise((resolve) => setTimeout(resolve, 5000));
  expect((await client.call('apps.get', { name: app })).app.sync.status).toBe('Synced');
  expect(await writtenStates(objs)).toEqual(before);
}

describe('adopting what Argo CD deployed', () => {
  it("recognises Argo CD's tracking-id annotation and Plumbline's earlier one: Synced, nothing written", async () => {
    const client = await workspaceWith('annotation', apps.annotation, 'ann');
    await syncedWithoutWrites(client, apps.annotation, annotationObjects);
  });

  it('recognises the app.kubernetes.io/instance label with label tracking: Synced, nothing written', async () => {
    const client = await workspaceWith('label', apps.label, 'lbl', {
      application: { resourceTrackingMethod: 'label' },
    });
    await syncedWithoutWrites(client, apps.label, labelObjects);
    // the settings read last hold for the process: the next engine reads its own (the default)
    await engines.pop()?.close();
  });

  it('shows an application an Argo CD still manages and does not auto-sync it', async () => {
    await connection.request({
      verb: 'patch',
      method: 'POST',
      path: '/apis/apiextensions.k8s.io/v1/customresourcedefinitions',
      body: JSON.stringify({
        apiVersion: 'apiextensions.k8s.io/v1',
        kind: 'CustomResourceDefinition',
        metadata: { name: 'applications.argoproj.io' },
        spec: {
          group: 'argoproj.io',
          scope: 'Namespaced',
          names: {
            plural: 'applications',
            singular: 'application',
            kind: 'Application',
            listKind: 'ApplicationList',
          },
          versions: [
            {
              name: 'v1alpha1',
              served: true,
              storage: true,
              schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
            },
          ],
        },
      }),
      contentType: 'application/json',
      what: 'create the Application CRD',
    });
    crdCreated = true;
    await connection.request({
      verb: 'patch',
      method: 'POST',
      path: '/api/v1/namespaces',
      body: JSON.stringify({ metadata: { name: argoNamespace } }),
      contentType: 'application/json',
      what: 'create the argocd namespace',
    });
    await until(
      'the Application kind served',
      async () => {
        try {
          await connection.request({
            verb: 'patch',
            method: 'POST',
            path: `/apis/argoproj.io/v1alpha1/namespaces/${argoNamespace}/applications`,
            body: JSON.stringify({
              apiVersion: 'argoproj.io/v1alpha1',
              kind: 'Application',
              metadata: { name: apps.stillArgo },
              spec: { project: 'default' },
            }),
            contentType: 'application/json',
            what: 'create the Argo CD Application',
          });
          return true;
        } catch {
          return false;
        }
      },
      60_000,
    );
    const before = await writtenStates([stillArgoObject]);
    const client = await workspaceWith('still-argo', apps.stillArgo, 'argo');
    const app = await until(
      `${apps.stillArgo} with ManagedByArgoCD`,
      async () => {
        const { app: current } = await client.call('apps.refresh', { name: apps.stillArgo });
        return current.conditions.some((c) => c.type === 'ManagedByArgoCD') ? current : undefined;
      },
      60_000,
    );
    expect(app.sync.status).toBe('OutOfSync');
    expect(app.conditions.find((c) => c.type === 'ManagedByArgoCD')?.message).toContain(
      `Argo CD Application ${argoNamespace}/${apps.stillArgo}`,
    );
    await new Promise((resolve) => setTimeout(resolve, 8000));
    expect((await client.call('apps.get', { name: apps.stillArgo })).app.lastSync).toBeNull();
    expect(await writtenStates([stillArgoObject])).toEqual(before);
    await connection
      .request({
        verb: 'patch',
        method: 'DELETE',
        path: `/api/v1/namespaces/${argoNamespace}`,
        what: 'delete ns',
      })
      .catch(() => undefined);
  });
});

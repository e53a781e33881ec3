// An app of apps on the test cluster: the parent's git folder holds two Applications (one with
// Argo CD's resources finalizer), each auto-syncing a ConfigMap into plumbline-a. The children
// appear marked with their parent and deploy; the parent applies none of them as objects; a
// commit removing the finalized child deletes it and prunes its ConfigMap, the other stays.
import { randomBytes } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { PlumblineClient } from '../../../engine/api/client.ts';
import type { Engine } from '../../../engine/index.ts';
import { makeRemote, type Remote } from '../../support/gitFixtures.ts';
import { tempDir } from '../../support/tempDir.ts';
import { testEngine } from '../../support/testEngine.ts';
import { applicationYaml } from '../../support/workspaceFixtures.ts';
import { clientsOf, connect, until } from '../live/liveTestKit.ts';

const root = tempDir();
const suffix = randomBytes(3).toString('hex');
const namespace = `aoa-${suffix}`;
const core = clientsOf(connect('plumbline-a')).core;
const names = { parent: `aoa-root-${suffix}`, a: `aoa-a-${suffix}`, b: `aoa-b-${suffix}` };
let config: Remote;
let engine: Engine;
let client: PlumblineClient;

const child = (name: string, path: string, finalizers: string[] = []) =>
  stringify({
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name, namespace: 'argocd', ...(finalizers.length ? { finalizers } : {}) },
    spec: {
      project: 'default',
      source: { repoURL: config.bare, targetRevision: 'main', path },
      destination: { name: 'plumbline-a', namespace },
      syncPolicy: { automated: { prune: true } },
    },
  });
const configMap = (name: string) =>
  stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: { from: name } });
const configMapThere = (name: string) =>
  core.readNamespacedConfigMap({ name, namespace }).then(
    () => true,
    () => false,
  );
const apps = async () => (await client.call('apps.list', {})).apps;

beforeAll(async () => {
  await core.createNamespace({ body: { metadata: { name: namespace } } });
  config = await makeRemote(root, 'config.git');
  await config.commit(
    {
      'a/cm.yaml': configMap('cm-a'),
      'b/cm.yaml': configMap('cm-b'),
      'children/a.yaml': child(names.a, 'a'),
      'children/b.yaml': child(names.b, 'b', ['resources-finalizer.argocd.argoproj.io']),
    },
    'app of apps',
  );
  await config.push('main');
  const workspace = join(root, 'workspace');
  await mkdir(workspace, { recursive: true });
  await writeFile(
    join(workspace, 'root.yaml'),
    applicationYaml(names.parent, {
      source: { repoURL: config.bare, targetRevision: 'main', path: 'children' },
      destination: { name: 'plumbline-a', namespace: 'argocd' },
      syncPolicy: { automated: { prune: true } },
    }),
  );
  ({ engine, client } = testEngine(root, workspace, { repoPollMs: 1_000 }));
}, 120_000);

afterAll(async () => {
  await engine?.close();
  await core.deleteNamespace({ name: namespace }).catch(() => undefined);
});

describe('app of apps on the test cluster', () => {
  it('its children appear under it and each syncs its own objects', { timeout: 180_000 }, async () => {
    await until(
      'both children listed',
      async () => {
        const list = await apps();
        return [names.a, names.b].every((name) => list.some((app) => app.name === name));
      },
      90_000,
    );
    const list = await apps();
    for (const name of [names.a, names.b])
      expect(list.find((app) => app.name === name)!.parent).toBe(names.parent);
    await until(
      'both ConfigMaps deployed',
      async () => (await configMapThere('cm-a')) && configMapThere('cm-b'),
      120_000,
    );
    const manifests = JSON.stringify(await client.call('apps.manifests', { name: names.parent }));
    expect(manifests).not.toContain(names.a);
    await until(
      'the children synced',
      async () =>
        (await apps())
          .filter((app) => app.parent === names.parent)
          .every((app) => app.sync.status === 'Synced'),
      90_000,
    );
  });

  it(
    'a commit removing the finalized child deletes it and prunes its objects',
    { timeout: 180_000 },
    async () => {
      await rm(join(config.work, 'children', 'b.yaml'));
      await config.commit({}, 'remove b');
      await config.push('main');
      await client.call('apps.refresh', { name: names.parent });
      await until('child b gone', async () => !(await apps()).some((app) => app.name === names.b), 90_000);
      expect(await configMapThere('cm-b')).toBe(false);
      expect(await configMapThere('cm-a')).toBe(true);
      expect((await apps()).find((app) => app.name === names.a)!.parent).toBe(names.parent);
    },
  );
});

// "App of apps" in a running engine with real git: a parent whose manifests hold argoproj.io
// Applications makes them child applications (marked with their parent, not objects of the
// parent's cluster); a child removed from git goes (without the resources finalizer at once;
// with it, only once its objects are deleted — here its cluster is unreachable, so it stays with
// a DeletionError); a generated child is not edited as a workspace file.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { PlumblineClient } from '../../../engine/api/client.ts';
import type { AppSummary } from '../../../engine/api/contract.ts';
import type { Engine } from '../../../engine/index.ts';
import { makeRemote, type Remote } from '../../support/gitFixtures.ts';
import { writeKubeconfig } from '../../support/kubeconfigFixture.ts';
import { tempDir } from '../../support/tempDir.ts';
import { testEngine } from '../../support/testEngine.ts';
import { applicationYaml } from '../../support/workspaceFixtures.ts';

const root = tempDir();
let config: Remote;
let engine: Engine;
let client: PlumblineClient;

const child = (
  name: string,
  finalizers: string[] = [],
  path = 'plain',
  project = 'default',
  repoURL?: string,
) =>
  stringify({
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name, ...(finalizers.length ? { finalizers } : {}) },
    spec: {
      project,
      source: { repoURL: repoURL ?? config.bare, targetRevision: 'main', path },
      destination: { name: 'dev', namespace: name },
    },
  });

async function until(ok: (apps: AppSummary[]) => boolean, timeoutMs = 60_000): Promise<AppSummary[]> {
  const started = Date.now();
  for (;;) {
    const { apps } = await client.call('apps.list', {});
    if (ok(apps)) return apps;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out: ${JSON.stringify(apps, null, 1)}`);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}
const named = (apps: AppSummary[], name: string) => apps.find((app) => app.name === name);

beforeAll(async () => {
  config = await makeRemote(root, 'config.git');
  await config.commit(
    {
      'plain/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm}\n',
      'children/a.yaml': child('child-a'),
      'children/b.yaml': child('child-b'),
      'children/c.yaml': child('child-c', ['resources-finalizer.argocd.argoproj.io']),
      'children/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: parent-own}\n',
      // a child that is itself a parent, whose manifests point back at the root (a cycle)
      'children/mid.yaml': child('mid', [], 'grandchildren'),
      'grandchildren/leaf.yaml': child('leaf'),
      'grandchildren/back.yaml': child('root'),
      // a name a workspace file already has
      'children/taken.yaml': child('taken'),
      // an AppProject that admits only this repository, and children in it
      'children/project.yaml': stringify({
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'AppProject',
        metadata: { name: 'team' },
        spec: { sourceRepos: [config.bare], destinations: [{ name: 'dev', namespace: '*' }] },
      }),
      'children/team-ok.yaml': child('team-ok', [], 'plain', 'team'),
      'children/team-bad.yaml': child('team-bad', [], 'plain', 'team', 'https://git.example.test/other.git'),
      // an ApplicationSet
      'children/set.yaml': stringify({
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'ApplicationSet',
        metadata: { name: 'envs' },
        spec: {
          generators: [{ list: { elements: [{ env: 'dev' }, { env: 'prod' }] } }],
          template: {
            metadata: { name: 'envs-{{env}}' },
            spec: {
              project: 'team',
              source: { repoURL: config.bare, targetRevision: 'main', path: 'plain' },
              destination: { name: 'dev', namespace: '{{env}}' },
            },
          },
          // the cluster is unreachable here: nothing to prune when the set leaves
          syncPolicy: { preserveResourcesOnDeletion: true },
        },
      }),
    },
    'children',
  );
  await config.push('main');
  const workspace = join(root, 'workspace');
  await mkdir(workspace, { recursive: true });
  await writeFile(
    join(workspace, 'root.yaml'),
    applicationYaml('root', {
      source: { repoURL: config.bare, targetRevision: 'main', path: 'children' },
      destination: { name: 'dev', namespace: 'argocd' },
    }),
  );
  await writeFile(
    join(workspace, 'taken.yaml'),
    applicationYaml('taken', {
      source: { repoURL: config.bare, targetRevision: 'main', path: 'plain' },
      destination: { name: 'dev', namespace: 'taken' },
    }),
  );
  const kubeconfig = writeKubeconfig(
    root,
    'kubeconfig.yaml',
    [{ name: 'dev', server: 'https://127.0.0.1:9', user: 'u' }],
    'dev',
  );
  ({ engine, client } = testEngine(root, workspace, { kubeconfig, repoPollMs: 300 }));
}, 60_000);

afterAll(async () => {
  await engine.close();
});

describe('app of apps', () => {
  it(
    'makes the Applications of a parent’s manifests its children, not objects of its cluster',
    { timeout: 90_000 },
    async () => {
      const apps = await until((list) =>
        ['child-a', 'child-b', 'child-c'].every((name) => named(list, name)),
      );
      expect(named(apps, 'child-a')!.parent).toBe('root');
      expect(named(apps, 'root')!.parent).toBeUndefined();
      const manifests = await client.call('apps.manifests', { name: 'root' });
      expect(JSON.stringify(manifests)).toContain('parent-own');
      expect(JSON.stringify(manifests)).not.toContain('child-a');
      expect(named(apps, 'root')!.resourceCount).toBe(1);
      await expect(client.call('apps.delete', { name: 'child-a' })).rejects.toThrow(
        /child-a is generated by the manifests of root: change it there/,
      );
    },
  );

  it(
    'a child removed from git goes; one with the resources finalizer waits for its objects to be deleted',
    { timeout: 90_000 },
    async () => {
      await rm(join(config.work, 'children', 'b.yaml'));
      await rm(join(config.work, 'children', 'c.yaml'));
      await config.commit({}, 'remove b and c');
      await config.push('main');
      await client.call('apps.refresh', { name: 'root' });
      const apps = await until((list) => !named(list, 'child-b'));
      expect(named(apps, 'child-a')).toBeDefined();
      const stuck = await until((list) =>
        (named(list, 'child-c')?.conditions ?? []).some(
          (c) => c.type === 'DeletionError' && /could not be deleted/.test(c.message),
        ),
      );
      expect(named(stuck, 'child-c')!.parent).toBe('root');
    },
  );

  it(
    'a child that is a parent has children; a cycle back and a taken name are conditions',
    { timeout: 90_000 },
    async () => {
      const apps = await until(
        (list) =>
          named(list, 'leaf') !== undefined &&
          (named(list, 'mid')?.conditions ?? []).some((c) => /is a cycle/.test(c.message)) &&
          (named(list, 'root')?.conditions ?? []).some((c) => c.type === 'ApplicationNameClash'),
      );
      expect(named(apps, 'leaf')!.parent).toBe('mid');
      expect(named(apps, 'mid')!.parent).toBe('root');
      expect(named(apps, 'mid')!.conditions.find((c) => /is a cycle/.test(c.message))!.message).toMatch(
        /cycle \(root → mid → root\)/,
      );
      expect(named(apps, 'taken')!.parent).toBeUndefined();
      const rootConditions = named(apps, 'root')!.conditions;
      expect(rootConditions.find((c) => c.type === 'ApplicationNameClash')!.message).toMatch(
        /child application taken is not created: a workspace file/,
      );
      expect(rootConditions.find((c) => c.type === 'UnsupportedArgoCdObject')).toBeUndefined();
      expect(named(apps, 'root')!.resourceCount).toBe(1);
      expect(JSON.stringify(await client.call('apps.manifests', { name: 'root' }))).not.toContain(
        'AppProject',
      );
    },
  );

  it(
    "a parent's AppProject judges the applications in it, and its ApplicationSet generates until it leaves git",
    { timeout: 90_000 },
    async () => {
      const { projects } = await client.call('projects.list', {});
      expect(projects.map((project) => project.name)).toContain('team');
      const apps = await until(
        (list) =>
          named(list, 'envs-dev') !== undefined &&
          named(list, 'envs-prod') !== undefined &&
          (named(list, 'team-bad')?.conditions ?? []).some((c) =>
            /not permitted in project 'team'/.test(c.message),
          ),
      );
      expect(named(apps, 'team-ok')!.conditions.filter((c) => /not permitted/.test(c.message))).toEqual([]);
      expect(named(apps, 'envs-dev')!.applicationSet).toBe('envs');
      const { sets } = await client.call('appsets.list', {});
      expect(sets.map((set) => [set.name, set.parent])).toEqual([['envs', 'root']]);
      expect(JSON.stringify(await client.call('apps.manifests', { name: 'root' }))).not.toContain(
        'ApplicationSet',
      );

      await rm(join(config.work, 'children', 'set.yaml'));
      await config.commit({}, 'remove the set');
      await config.push('main');
      await client.call('apps.refresh', { name: 'root' });
      await until((list) => !named(list, 'envs-dev') && !named(list, 'envs-prod'));
      for (let tries = 0; (await client.call('appsets.list', {})).sets.length > 0; tries++) {
        if (tries > 100) throw new Error('the set did not leave the list');
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
  );
});

// ApplicationSets in a running engine, with a real workspace and real git repositories: the
// generated applications join the workspace's applications marked with their set, a git files
// generator follows new commits, a name clash is a condition (the workspace file keeps its
// application), a broken template changes none of the set's applications, a create-only set's
// applications stay when the set leaves, and the preview of an edited set lists what would change.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { PlumblineClient } from '../../../engine/api/client.ts';
import type { AppSetSummary, AppSummary } from '../../../engine/api/contract.ts';
import type { Engine } from '../../../engine/index.ts';
import { makeRemote, type Remote } from '../../support/gitFixtures.ts';
import { writeKubeconfig } from '../../support/kubeconfigFixture.ts';
import { tempDir } from '../../support/tempDir.ts';
import { until } from '../../support/until.ts';
import { testEngine } from '../../support/testEngine.ts';
import { applicationYaml } from '../../support/workspaceFixtures.ts';

const root = tempDir();
const workspace = join(root, 'workspace');
let config: Remote;
let apps: Remote;
let engine: Engine;
let client: PlumblineClient;

function envsSet(template: Record<string, unknown>, extra: Record<string, unknown> = {}): string {
  return stringify({
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'ApplicationSet',
    metadata: { name: 'envs' },
    spec: {
      generators: [
        { git: { repoURL: config.bare, revision: 'main', files: [{ path: 'envs/*/config.json' }] } },
      ],
      template,
      syncPolicy: { preserveResourcesOnDeletion: true },
      ...extra,
    },
  });
}

const goodTemplate = () => ({
  metadata: { name: '{{env}}-app' },
  spec: {
    project: 'default',
    source: { repoURL: apps.bare, targetRevision: 'main', path: 'app' },
    destination: { name: 'dev', namespace: '{{env}}' },
  },
});

const listSet = (name: string, element: string, policy: string, preserve = false) =>
  stringify({
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'ApplicationSet',
    metadata: { name },
    spec: {
      generators: [{ list: { elements: [{ name: element }] } }],
      template: {
        metadata: { name: '{{name}}' },
        spec: {
          project: 'default',
          source: { repoURL: apps.bare, path: 'app' },
          destination: { name: 'dev', namespace: '{{name}}' },
        },
      },
      syncPolicy: { applicationsSync: policy, preserveResourcesOnDeletion: preserve },
    },
  });

const appList = async () => (await client.call('apps.list', {})).apps;
const setList = async () => (await client.call('appsets.list', {})).sets;
const names = (list: AppSummary[]) => list.map((app) => app.name).sort();
const setNamed = (sets: AppSetSummary[], name: string) => sets.find((set) => set.name === name);

beforeAll(async () => {
  config = await makeRemote(root, 'config.git');
  await config.commit({ 'envs/dev/config.json': JSON.stringify({ env: 'dev' }) }, 'dev');
  await config.push('main');
  apps = await makeRemote(root, 'apps.git');
  await apps.commit({ 'app/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm}\n' }, 'app');
  await apps.push('main');
  await mkdir(workspace, { recursive: true });
  await writeFile(
    join(workspace, 'web.yaml'),
    applicationYaml('web', {
      source: { repoURL: apps.bare, path: 'app' },
      destination: { name: 'dev', namespace: 'web' },
    }),
  );
  await writeFile(join(workspace, 'envs.yaml'), envsSet(goodTemplate()));
  await writeFile(join(workspace, 'clash.yaml'), listSet('clash', 'web', 'sync'));
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

describe('ApplicationSets in the engine', () => {
  it(
    'adds the generated applications to the workspace, marked with their set',
    { timeout: 90_000 },
    async () => {
      const list = await until(appList, (l) => names(l).includes('dev-app'));
      expect(names(list)).toEqual(['dev-app', 'web']);
      expect(list.find((app) => app.name === 'dev-app')!.applicationSet).toBe('envs');
      expect(list.find((app) => app.name === 'web')!.applicationSet).toBeUndefined();
      expect(list.find((app) => app.name === 'dev-app')!.file).toBe('envs.yaml');
      const info = await client.call('workspace.info', {});
      expect(info.problems.filter((p) => p.type === 'ApplicationSetNotGenerated')).toEqual([]);
    },
  );

  it(
    'a name clash with a workspace file is a condition on the set; the file keeps its application',
    { timeout: 60_000 },
    async () => {
      const sets = await until(setList, (s) => (setNamed(s, 'clash')?.conditions.length ?? 0) > 0);
      expect(setNamed(sets, 'clash')!.conditions).toEqual([
        {
          type: 'ApplicationNameClash',
          message: expect.stringContaining('the generated application web is not created: a workspace file'),
        },
      ]);
      const web = (await appList()).find((app) => app.name === 'web')!;
      expect(web.applicationSet).toBeUndefined();
      const detail = await client.call('appsets.get', { name: 'envs' });
      expect(detail.set.generators).toEqual([`git files envs/*/config.json of ${config.bare} at main`]);
      expect(detail.set.policy).toBe('sync');
      expect(detail.applications.map((app) => app.name)).toEqual(['dev-app']);
      expect(detail.params['dev-app']).toMatchObject({ env: 'dev', 'path.basename': 'dev' });
    },
  );

  it('a git files generator follows a new commit of its repository', { timeout: 90_000 }, async () => {
    await config.commit({ 'envs/prod/config.json': JSON.stringify({ env: 'prod' }) }, 'prod');
    await config.push('main');
    const list = await until(appList, (l) => names(l).includes('prod-app'));
    expect(list.find((app) => app.name === 'prod-app')!.applicationSet).toBe('envs');
  });

  it(
    'previews an edited set: deleted, changed and unchanged applications with their diffs',
    { timeout: 60_000 },
    async () => {
      const edited = envsSet(
        { ...goodTemplate(), metadata: { name: '{{env}}-app', labels: { team: 'shop' } } },
        {
          generators: [
            { git: { repoURL: config.bare, revision: 'main', files: [{ path: 'envs/dev/config.json' }] } },
          ],
        },
      );
      const preview = await client.call('appsets.preview', { text: edited });
      expect(preview.errors).toEqual([]);
      expect(preview.entries.map((e) => [e.name, e.action])).toEqual([
        ['dev-app', 'update'],
        ['prod-app', 'delete'],
      ]);
      expect(preview.entries[0]!.patch).toContain('+    team: shop');
      expect(preview.entries[1]!.note).toBe('its resources are kept in the cluster');
      const same = await client.call('appsets.preview', { name: 'envs' });
      expect(same.entries.map((e) => e.action)).toEqual(['unchanged', 'unchanged']);
      const broken = await client.call('appsets.preview', { text: 'kind: ApplicationSet\nspec: [' });
      expect(broken.errors.length).toBe(1);
      expect(broken.entries).toEqual([]);
    },
  );

  it(
    'a broken template is a condition on the set and changes none of its applications',
    { timeout: 60_000 },
    async () => {
      const before = (await appList()).filter((app) => app.applicationSet === 'envs');
      await writeFile(
        join(workspace, 'envs.yaml'),
        envsSet({ ...goodTemplate(), spec: { ...goodTemplate().spec, destination: {} } }),
      );
      const sets = await until(setList, (s) => (setNamed(s, 'envs')?.conditions.length ?? 0) > 0);
      expect(setNamed(sets, 'envs')!.conditions[0]).toMatchObject({
        type: 'ErrorOccurred',
        message: expect.stringContaining('destination needs a server or a name'),
      });
      const after = (await appList()).filter((app) => app.applicationSet === 'envs');
      expect(names(after)).toEqual(names(before));
      expect(after.map((app) => app.destination)).toEqual(before.map((app) => app.destination));
      // fixed again: the condition goes
      await writeFile(join(workspace, 'envs.yaml'), envsSet(goodTemplate()));
      await until(setList, (s) => setNamed(s, 'envs')?.conditions.length === 0);
    },
  );

  it('a generated application is not edited or deleted as a workspace file', async () => {
    await expect(client.call('apps.delete', { name: 'dev-app' })).rejects.toThrow(
      /dev-app is generated by ApplicationSet envs: change it there/,
    );
  });

  it(
    'a set leaving the workspace: create-only keeps its applications, sync takes them (resources kept, or pruned first)',
    { timeout: 90_000 },
    async () => {
      await writeFile(join(workspace, 'keep.yaml'), listSet('keep', 'kept', 'create-only'));
      await writeFile(join(workspace, 'gone.yaml'), listSet('gone', 'goner', 'sync', true));
      // the resources finalizer: its objects must be deleted first, and its cluster is unreachable
      await writeFile(join(workspace, 'stuck.yaml'), listSet('stuck', 'stuck-app', 'sync'));
      await until(appList, (l) => ['kept', 'goner', 'stuck-app'].every((name) => names(l).includes(name)));
      await rm(join(workspace, 'keep.yaml'));
      await rm(join(workspace, 'gone.yaml'));
      await rm(join(workspace, 'stuck.yaml'));
      const list = await until(appList, (l) => !names(l).includes('goner'));
      expect(names(list)).toContain('kept');
      // the set's removal is recorded apart from its applications' leaving: wait for it too
      const keep = setNamed(
        await until(setList, (s) => (setNamed(s, 'keep')?.conditions.length ?? 0) > 0),
        'keep',
      )!;
      expect(keep.file).toBeNull();
      expect(keep.conditions[0]!.type).toBe('ApplicationSetRemoved');
      expect(setNamed(await setList(), 'gone')).toBeUndefined();
      const stuck = await until(setList, (s) =>
        (setNamed(s, 'stuck')?.conditions ?? []).some((c) => c.type === 'DeletionError'),
      );
      expect(setNamed(stuck, 'stuck')!.conditions.find((c) => c.type === 'DeletionError')!.message).toContain(
        'the application stuck-app left the set but its resources could not be deleted',
      );
      expect(names(await appList())).toContain('stuck-app');
    },
  );
});

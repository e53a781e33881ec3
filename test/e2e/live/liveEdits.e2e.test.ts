// Deleting and editing live objects of an application from its tree, on the test cluster:
// delete with orphan and background propagation and forced (grace period 0), an edit sent as a
// server dry run (nothing changes) then applied, a stale edit refused, and the application's
// events — the cluster's Events of its objects and what was done here.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { Engine } from '../../../engine/index.ts';
import { tempDir } from '../../support/tempDir.ts';
import { testEngine } from '../../support/testEngine.ts';
import { remoteWith, writeApplication } from '../../support/workspaceFixtures.ts';
import { clientsOf, connect, deployment, testNamespace, until } from './liveTestKit.ts';

const root = tempDir();
const workspace = join(root, 'workspace');
const namespace = testNamespace('live-edits');
const { core, apps } = clientsOf(connect('plumbline-a'));
let engine: Engine;

const call = <T = Record<string, unknown>>(name: string, input: object) =>
  engine.dispatch(name, input) as Promise<T>;

type Node = { id: string; key: { kind: string; name: string; namespace: string } };
const tree = async () => (await call<{ nodes: Node[] }>('apps.tree', { name: 'edits' })).nodes;

function plainDeployment(name: string) {
  const { metadata, ...rest } = deployment(name, namespace, 'edits');
  return { ...rest, metadata: { name: metadata!.name, namespace } };
}

beforeAll(async () => {
  const files = {
    'app/keep.yaml': stringify(plainDeployment('keep')),
    'app/gone.yaml': stringify(plainDeployment('gone')),
    // never deleted: its ReplicaSet's Events stay in the application's events
    'app/stay.yaml': stringify(plainDeployment('stay')),
    'app/settings.yaml': stringify({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'settings', namespace },
      data: { mode: 'slow' },
    }),
  };
  const { remote } = await remoteWith(root, 'config.git', files);
  await writeApplication(workspace, 'edits', {
    source: { repoURL: remote.bare, path: 'app' },
    destination: { name: 'plumbline-a', namespace },
  });
  ({ engine } = testEngine(root, workspace));
  const { operation } = await call<{ operation: { phase: string; message: string } }>('apps.sync', {
    name: 'edits',
  });
  expect(operation.phase, operation.message).toBe('Succeeded');
  await until(
    'the three ReplicaSets and a pod in the tree',
    async () => {
      const nodes = await tree();
      return (
        nodes.filter((n) => n.key.kind === 'ReplicaSet').length === 3 &&
        nodes.some((n) => n.key.kind === 'Pod')
      );
    },
    90_000,
  );
}, 180_000);

afterAll(async () => {
  await engine?.close();
});

const replicaSetsOf = async (name: string) =>
  (await apps.listNamespacedReplicaSet({ namespace })).items.filter((rs) =>
    rs.metadata?.name?.startsWith(`${name}-`),
  );

describe('deleting a live object', () => {
  it('orphan propagation leaves the ReplicaSet, without its owner', async () => {
    const { deleted } = await call<{ deleted: boolean }>('resources.delete', {
      name: 'edits',
      resource: { kind: 'Deployment', name: 'keep' },
      propagation: 'orphan',
    });
    expect(deleted).toBe(true);
    await until('the Deployment gone', async () =>
      apps.readNamespacedDeployment({ name: 'keep', namespace }).then(
        () => false,
        () => true,
      ),
    );
    const left = await until('the orphaned ReplicaSet without owner', async () => {
      const sets = await replicaSetsOf('keep');
      return sets.length === 1 && (sets[0]!.metadata?.ownerReferences ?? []).length === 0 && sets;
    });
    expect(left).toHaveLength(1);
  });

  it('background propagation removes the ReplicaSet too', async () => {
    await call('resources.delete', {
      name: 'edits',
      resource: { kind: 'Deployment', name: 'gone' },
      propagation: 'background',
    });
    await until('the ReplicaSet collected', async () => (await replicaSetsOf('gone')).length === 0, 60_000);
  });

  it('force deletes a pod of the tree at once (grace period 0)', async () => {
    const pod = await until('a pod in the tree', async () =>
      (await tree()).find((n) => n.key.kind === 'Pod'),
    );
    await call('resources.delete', { name: 'edits', resource: { id: pod.id }, force: true });
    await until('the pod gone', async () =>
      core.readNamespacedPod({ name: pod.key.name, namespace }).then(
        (p) => p.metadata?.uid === undefined,
        () => true,
      ),
    );
  });

  it('refuses an object outside the application', async () => {
    await expect(
      call('resources.delete', {
        name: 'edits',
        resource: { kind: 'ConfigMap', name: 'kube-root-ca.crt', namespace },
      }),
    ).rejects.toThrow(/is not an object of application edits/);
  });
});

describe('editing a live object', () => {
  const resource = { kind: 'ConfigMap', name: 'settings' };

  it('shows what the server would make of an edit, changes nothing, then applies it', async () => {
    const { yaml } = await call<{ yaml: string }>('resources.manifest', { name: 'edits', resource });
    expect(yaml).not.toContain('managedFields');
    const edited = yaml.replace('mode: slow', 'mode: fast\n  extra: "1"');
    const preview = await call<{ liveYaml: string; resultYaml: string; changed: boolean }>('resources.edit', {
      name: 'edits',
      resource,
      yaml: edited,
      dryRun: true,
    });
    expect(preview.changed).toBe(true);
    expect(preview.liveYaml).toContain('mode: slow');
    expect(preview.resultYaml).toContain('mode: fast');
    expect((await core.readNamespacedConfigMap({ name: 'settings', namespace })).data).toEqual({
      mode: 'slow',
    });
    await call('resources.edit', { name: 'edits', resource, yaml: edited, dryRun: false });
    expect((await core.readNamespacedConfigMap({ name: 'settings', namespace })).data).toEqual({
      mode: 'fast',
      extra: '1',
    });
    // the text opened before the change is stale now
    await expect(
      call('resources.edit', { name: 'edits', resource, yaml: edited, dryRun: true }),
    ).rejects.toThrow(/changed in the cluster since it was opened/);
  });

  it('refuses an edit that renames the object or is not YAML', async () => {
    const { yaml } = await call<{ yaml: string }>('resources.manifest', { name: 'edits', resource });
    await expect(
      call('resources.edit', {
        name: 'edits',
        resource,
        yaml: yaml.replace('name: settings', 'name: other'),
        dryRun: true,
      }),
    ).rejects.toThrow(/cannot change/);
    await expect(
      call('resources.edit', { name: 'edits', resource, yaml: 'data: [unclosed', dryRun: true }),
    ).rejects.toThrow(/edited manifest/);
  });
});

describe("the application's events", () => {
  it("lists the cluster's Events of its objects and what was done here", async () => {
    const { events } = await call<{ events: { reason: string; origin: string; object: string | null }[] }>(
      'apps.events',
      { name: 'edits' },
    );
    const ours = events.filter((e) => e.origin === 'plumbline').map((e) => e.reason);
    expect(ours).toEqual(expect.arrayContaining(['ResourceDeleted', 'ResourceUpdated']));
    expect(events.some((e) => e.origin === 'cluster')).toBe(true);
  });
});

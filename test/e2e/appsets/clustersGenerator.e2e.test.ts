// A clusters generator on the two test clusters: both registered with a label its selector asks
// for, the set creates one application per cluster, each auto-syncs its ConfigMap there; when
// plumbline-b's label no longer matches, its application is deleted and, with the resources
// finalizer the set adds, its ConfigMap is pruned from plumbline-b first. plumbline-a's stays.
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { PlumblineClient } from '../../../engine/api/client.ts';
import type { Engine } from '../../../engine/index.ts';
import { memorySecretStore } from '../../../engine/secrets/secretStore.ts';
import { tempDir } from '../../support/tempDir.ts';
import { testEngine } from '../../support/testEngine.ts';
import { remoteWith } from '../../support/workspaceFixtures.ts';
import { clientsOf, connect, until } from '../live/liveTestKit.ts';

const root = tempDir();
const suffix = randomBytes(3).toString('hex');
const namespace = `appset-${suffix}`;
const label = `appset-e2e-${suffix}`;
const clusters = { a: `as-a-${suffix}`, b: `as-b-${suffix}` };
const cores = { a: clientsOf(connect('plumbline-a')).core, b: clientsOf(connect('plumbline-b')).core };
let engine: Engine;
let client: PlumblineClient;

const configMapOn = (side: 'a' | 'b') =>
  cores[side].readNamespacedConfigMap({ name: 'from-set', namespace }).then(
    () => true,
    () => false,
  );
const appNames = async () => (await client.call('apps.list', {})).apps.map((app) => app.name).sort();

beforeAll(async () => {
  for (const core of Object.values(cores))
    await core.createNamespace({ body: { metadata: { name: namespace } } });
  const { remote } = await remoteWith(root, 'config.git', {
    'app/cm.yaml': stringify({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'from-set' },
      data: { a: '1' },
    }),
  });
  const workspace = join(root, 'workspace');
  await mkdir(workspace, { recursive: true });
  await writeFile(
    join(workspace, 'per-cluster.yaml'),
    stringify({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'ApplicationSet',
      metadata: { name: 'per-cluster' },
      spec: {
        generators: [{ clusters: { selector: { matchLabels: { [label]: 'yes' } } } }],
        template: {
          metadata: { name: '{{name}}-cm' },
          spec: {
            project: 'default',
            source: { repoURL: remote.bare, targetRevision: 'main', path: 'app' },
            destination: { server: '{{server}}', namespace },
            syncPolicy: { automated: { prune: true } },
          },
        },
      },
    }),
  );
  ({ engine, client } = testEngine(root, workspace, { secrets: memorySecretStore(), repoPollMs: 1_000 }));
  for (const [side, context] of [
    ['a', 'plumbline-a'],
    ['b', 'plumbline-b'],
  ] as const)
    await client.call('clusters.register', {
      candidate: { source: 'context', context },
      name: clusters[side],
      labels: { [label]: 'yes' },
    });
}, 120_000);

afterAll(async () => {
  for (const side of ['a', 'b'] as const)
    await client.call('clusters.remove', { name: clusters[side] }).catch(() => undefined);
  await engine?.close();
  for (const core of Object.values(cores))
    await core.deleteNamespace({ name: namespace }).catch(() => undefined);
});

describe('clusters generator on the test clusters', () => {
  it('creates one application per labelled cluster, each deploying there', { timeout: 180_000 }, async () => {
    await until(
      'one application per cluster',
      async () => {
        const names = await appNames();
        return names.includes(`${clusters.a}-cm`) && names.includes(`${clusters.b}-cm`);
      },
      90_000,
    );
    const { apps } = await client.call('apps.list', {});
    const mine = apps.filter((app) => app.applicationSet === 'per-cluster');
    expect(mine.map((app) => app.name).sort()).toEqual([`${clusters.a}-cm`, `${clusters.b}-cm`]);
    await until(
      'the ConfigMap on both clusters',
      async () => (await configMapOn('a')) && configMapOn('b'),
      120_000,
    );
    const detail = await client.call('appsets.get', { name: 'per-cluster' });
    expect(detail.set.generators).toEqual([`clusters matching ${label}=yes`]);
    expect(detail.params[`${clusters.b}-cm`]).toMatchObject({
      name: clusters.b,
      [`metadata.labels.${label}`]: 'yes',
    });
  });

  it(
    "removes plumbline-b's application when its label no longer matches, pruning its ConfigMap",
    { timeout: 180_000 },
    async () => {
      await client.call('clusters.update', { name: clusters.b, labels: { [label]: 'no' } });
      await until(
        'the application of plumbline-b gone',
        async () => !(await appNames()).includes(`${clusters.b}-cm`),
        90_000,
      );
      expect(await configMapOn('b')).toBe(false);
      expect(await configMapOn('a')).toBe(true);
      expect(await appNames()).toContain(`${clusters.a}-cm`);
      const { sets } = await client.call('appsets.list', {});
      expect(sets.find((set) => set.name === 'per-cluster')!.conditions).toEqual([]);
    },
  );
});

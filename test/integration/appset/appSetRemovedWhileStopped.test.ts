// A set whose file leaves the workspace while Plumbline is not running: at the next start its
// applications go as its last definition's policy says (sync: deleted; create-only: kept, with a
// condition saying why), as Argo CD's garbage collection removes a deleted set's Applications
// once its controller is back.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { PlumblineClient } from '../../../engine/api/client.ts';
import { unreachableDevKubeconfig } from '../../support/kubeconfigFixture.ts';
import { tempDir } from '../../support/tempDir.ts';
import { until } from '../../support/until.ts';
import { testEngine } from '../../support/testEngine.ts';

const root = tempDir();
const workspace = join(root, 'workspace');

const listSet = (name: string, policy: string) =>
  stringify({
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'ApplicationSet',
    metadata: { name },
    spec: {
      generators: [{ list: { elements: [{ app: 'a' }, { app: 'b' }] } }],
      template: {
        metadata: { name: `${name}-{{app}}` },
        spec: {
          project: 'default',
          source: { repoURL: 'https://git.example.test/shop.git', path: 'apps/{{app}}' },
          destination: { name: 'dev', namespace: '{{app}}' },
        },
      },
      syncPolicy: { applicationsSync: policy, preserveResourcesOnDeletion: true },
    },
  });

const generated = async (client: PlumblineClient) =>
  (await client.call('apps.list', {})).apps
    .filter((app) => app.applicationSet)
    .map((app) => app.name)
    .sort();

describe('a set removed while Plumbline was not running', () => {
  it('takes its applications at the next start under sync, keeps them under create-only', async () => {
    await mkdir(workspace, { recursive: true });
    await writeFile(join(workspace, 'synced.yaml'), listSet('synced', 'sync'));
    await writeFile(join(workspace, 'kept.yaml'), listSet('kept', 'create-only'));
    const kubeconfig = unreachableDevKubeconfig(root);
    const first = testEngine(root, workspace, { kubeconfig });
    expect(
      await until(
        () => generated(first.client),
        (names) => names.length === 4,
      ),
    ).toEqual(['kept-a', 'kept-b', 'synced-a', 'synced-b']);
    await first.engine.close();

    await rm(join(workspace, 'synced.yaml'));
    await rm(join(workspace, 'kept.yaml'));
    const second = testEngine(root, workspace, { kubeconfig });
    try {
      expect(
        await until(
          () => generated(second.client),
          (names) => names.length === 2,
        ),
      ).toEqual(['kept-a', 'kept-b']);
      const sets = await until(
        async () => (await second.client.call('appsets.list', {})).sets,
        (list) => list.length === 1 && list[0]!.conditions.length === 1,
      );
      expect(sets.map((set) => [set.name, set.conditions.map((condition) => condition.type)])).toEqual([
        ['kept', ['ApplicationSetRemoved']],
      ]);
      expect(sets[0]!.conditions[0]!.message).toMatch(/policy create-only keeps its 2 application/);
    } finally {
      await second.engine.close();
    }
  });
});

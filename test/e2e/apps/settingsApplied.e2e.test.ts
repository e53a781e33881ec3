// Settings edited while the engine runs apply at once, without a restart: a health
// customizations folder judges the application's objects from the next comparison on (and is
// gone again when unset), and a tool path is used by the next render.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { stringify } from 'yaml';
import type { PlumblineClient } from '../../../engine/api/client.ts';
import type { Engine } from '../../../engine/index.ts';
import { tempDir } from '../../support/tempDir.ts';
import { testEngine } from '../../support/testEngine.ts';
import { remoteWith, writeApplication } from '../../support/workspaceFixtures.ts';
import { testNamespace, until } from '../live/liveTestKit.ts';

const root = tempDir();
const namespace = testNamespace('settings');
const workspace = join(root, 'workspace');
const customizations = join(root, 'resource_customizations');
let engine: Engine;
let client: PlumblineClient;

const app = async (name: string) => (await client.call('apps.get', { name })).app;

beforeAll(async () => {
  const configMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'flags', namespace }, data: {} };
  const { remote } = await remoteWith(
    root,
    'settings.git',
    {
      'plain/cm.yaml': stringify(configMap),
      'chart/Chart.yaml': stringify({ apiVersion: 'v2', name: 'tiny', version: '0.1.0' }),
      'chart/templates/cm.yaml': stringify({ ...configMap, metadata: { name: 'from-chart', namespace } }),
    },
    'a config map, plain and from a chart',
  );
  await writeApplication(workspace, 'plain', {
    source: { repoURL: remote.bare, path: 'plain' },
    destination: { name: 'plumbline-a', namespace },
    syncPolicy: { automated: {}, syncOptions: ['CreateNamespace=true'] },
  });
  await writeApplication(workspace, 'charted', {
    source: { repoURL: remote.bare, path: 'chart' },
    destination: { name: 'plumbline-a', namespace },
  });
  // Argo CD's layout: core kinds as `<kind>/health.lua`.
  mkdirSync(join(customizations, 'ConfigMap'), { recursive: true });
  writeFileSync(
    join(customizations, 'ConfigMap', 'health.lua'),
    'return { status = "Degraded", message = "judged by the customization" }',
  );
  ({ engine, client } = testEngine(root, workspace));
}, 60_000);
afterAll(() => engine?.close());

describe('settings changed while the engine runs', () => {
  it('judge health with a customizations folder from now on, and stop when it is unset', async () => {
    await until('plain synced and healthy', async () => {
      const { sync, health } = await app('plain');
      return sync.status === 'Synced' && health.status === 'Healthy';
    });
    await client.call('settings.update', { healthCustomizations: customizations });
    await until(
      'plain degraded by the customization',
      async () => (await app('plain')).health.status === 'Degraded',
    );
    await client.call('settings.update', { healthCustomizations: null });
    await until('plain healthy again', async () => (await app('plain')).health.status === 'Healthy');
  });

  it('render with the tool path set, from the next render on', async () => {
    await until('charted rendered', async () => (await app('charted')).sync.status !== 'Unknown');
    const fakeHelm = join(root, 'fake-helm');
    writeFileSync(fakeHelm, '#!/bin/sh\necho "fake helm refuses" >&2\nexit 3\n');
    chmodSync(fakeHelm, 0o755);
    await client.call('settings.update', { tools: { helm: fakeHelm, kubectl: null, kustomize: null } });
    await until('charted failing with the fake helm', async () =>
      (await app('charted')).conditions.some((c) => c.message.includes('fake helm refuses')),
    );
    await client.call('settings.update', { tools: { helm: null, kubectl: null, kustomize: null } });
    await until('charted rendered again', async () => (await app('charted')).conditions.length === 0);
  });
});

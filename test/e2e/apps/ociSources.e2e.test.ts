// Applications whose sources live in an OCI registry, on the real test cluster: a Helm chart
// pushed with the real helm, and an artifact of plain manifests, both in the real distribution
// registry behind TLS and htpasswd, its CA trusted for its host and its credentials stored as a
// user connects a registry (repos.setCertificates, repos.add). Both render,
// sync to Synced and Healthy, and show the manifest digest as their revision.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlumblineClient } from '../../../engine/api/client.ts';
import type { AppSummary } from '../../../engine/api/contract.ts';
import type { Engine } from '../../../engine/index.ts';
import { memorySecretStore } from '../../../engine/secrets/secretStore.ts';
import { resolveTool, runTool, ToolArgs } from '../../../engine/tools/index.ts';
import { registryUnavailable, startOciRegistry, tarGz, type OciRegistry } from '../../support/ociRegistry.ts';
import { tempDir } from '../../support/tempDir.ts';
import { testEngine } from '../../support/testEngine.ts';
import { writeApplication } from '../../support/workspaceFixtures.ts';
import { clientsOf, connect, testNamespace, until } from '../live/liveTestKit.ts';

const unavailable = registryUnavailable();
const root = tempDir();
const namespace = testNamespace('oci');
const { core } = clientsOf(connect('plumbline-a'));
const workspace = join(root, 'workspace');
const suffix = namespace.split('-').at(-1);
const chartApp = `oci-chart-${suffix}`;
const manifestsApp = `oci-manifests-${suffix}`;
let registry: OciRegistry;
let engine: Engine;
let client: PlumblineClient;
const digests: Record<string, string> = {};

async function app(name: string): Promise<AppSummary> {
  return (await client.call('apps.get', { name })).app;
}

beforeAll(async () => {
  if (unavailable) return;
  registry = await startOciRegistry();
  const chartDir = join(root, 'chart', 'greeter');
  await mkdir(join(chartDir, 'templates'), { recursive: true });
  await writeFile(join(chartDir, 'Chart.yaml'), 'apiVersion: v2\nname: greeter\nversion: 1.2.0\n');
  await writeFile(join(chartDir, 'values.yaml'), 'greeting: hello\n');
  await writeFile(
    join(chartDir, 'templates', 'configmap.yaml'),
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-greeting\ndata:\n  greeting: {{ .Values.greeting | quote }}\n',
  );
  const helm = await resolveTool('helm', { cacheDir: join(root, 'tools') });
  await runTool(
    helm.path,
    new ToolArgs('package').option('--destination', root, 'folder').operand(chartDir, 'chart'),
  );
  digests.chart = await registry.helmPush(helm.path, join(root, 'greeter-1.2.0.tgz'), 'charts');
  const manifests = {
    'configmap.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: from-oci\n  namespace: ${namespace}\ndata:\n  source: artifact\n`,
  };
  digests.manifests = await registry.pushManifests('apps/settings', 'v1', await tarGz(manifests));

  await writeApplication(workspace, chartApp, {
    project: 'default',
    source: {
      repoURL: `oci://${registry.host}/charts`,
      chart: 'greeter',
      targetRevision: '1.x',
      helm: { valuesObject: { greeting: 'from a registry' } },
    },
    destination: { name: 'plumbline-a', namespace },
  });
  await writeApplication(workspace, manifestsApp, {
    project: 'default',
    source: { repoURL: `oci://${registry.host}/apps/settings`, targetRevision: 'v1', path: '.' },
    destination: { name: 'plumbline-a', namespace },
  });
  ({ engine, client } = testEngine(root, workspace, { secrets: memorySecretStore() }));
  // as a user connects a registry: its CA trusted for its host, a credential template for it
  await client.call('repos.setCertificates', {
    host: registry.host,
    pem: await readFile(registry.caFile, 'utf8'),
  });
  await client.call('repos.add', {
    definition: {
      kind: 'template',
      url: `oci://${registry.host}`,
      type: 'oci',
      credentials: { username: registry.username, password: registry.password },
    },
  });
}, 180_000);

afterAll(async () => {
  await engine?.close();
  await registry?.close();
});

describe.skipIf(unavailable)('applications from an OCI registry', () => {
  it('render with the stored credentials and show the manifest digest as their revision', async () => {
    for (const [name, digest] of [
      [chartApp, digests.chart],
      [manifestsApp, digests.manifests],
    ] as const) {
      const summary = await until(
        `${name} compared`,
        async () => {
          const current = await app(name);
          return current.sync.status === 'OutOfSync' ? current : undefined;
        },
        90_000,
      );
      expect(summary.revision).toBe(digest);
    }
  }, 120_000);

  it('sync to Synced and Healthy', async () => {
    for (const name of [chartApp, manifestsApp]) {
      const { operation } = await client.call('apps.sync', { name });
      expect(operation.phase, operation.message).toBe('Succeeded');
      await until(`${name} Synced and Healthy`, async () => {
        const current = await app(name);
        return current.sync.status === 'Synced' && current.health.status === 'Healthy';
      });
    }
    const greeting = await core.readNamespacedConfigMap({ name: `${chartApp}-greeting`, namespace });
    expect(greeting.data).toEqual({ greeting: 'from a registry' });
    const fromOci = await core.readNamespacedConfigMap({ name: 'from-oci', namespace });
    expect(fromOci.data).toEqual({ source: 'artifact' });
  }, 180_000);
});

// The truth about an application on a real cluster: its objects applied from git show Synced and
// Healthy; a scale or an edit in the cluster shows OutOfSync with the exact field; a stuck pod
// shows Progressing; a deleted object shows Missing; an API server that goes away and comes back
// is reported and caught up with, without restarting the engine.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as k8s from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { PlumblineClient } from '../../../engine/api/client.ts';
import type { AppSummary, ClusterState } from '../../../engine/api/contract.ts';
import { setTrackingId, type KubeObject } from '../../../engine/diff/index.ts';
import { createEngine, inProcessClient, type Engine } from '../../../engine/index.ts';
import { startApiServer, stopApiServer } from '../../cluster/harness.ts';
import { testKubeconfigPath } from '../../cluster/kubeconfig.ts';
import { tempDir } from '../../support/tempDir.ts';
import { remoteWith, writeApplication } from '../../support/workspaceFixtures.ts';
import { clientsOf, connect, testNamespace, until } from '../live/liveTestKit.ts';

const root = tempDir();
const namespace = testNamespace('status');
const cluster = connect('plumbline-a');
const objects = k8s.KubernetesObjectApi.makeApiClient(cluster.kubeConfig);
let engine: Engine;
let client: PlumblineClient;
const states: ClusterState[] = [];

const deployment = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: { containers: [{ name: 'web', image: 'registry.invalid/web:1' }] },
    },
  },
};
const service = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'web', namespace },
  spec: { selector: { app: 'web' }, ports: [{ port: 80 }] },
};
const secret = {
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name: 'web-credentials', namespace },
  stringData: { password: 'hunter2-live' },
};
const stuckPod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'stuck', namespace },
  spec: {
    nodeSelector: { 'plumbline.dev/no-such-node': 'true' },
    containers: [{ name: 'c', image: 'registry.invalid/c:1' }],
  },
};

async function apply(app: string, obj: object): Promise<void> {
  const tracked = setTrackingId(obj as KubeObject, app) as k8s.KubernetesObject;
  await objects.patch(tracked, undefined, undefined, 'plumbline', true, k8s.PatchStrategy.ServerSideApply);
}

async function app(name: string): Promise<AppSummary> {
  return (await client.call('apps.get', { name })).app;
}

beforeAll(async () => {
  const { remote } = await remoteWith(
    root,
    'config.git',
    {
      'web/deployment.yaml': stringify(deployment),
      'web/service.yaml': stringify(service),
      'web/secret.yaml': stringify(secret),
      'stuck/pod.yaml': stringify(stuckPod),
      'caps/Chart.yaml': 'apiVersion: v2\nname: caps\nversion: 0.1.0\n',
      'caps/templates/facts.yaml': [
        'apiVersion: v1',
        'kind: ConfigMap',
        'metadata: {name: cluster-facts}',
        'data:',
        '  kubeVersion: {{ .Capabilities.KubeVersion.Version | quote }}',
        '  hasLeases: {{ .Capabilities.APIVersions.Has "coordination.k8s.io/v1/Lease" | quote }}',
        '',
      ].join('\n'),
    },
    'web and a stuck pod',
  );
  const workspace = join(root, 'workspace');
  // the user's own Argo CD-style Lua checks: core kinds live at <Kind>/health.lua
  const customizations = join(root, 'resource_customizations');
  await mkdir(join(customizations, 'Service'), { recursive: true });
  await writeFile(
    join(customizations, 'Service', 'health.lua'),
    'hs = {}\nhs.status = "Healthy"\nhs.message = "checked by lua: " .. obj.metadata.name\nreturn hs\n',
  );
  // each application deploys its folder of the remote
  for (const name of ['web', 'stuck', 'caps']) {
    await writeApplication(workspace, name, {
      source: { repoURL: remote.bare, path: name },
      destination: { name: 'plumbline-a', namespace },
    });
  }
  engine = createEngine({
    dataDir: join(root, 'data'),
    env: {
      PATH: process.env.PATH,
      KUBECONFIG: testKubeconfigPath(),
      PLUMBLINE_WORKSPACE: workspace,
      PLUMBLINE_HEALTH_CUSTOMIZATIONS: customizations,
    },
    homeDir: root,
  });
  client = inProcessClient(engine);
  client.subscribe((event) => {
    if (event.event === 'clusters.state') states.push(event.payload);
  });
}, 60_000);

afterAll(async () => engine?.close());

describe('application status against a real cluster', () => {
  it('is OutOfSync and Missing before anything is applied', async () => {
    const web = await until('web compared', async () => {
      const summary = await app('web');
      return summary.sync.status === 'OutOfSync' && summary;
    });
    expect(web.health.status).toBe('Missing');
    const { resources } = await client.call('apps.diff', { name: 'web' });
    expect(resources.map((r) => r.reason)).toEqual(['missing', 'missing', 'missing']);
  });

  it('is Synced and Healthy once its objects are applied, with the tree of what they created', async () => {
    for (const obj of [deployment, service, secret]) await apply('web', obj);
    const web = await until(
      'web synced and healthy',
      async () => {
        const summary = await app('web');
        return summary.sync.status === 'Synced' && summary.health.status === 'Healthy' && summary;
      },
      60_000,
    );
    expect(web.sync.message).toBeUndefined();
    const { nodes } = await client.call('apps.tree', { name: 'web' });
    const kinds = nodes.map((n) => n.key.kind);
    expect(kinds.filter((k) => k === 'Pod')).toHaveLength(2);
    expect(kinds).toContain('ReplicaSet');
    const pod = nodes.find((n) => n.key.kind === 'Pod')!;
    const replicaSet = nodes.find((n) => n.key.kind === 'ReplicaSet')!;
    expect(pod.parentIds).toEqual([replicaSet.id]);
    expect(replicaSet.parentIds).toEqual([`apps/Deployment/${namespace}/web`]);
    expect(nodes.find((n) => n.id === `apps/Deployment/${namespace}/web`)).toMatchObject({
      managed: true,
      sync: 'Synced',
      health: { status: 'Healthy' },
    });
  });

  it("renders helm with the destination cluster's version and API versions", async () => {
    const manifests = await until('caps rendered', async () => {
      const rendered = await client.call('apps.manifests', { name: 'caps' }).catch(() => undefined);
      return rendered?.objects.length ? rendered : undefined;
    });
    expect(manifests.objects[0]?.data).toEqual({ kubeVersion: 'v1.34.4', hasLeases: 'true' });
  });

  it('masks Secret values in the diff and the live manifest, unless revealed', async () => {
    const { resources } = await client.call('apps.diff', { name: 'web' });
    const secretDiff = resources.find((r) => r.key.kind === 'Secret')!;
    expect(secretDiff.liveYaml).toContain('++++++++');
    expect(JSON.stringify(resources)).not.toContain(Buffer.from('hunter2-live').toString('base64'));
    const manifest = await client.call('apps.liveManifest', { name: 'web', id: secretDiff.id });
    expect(manifest.yaml).not.toContain(Buffer.from('hunter2-live').toString('base64'));
    const revealed = await client.call('apps.diff', { name: 'web', revealSecrets: true });
    expect(JSON.stringify(revealed)).toContain(Buffer.from('hunter2-live').toString('base64'));
  });

  it('turns OutOfSync within 2 s of a scale in the cluster, naming the field', async () => {
    const { apps } = clientsOf(cluster);
    const started = Date.now();
    await apps.patchNamespacedDeploymentScale(
      { name: 'web', namespace, body: { spec: { replicas: 5 } } },
      k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch),
    );
    await until('web out of sync', async () => (await app('web')).sync.status === 'OutOfSync', 2_000);
    const elapsed = Date.now() - started;
    const { resources } = await client.call('apps.diff', { name: 'web' });
    const changed = resources.find((r) => r.key.kind === 'Deployment')!;
    expect(changed).toMatchObject({ status: 'OutOfSync', reason: 'changed' });
    expect(changed.changedPaths).toContain('/spec/replicas');
    expect(elapsed).toBeLessThan(2_000);
    await apply('web', deployment);
    await until('web synced again', async () => (await app('web')).sync.status === 'Synced', 10_000);
  });

  it('shows a pod that cannot be scheduled as Progressing, with the reason', async () => {
    await apply('stuck', stuckPod);
    const stuck = await until(
      'stuck judged',
      async () => {
        const summary = await app('stuck');
        return summary.health.status === 'Progressing' && summary;
      },
      30_000,
    );
    const { nodes } = await client.call('apps.tree', { name: 'stuck' });
    expect(nodes[0]?.health?.status).toBe('Progressing');
    expect(stuck.sync.status).toBe('Synced');
  });

  it('shows an object deleted in the cluster as Missing', async () => {
    await objects.delete(service as k8s.KubernetesObject);
    const web = await until(
      'web missing',
      async () => {
        const summary = await app('web');
        return summary.health.status === 'Missing' && summary;
      },
      5_000,
    );
    expect(web.sync.status).toBe('OutOfSync');
    await apply('web', service);
    await until('web healthy again', async () => (await app('web')).health.status === 'Healthy', 10_000);
  });

  it('reports the API server going away and coming back, and catches up', async () => {
    await stopApiServer('plumbline-a');
    // The shared cluster comes back even when a check while it is away fails.
    try {
      await until(
        'unreachable',
        () => states.some((s) => s.context === 'context:plumbline-a' && s.state === 'unreachable'),
        20_000,
      );
      // The comparison from the last known state follows the state change (health is judged
      // in the health worker first).
      const away = await until(
        'compared as unreachable',
        async () => {
          const summary = await app('web');
          return (summary.sync.message ?? '').includes('unreachable') && summary;
        },
        10_000,
      );
      expect(away.sync.message).toContain('unreachable');
    } finally {
      await startApiServer('plumbline-a');
    }
    await until('connected again', () => states.at(-1)?.state === 'connected', 60_000);
    const { apps } = clientsOf(cluster);
    await apps.patchNamespacedDeploymentScale(
      { name: 'web', namespace, body: { spec: { replicas: 3 } } },
      k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch),
    );
    await until(
      'drift after restart seen',
      async () => (await app('web')).sync.status === 'OutOfSync',
      10_000,
    );
  });
});

// Proves the test clusters behave like real ones: controllers, scheduler, GC,
// Jobs, RBAC, isolation between the two clusters, and API server restarts.
import { randomBytes } from 'node:crypto';
import * as k8s from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiServer, stopApiServer } from './harness.js';
import { testKubeconfigPath } from './kubeconfig.js';

const T = 90_000; // per-test timeout; each wait inside is 60 s at most

function config(context: string): k8s.KubeConfig {
  const kc = new k8s.KubeConfig();
  kc.loadFromFile(testKubeconfigPath());
  kc.setCurrentContext(context);
  return kc;
}
const a = config('plumbline-a');
const b = config('plumbline-b');
const restricted = config('plumbline-a-restricted');
const ns = `e2e-${randomBytes(3).toString('hex')}`;

async function until<T>(what: string, fn: () => Promise<T | undefined | false>, ms = 60_000): Promise<T> {
  const deadline = Date.now() + ms;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${what}${last instanceof Error ? `: ${last.message}` : ''}`);
}

/** HTTP status of a call: 200 on success, else ApiException's code, or 0 without a response. */
async function statusOf(p: Promise<unknown>): Promise<number> {
  try {
    await p;
    return 200;
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    return typeof code === 'number' ? code : 0;
  }
}

const labels = { app: 'web' };
const deployment: k8s.V1Deployment = {
  metadata: { name: 'web', labels },
  spec: {
    replicas: 2,
    selector: { matchLabels: labels },
    template: {
      metadata: { labels },
      spec: { containers: [{ name: 'web', image: 'registry.invalid/web:1' }] },
    },
  },
};

beforeAll(async () => {
  await a.makeApiClient(k8s.CoreV1Api).createNamespace({ body: { metadata: { name: ns } } });
  await until('default ServiceAccount', () =>
    a.makeApiClient(k8s.CoreV1Api).readNamespacedServiceAccount({ name: 'default', namespace: ns }),
  );
});

afterAll(async () => {
  await a
    .makeApiClient(k8s.CoreV1Api)
    .deleteNamespace({ name: ns })
    .catch(() => undefined);
});

describe('test clusters', () => {
  it('report the real Kubernetes version', async () => {
    const v = await a.makeApiClient(k8s.VersionApi).getCode();
    expect(v.gitVersion).toMatch(/^v1\.\d+\.\d+$/);
  });

  it('run a Deployment to 2 ready pods, and garbage-collect it on delete', { timeout: T }, async () => {
    const apps = a.makeApiClient(k8s.AppsV1Api);
    const core = a.makeApiClient(k8s.CoreV1Api);
    await apps.createNamespacedDeployment({ namespace: ns, body: deployment });
    await until('Deployment Available with 2 ready replicas', async () => {
      const d = await apps.readNamespacedDeployment({ name: 'web', namespace: ns });
      const available = d.status?.conditions?.some((c) => c.type === 'Available' && c.status === 'True');
      return available && d.status?.readyReplicas === 2 && d.status.availableReplicas === 2;
    });
    const pods = await core.listNamespacedPod({ namespace: ns, labelSelector: 'app=web' });
    expect(pods.items).toHaveLength(2);
    for (const p of pods.items) {
      expect(p.status?.phase).toBe('Running');
      expect(p.spec?.nodeName).toMatch(/^kwok-a-/);
      expect(p.status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('True');
    }

    await apps.deleteNamespacedDeployment({ name: 'web', namespace: ns });
    await until('ReplicaSets and pods garbage-collected', async () => {
      const rs = await apps.listNamespacedReplicaSet({ namespace: ns, labelSelector: 'app=web' });
      const left = await core.listNamespacedPod({ namespace: ns, labelSelector: 'app=web' });
      return rs.items.length === 0 && left.items.length === 0;
    });
  });

  it('complete a Job (its pod Succeeded)', { timeout: T }, async () => {
    const batch = a.makeApiClient(k8s.BatchV1Api);
    await batch.createNamespacedJob({
      namespace: ns,
      body: {
        metadata: { name: 'once' },
        spec: {
          template: {
            spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'registry.invalid/job:1' }] },
          },
        },
      },
    });
    const job = await until('Job Complete', async () => {
      const j = await batch.readNamespacedJob({ name: 'once', namespace: ns });
      return j.status?.conditions?.some((c) => c.type === 'Complete' && c.status === 'True') && j;
    });
    expect(job.status?.succeeded).toBe(1);
    const pods = await a
      .makeApiClient(k8s.CoreV1Api)
      .listNamespacedPod({ namespace: ns, labelSelector: 'job-name=once' });
    expect(pods.items.map((p) => p.status?.phase)).toEqual(['Succeeded']);
  });

  it('keep plumbline-a and plumbline-b independent', async () => {
    const name = `only-on-a-${randomBytes(3).toString('hex')}`;
    await a
      .makeApiClient(k8s.CoreV1Api)
      .createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name }, data: { k: 'v' } } });
    const coreB = b.makeApiClient(k8s.CoreV1Api);
    expect(await statusOf(coreB.readNamespacedConfigMap({ name, namespace: 'default' }))).toBe(404);
    expect(await statusOf(coreB.readNamespace({ name: ns }))).toBe(404);
    const nodesB = await coreB.listNode();
    expect(nodesB.items.map((n) => n.metadata?.name)).toEqual(['kwok-b-0']);
    await a.makeApiClient(k8s.CoreV1Api).deleteNamespacedConfigMap({ name, namespace: 'default' });
  });

  it('limit the restricted user to namespace team-a', async () => {
    const core = restricted.makeApiClient(k8s.CoreV1Api);
    expect(await statusOf(core.listNamespacedPod({ namespace: 'team-a' }))).toBe(200);
    const cm = { metadata: { name: `allowed-${randomBytes(3).toString('hex')}` } };
    expect(await statusOf(core.createNamespacedConfigMap({ namespace: 'team-a', body: cm }))).toBe(200);
    expect(
      await statusOf(core.deleteNamespacedConfigMap({ name: cm.metadata.name, namespace: 'team-a' })),
    ).toBe(200);
    expect(await statusOf(core.listNamespacedPod({ namespace: 'default' }))).toBe(403);
    expect(await statusOf(core.createNamespacedConfigMap({ namespace: 'default', body: cm }))).toBe(403);
    expect(await statusOf(core.listNamespace())).toBe(403);
    expect(await statusOf(core.listNode())).toBe(403);
  });

  it('survive stopping and restarting an API server', { timeout: T }, async () => {
    const core = b.makeApiClient(k8s.CoreV1Api);
    await stopApiServer('plumbline-b');
    expect(await statusOf(core.listNamespace())).toBe(0); // connection refused: no HTTP status
    await startApiServer('plumbline-b');
    // The rest of the control plane reconnects: a new pod is scheduled and made ready.
    await core.createNamespacedPod({
      namespace: 'default',
      body: {
        metadata: { name: 'after-restart' },
        spec: { containers: [{ name: 'c', image: 'registry.invalid/c:1' }] },
      },
    });
    await until('pod Running after restart', async () => {
      const p = await core.readNamespacedPod({ name: 'after-restart', namespace: 'default' });
      return p.status?.phase === 'Running' && p.spec?.nodeName === 'kwok-b-0';
    });
    await core.deleteNamespacedPod({ name: 'after-restart', namespace: 'default' });
  });
});

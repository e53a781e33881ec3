// Shared pieces of the live-state e2e tests: connections to the real test clusters, a
// throwaway namespace per test file, polling, and typed clients for the test's own writes.
import { randomBytes } from 'node:crypto';
import * as k8s from '@kubernetes/client-node';
import { afterAll, beforeAll } from 'vitest';
import { ClusterConnections } from '../../../engine/cluster/clusterConnections.ts';
import type { ClusterConnection } from '../../../engine/cluster/clusterConnection.ts';
import type { KubeObject } from '../../../engine/diff/index.ts';
import { testKubeconfigPath } from '../../cluster/kubeconfig.ts';

export function connect(
  context: 'plumbline-a' | 'plumbline-b' | 'plumbline-a-restricted',
): ClusterConnection {
  return new ClusterConnections([testKubeconfigPath()], { rediscoverIntervalMs: 1_000 }).get(context);
}

/** Typed clients for what a test itself writes (not counted with the cache's requests). */
export function clientsOf(connection: ClusterConnection): { core: k8s.CoreV1Api; apps: k8s.AppsV1Api } {
  return {
    core: connection.kubeConfig.makeApiClient(k8s.CoreV1Api),
    apps: connection.kubeConfig.makeApiClient(k8s.AppsV1Api),
  };
}

export async function until<T>(
  what: string,
  fn: () => T | undefined | false | Promise<T | undefined | false>,
  ms = 30_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await fn();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(
    `timed out after ${ms} ms waiting for ${what}${last instanceof Error ? `: ${last.message}` : ''}`,
  );
}

/** A namespace on plumbline-a for this test file, created before and deleted after its tests. */
export function testNamespace(prefix: string): string {
  const name = `${prefix}-${randomBytes(3).toString('hex')}`;
  const { core } = clientsOf(connect('plumbline-a'));
  beforeAll(async () => {
    await core.createNamespace({ body: { metadata: { name } } });
  });
  afterAll(async () => {
    await core.deleteNamespace({ name }).catch(() => undefined);
  });
  return name;
}

/** A typed client-node object as the plain JSON the engine takes. */
export function plain(obj: object): KubeObject {
  return obj as KubeObject;
}

export function configMap(
  name: string,
  namespace: string,
  data: Record<string, string>,
  app?: string,
): k8s.V1ConfigMap {
  const annotations = app
    ? { 'plumbline.dev/tracking-id': `${app}:/ConfigMap:${namespace}/${name}` }
    : undefined;
  return { metadata: { name, namespace, annotations }, data };
}

export function deployment(name: string, namespace: string, app: string, replicas = 1): k8s.V1Deployment {
  const labels = { app: name };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name,
      namespace,
      annotations: { 'plumbline.dev/tracking-id': `${app}:apps/Deployment:${namespace}/${name}` },
    },
    spec: {
      replicas,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: { containers: [{ name: 'web', image: 'registry.invalid/web:1' }] },
      },
    },
  };
}

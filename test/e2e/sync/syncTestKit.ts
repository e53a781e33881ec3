// Shared pieces of the sync e2e tests: the sync's dependencies on a real cluster (allow-all
// write gate, live reads, built-in health), objects to deploy, and a run that records progress.
import type { ClusterConnection } from '../../../engine/cluster/index.ts';
import type { KubeObject } from '../../../engine/diff/index.ts';
import { builtInHealth, type KubeObject as HealthObject } from '../../../engine/health/index.ts';
import {
  readLiveObject,
  runSync,
  type SyncDeps,
  type SyncProgress,
  type SyncRequest,
  type SyncResult,
} from '../../../engine/sync/index.ts';

export function syncDeps(connection: ClusterConnection, overrides: Partial<SyncDeps> = {}): SyncDeps {
  return {
    connection,
    readLive: (key) => readLiveObject(connection, key),
    healthOf: (obj) => builtInHealth(obj as HealthObject),
    authorize: () => Promise.resolve({ allowed: true }),
    pollIntervalMs: 200,
    waveDelayMs: 200,
    waitTimeoutMs: 60_000,
    ...overrides,
  };
}

export async function sync(
  connection: ClusterConnection,
  request: SyncRequest,
  overrides: Partial<SyncDeps> = {},
  onProgress?: (progress: SyncProgress) => void,
): Promise<{ result: SyncResult; progress: SyncProgress[] }> {
  const progress: SyncProgress[] = [];
  const result = await runSync(request, syncDeps(connection, overrides), (p) => {
    progress.push(p);
    onProgress?.(p);
  });
  return { result, progress };
}

export function annotated(obj: KubeObject, annotations: Record<string, string>): KubeObject {
  const metadata = (obj.metadata ?? {}) as { annotations?: Record<string, string> };
  return { ...obj, metadata: { ...metadata, annotations: { ...metadata.annotations, ...annotations } } };
}

export function configMapObject(
  name: string,
  namespace: string,
  data: Record<string, string> = {},
): KubeObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace }, data };
}

export function serviceObject(name: string, namespace: string): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace },
    spec: { selector: { app: name }, ports: [{ port: 80, targetPort: 8080 }] },
  };
}

export function deploymentObject(name: string, namespace: string): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: 'web', image: 'registry.invalid/web:1' }] },
      },
    },
  };
}

/** A Job that kwok completes: the hooks that succeed. */
export function jobObject(name: string, namespace: string): KubeObject {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name, namespace },
    spec: {
      backoffLimit: 0,
      template: {
        spec: { restartPolicy: 'Never', containers: [{ name: 'run', image: 'registry.invalid/job:1' }] },
      },
    },
  };
}

/** A bare Pod: kwok keeps it Running until the test sets its phase. */
export function podObject(name: string, namespace: string): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace },
    spec: { restartPolicy: 'Never', containers: [{ name: 'run', image: 'registry.invalid/pod:1' }] },
  };
}

export function hook(obj: KubeObject, type: string, extra: Record<string, string> = {}): KubeObject {
  return annotated(obj, { 'argocd.argoproj.io/hook': type, ...extra });
}

export function wave(obj: KubeObject, n: number): KubeObject {
  return annotated(obj, { 'argocd.argoproj.io/sync-wave': String(n) });
}

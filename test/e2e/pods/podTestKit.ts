// Shared pieces of the pod log and terminal e2e tests: the namespace whose pods kwok serves logs
// and exec for (test/cluster/podIo.ts), a running pod there, and whether the running clusters'
// kwok was started with that configuration (clusters started before it was added were not).
import { appendFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import * as k8s from '@kubernetes/client-node';
import { afterAll, beforeAll } from 'vitest';
import { stringify } from 'yaml';
import type { ClusterConnection } from '../../../engine/cluster/clusterConnection.ts';
import { openPodLog } from '../../../engine/cluster/podLogs.ts';
import { setTrackingId, type KubeObject } from '../../../engine/diff/index.ts';
import { clusterState } from '../../cluster/harness.ts';
import { POD_IO_NAMESPACE, criLogLine, podLogFiles } from '../../cluster/podIo.ts';
import { remoteWith, writeApplication } from '../../support/workspaceFixtures.ts';
import { clientsOf, connect, until } from '../live/liveTestKit.ts';

export { POD_IO_NAMESPACE };

/** The lines kwok serves for every container of POD_IO_NAMESPACE (written by the harness). */
export const STARTING_LINES = ['current line 1', 'current line 2', 'current line 3'];
export const PREVIOUS_LINES = ['previous line 1', 'previous line 2', 'previous line 3'];

/** A line appended to the log kwok serves on plumbline-a: what a running container writes. */
export async function writeLogLine(text: string): Promise<void> {
  await appendFile(podLogFiles(clusterState('plumbline-a').dir).current, criLogLine(text));
}

/** Creates POD_IO_NAMESPACE on plumbline-a if missing (it is shared, so it is never deleted). */
export async function ensurePodIoNamespace(connection: ClusterConnection): Promise<void> {
  await clientsOf(connection)
    .core.createNamespace({ body: { metadata: { name: POD_IO_NAMESPACE } } })
    .catch((error: { code?: number }) => {
      if (error.code !== 409) throw error;
    });
}

/** A Running pod with one container `main` in POD_IO_NAMESPACE for this file's tests. */
export function runningPod(prefix: string): { name: string; container: string } {
  const pod = { name: `${prefix}-${randomBytes(3).toString('hex')}`, container: 'main' };
  const admin = connect('plumbline-a');
  const { core } = clientsOf(admin);
  beforeAll(async () => {
    await ensurePodIoNamespace(admin);
    await core.createNamespacedPod({
      namespace: POD_IO_NAMESPACE,
      body: {
        metadata: { name: pod.name },
        spec: { containers: [{ name: pod.container, image: 'registry.invalid/main:1' }] },
      },
    });
    await until(`pod ${pod.name} Running`, async () => {
      const live = await core.readNamespacedPod({ name: pod.name, namespace: POD_IO_NAMESPACE });
      return live.status?.phase === 'Running';
    });
  });
  afterAll(async () => {
    await core.deleteNamespacedPod({ name: pod.name, namespace: POD_IO_NAMESPACE }).catch(() => undefined);
  });
  return pod;
}

/**
 * An application `name` of one single-replica Deployment `name` in POD_IO_NAMESPACE: committed
 * to a git remote under `root`, applied to plumbline-a with its tracking id (deleted after the
 * file's tests). Returns the workspace folder holding the Application.
 */
export function podIoApplication(root: string, name: string): { workspace: string } {
  const workspace = join(root, 'workspace');
  const deployment = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: POD_IO_NAMESPACE },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name, image: `registry.invalid/${name}:1` }] },
      },
    },
  };
  const cluster = connect('plumbline-a');
  const objects = k8s.KubernetesObjectApi.makeApiClient(cluster.kubeConfig);
  beforeAll(async () => {
    await ensurePodIoNamespace(cluster);
    const { remote } = await remoteWith(
      root,
      'config.git',
      { [`${name}/deployment.yaml`]: stringify(deployment) },
      name,
    );
    const destination = { name: 'plumbline-a', namespace: POD_IO_NAMESPACE };
    await writeApplication(workspace, name, { source: { repoURL: remote.bare, path: name }, destination });
    const tracked = setTrackingId(deployment as KubeObject, name) as k8s.KubernetesObject;
    await objects.patch(tracked, undefined, undefined, 'plumbline', true, k8s.PatchStrategy.ServerSideApply);
  });
  afterAll(async () => {
    await objects.delete(deployment as k8s.KubernetesObject).catch(() => undefined);
  });
  return { workspace };
}

/**
 * Whether kwok serves the pod's log; if not, the API server's answer, which shows the request
 * reached kwok through the API server (kwok answers 400 "no logs found" without ClusterLogs).
 */
export async function kwokServesLogs(
  connection: ClusterConnection,
  pod: { name: string; container: string },
): Promise<{ served: true } | { served: false; answer: string }> {
  try {
    const response = await openPodLog(connection, {
      namespace: POD_IO_NAMESPACE,
      pod: pod.name,
      container: pod.container,
      follow: false,
      previous: false,
    });
    response.destroy();
    return { served: true };
  } catch (error) {
    return { served: false, answer: error instanceof Error ? error.message : String(error) };
  }
}

export const NOT_CONFIGURED =
  'the running test clusters were started before kwok was given ClusterLogs/ClusterExec ' +
  '(test/cluster/podIo.ts); restart them (npm run cluster:down, then run the tests) to stream logs and run commands';

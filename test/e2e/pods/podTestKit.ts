// Shared pieces of the pod log and terminal e2e tests: the namespace whose pods kwok serves logs
// and exec for (test/cluster/podIo.ts), a running pod there, and whether the running clusters'
// kwok was started with that configuration (clusters started before it was added were not).
import { appendFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import type { ClusterConnection } from '../../../engine/cluster/clusterConnection.ts';
import { openPodLog } from '../../../engine/cluster/podLogs.ts';
import { clusterState } from '../../cluster/harness.ts';
import { POD_IO_NAMESPACE, criLogLine, podLogFiles } from '../../cluster/podIo.ts';
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

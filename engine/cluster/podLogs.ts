// The log of one container of a pod, as the API server streams it from the kubelet
// (`GET /api/v1/namespaces/NS/pods/NAME/log`): the whole log, its tail, the previous container's,
// or followed as it grows.
import type { IncomingMessage } from 'node:http';
import type { ClusterConnection } from './clusterConnection.ts';
import { explainPodAccessError } from './podAccess.ts';

export interface PodLogRequest {
  namespace: string;
  pod: string;
  container: string;
  /** Keep the stream open and send lines as the container writes them. */
  follow: boolean;
  /** The log of the container's previous run (after a restart). */
  previous: boolean;
  tailLines?: number;
  /** Only the lines of the last so many seconds. */
  sinceSeconds?: number;
  /** Prefix each line with its RFC 3339 time. */
  timestamps?: boolean;
  signal?: AbortSignal;
}

/** Opens the log stream: the response once the server answered 2xx, else a KubeApiError. */
export async function openPodLog(
  connection: ClusterConnection,
  req: PodLogRequest,
): Promise<IncomingMessage> {
  const path = `/api/v1/namespaces/${encodeURIComponent(req.namespace)}/pods/${encodeURIComponent(req.pod)}/log`;
  try {
    return await connection.openStream({
      verb: 'get',
      method: 'GET',
      path,
      query: {
        container: req.container,
        follow: req.follow || undefined,
        previous: req.previous || undefined,
        tailLines: req.tailLines,
        sinceSeconds: req.sinceSeconds,
        timestamps: req.timestamps || undefined,
      },
      accept: '*/*',
      // A followed log may be quiet for hours; TCP keep-alive still notices a dead peer.
      idleTimeoutMs: req.follow ? 0 : undefined,
      what: `read the log of container ${req.container} of pod ${req.namespace}/${req.pod}`,
      ...(req.signal ? { signal: req.signal } : {}),
    });
  } catch (error) {
    throw explainPodAccessError(error, 'logs', req.namespace);
  }
}

// What reading a pod's logs or opening a terminal in it needs from RBAC, and the error that says
// so in words when the API server refuses (403): the user sees which permission is missing where.
import { KubeApiError } from './apiError.ts';

export type PodAccess = 'logs' | 'exec';

const needs: Record<PodAccess, { doing: string; rule: string }> = {
  logs: { doing: 'read logs of pods', rule: 'get pods/log' },
  exec: { doing: 'open a terminal in pods', rule: 'create pods/exec' },
};

/** A 403 becomes "you may not … in namespace X"; any other error passes unchanged. */
export function explainPodAccessError(error: unknown, access: PodAccess, namespace: string): unknown {
  if (!(error instanceof KubeApiError) || error.status !== 403) return error;
  const { doing, rule } = needs[access];
  return new KubeApiError(
    `you may not ${doing} in namespace ${namespace} (RBAC needs ${rule}): ${error.message}`,
    403,
    error.reason,
    error.details,
  );
}

// What Plumbline may do in a cluster, asked of the API server itself with
// SelfSubjectAccessReviews: the verbs a GitOps sync needs, on every resource type, in each
// chosen namespace and cluster-wide.
import type { KubeConfig } from '@kubernetes/client-node';
import { sendKubeRequest } from '../cluster/kubeHttp.ts';

export const SYNC_VERBS = ['get', 'list', 'watch', 'create', 'patch', 'delete'] as const;
export type SyncVerb = (typeof SYNC_VERBS)[number];

export interface PermissionCheck {
  /** The namespace, or null for cluster-wide. */
  namespace: string | null;
  verb: SyncVerb;
  allowed: boolean;
}

interface ReviewAnswer {
  status?: { allowed?: boolean };
}

async function review(kc: KubeConfig, namespace: string | null, verb: SyncVerb): Promise<PermissionCheck> {
  const body = {
    apiVersion: 'authorization.k8s.io/v1',
    kind: 'SelfSubjectAccessReview',
    spec: { resourceAttributes: { verb, group: '*', resource: '*', ...(namespace ? { namespace } : {}) } },
  };
  const res = await sendKubeRequest(kc, {
    method: 'POST',
    path: '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews',
    body: JSON.stringify(body),
    contentType: 'application/json',
    idleTimeoutMs: 30_000,
    what: `check permission to ${verb} in ${namespace ?? 'the whole cluster'}`,
  });
  const answer = JSON.parse(res.body) as ReviewAnswer;
  return { namespace, verb, allowed: answer.status?.allowed === true };
}

/** One check per verb for each namespace and for the whole cluster (null). */
export function checkPermissions(kc: KubeConfig, namespaces: readonly string[]): Promise<PermissionCheck[]> {
  const scopes = [...new Set(namespaces), null];
  return Promise.all(scopes.flatMap((namespace) => SYNC_VERBS.map((verb) => review(kc, namespace, verb))));
}

/** "cannot create, patch, delete in namespace team-b", one line per scope with something missing. */
export function missingPermissions(checks: readonly PermissionCheck[]): string[] {
  const byScope = new Map<string | null, SyncVerb[]>();
  for (const check of checks) {
    if (check.allowed) continue;
    byScope.set(check.namespace, [...(byScope.get(check.namespace) ?? []), check.verb]);
  }
  return [...byScope].map(
    ([namespace, verbs]) =>
      `cannot ${verbs.join(', ')} ${namespace === null ? 'cluster-wide' : `in namespace ${namespace}`}`,
  );
}

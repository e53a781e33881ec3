// What Plumbline may do in a cluster, asked of the API server itself with
// SelfSubjectAccessReviews: the verbs a GitOps sync needs, on every resource type, in each
// chosen namespace and cluster-wide. Where a namespace says no, its SelfSubjectRulesReview tells
// what the verb is allowed on instead.
import type { KubeConfig } from '@kubernetes/client-node';
import { sendKubeRequest } from '../cluster/kubeHttp.ts';
import { allowedResources, reviewRules } from './rulesReview.ts';

export const SYNC_VERBS = ['get', 'list', 'watch', 'create', 'patch', 'delete'] as const;
export type SyncVerb = (typeof SYNC_VERBS)[number];

export interface PermissionCheck {
  /** The namespace, or null for cluster-wide. */
  namespace: string | null;
  verb: SyncVerb;
  allowed: boolean;
  /** Denied in a namespace: the resources the verb is allowed on there all the same. */
  allowedOn?: string[];
  /** The server could not list every rule: allowedOn may be short. */
  rulesIncomplete?: boolean;
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

/** The denied checks of one namespace, with what each verb is allowed on there. */
async function withAllowedResources(kc: KubeConfig, checks: PermissionCheck[]): Promise<PermissionCheck[]> {
  const namespace = checks[0]?.namespace;
  if (!namespace || checks.every((check) => check.allowed)) return checks;
  const { rules, incomplete } = await reviewRules(kc, namespace);
  return checks.map((check) =>
    check.allowed
      ? check
      : {
          ...check,
          allowedOn: allowedResources(rules, check.verb),
          ...(incomplete ? { rulesIncomplete: true } : {}),
        },
  );
}

/** One check per verb for each namespace and for the whole cluster (null). */
export async function checkPermissions(
  kc: KubeConfig,
  namespaces: readonly string[],
): Promise<PermissionCheck[]> {
  const scopes = [...new Set(namespaces), null];
  const byScope = await Promise.all(
    scopes.map(async (namespace) => {
      const checks = await Promise.all(SYNC_VERBS.map((verb) => review(kc, namespace, verb)));
      return withAllowedResources(kc, checks);
    }),
  );
  return byScope.flat();
}

/** "get, list only on configmaps", verbs allowed on the same resources together. */
function partlyAllowed(denied: readonly PermissionCheck[]): string[] {
  const verbsByResources = new Map<string, string[]>();
  for (const check of denied) {
    if (!check.allowedOn?.length) continue;
    const resources = check.allowedOn.join(', ');
    verbsByResources.set(resources, [...(verbsByResources.get(resources) ?? []), check.verb]);
  }
  return [...verbsByResources].map(([resources, verbs]) => `${verbs.join(', ')} only on ${resources}`);
}

/**
 * One line per scope with something missing: "cannot create, patch, delete in namespace team-b",
 * or where some is allowed "in namespace team-c: cannot delete; get, list only on configmaps".
 */
export function missingPermissions(checks: readonly PermissionCheck[]): string[] {
  const byScope = new Map<string | null, PermissionCheck[]>();
  for (const check of checks) {
    if (check.allowed) continue;
    byScope.set(check.namespace, [...(byScope.get(check.namespace) ?? []), check]);
  }
  return [...byScope].map(([namespace, denied]) => {
    const scope = namespace === null ? 'cluster-wide' : `in namespace ${namespace}`;
    const incomplete = denied.some((check) => check.rulesIncomplete)
      ? ' (the server could not list every rule)'
      : '';
    const partly = partlyAllowed(denied);
    const nothing = denied.filter((check) => !check.allowedOn?.length).map((check) => check.verb);
    if (partly.length === 0) return `cannot ${nothing.join(', ')} ${scope}${incomplete}`;
    const parts = [...(nothing.length > 0 ? [`cannot ${nothing.join(', ')}`] : []), ...partly];
    return `${scope}: ${parts.join('; ')}${incomplete}`;
  });
}

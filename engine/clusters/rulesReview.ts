// What a user may do in a namespace, listed by the API server (SelfSubjectRulesReview). Asked
// where the wildcard SelfSubjectAccessReview says no, to tell "nothing at all" apart from "only
// configmaps and deployments".
import type { KubeConfig } from '@kubernetes/client-node';
import { sendKubeRequest } from '../cluster/kubeHttp.ts';

export interface ResourceRule {
  verbs: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
}

export interface RulesReview {
  rules: ResourceRule[];
  /** The server could not list every rule (an authorizer that cannot enumerate, e.g. a webhook). */
  incomplete: boolean;
}

interface RulesReviewAnswer {
  status?: { resourceRules?: ResourceRule[]; incomplete?: boolean };
}

/** Every user may ask about itself: those rules say nothing about deploying. */
function isSelfReview(group: string, resource: string): boolean {
  return group.endsWith('.k8s.io') && resource.startsWith('selfsubject');
}

function resourceLabel(group: string, resource: string): string {
  if (group === '*') return resource === '*' ? 'everything' : `${resource} (any group)`;
  if (resource === '*') return `everything in ${group === '' ? 'the core group' : group}`;
  return group === '' ? resource : `${resource}.${group}`;
}

/** The resources `verb` is allowed on, as people name them, sorted. */
export function allowedResources(rules: readonly ResourceRule[], verb: string): string[] {
  const labels = new Set<string>();
  for (const rule of rules) {
    if (!rule.verbs.includes(verb) && !rule.verbs.includes('*')) continue;
    const named = rule.resourceNames?.length ? ` named ${rule.resourceNames.join(', ')}` : '';
    for (const group of rule.apiGroups ?? []) {
      for (const resource of rule.resources ?? []) {
        if (!isSelfReview(group, resource)) labels.add(resourceLabel(group, resource) + named);
      }
    }
  }
  return [...labels].sort();
}

export async function reviewRules(kc: KubeConfig, namespace: string): Promise<RulesReview> {
  const body = {
    apiVersion: 'authorization.k8s.io/v1',
    kind: 'SelfSubjectRulesReview',
    spec: { namespace },
  };
  const res = await sendKubeRequest(kc, {
    method: 'POST',
    path: '/apis/authorization.k8s.io/v1/selfsubjectrulesreviews',
    body: JSON.stringify(body),
    contentType: 'application/json',
    idleTimeoutMs: 30_000,
    what: `list the rules that apply in ${namespace}`,
  });
  if (res.status >= 300) return { rules: [], incomplete: true };
  const answer = JSON.parse(res.body) as RulesReviewAnswer;
  return { rules: answer.status?.resourceRules ?? [], incomplete: answer.status?.incomplete === true };
}

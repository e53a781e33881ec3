// Creates Plumbline's own identity in a cluster, as `argocd cluster add` does: a ServiceAccount,
// the rights a sync needs (cluster-wide, or Roles in chosen namespaces) and a long-lived token
// Secret, so the registered cluster does not depend on the user's personal credentials.
// Existing objects are reused, so running it twice is harmless.
import type { KubeConfig } from '@kubernetes/client-node';
import { KubeApiError } from '../cluster/apiError.ts';
import { sendKubeRequest } from '../cluster/kubeHttp.ts';
import type { ClusterRegistration } from './clusterRegistry.ts';

/** Where Plumbline's own service account lives unless the user names another. */
export const PLUMBLINE_SERVICE_ACCOUNT = { namespace: 'kube-system', name: 'plumbline-manager' } as const;

export interface ServiceAccountOptions {
  namespace: string;
  name: string;
  /** A ClusterRole over everything; otherwise a Role in each of `namespaces`. */
  clusterWide: boolean;
  namespaces?: string[];
  /** How long to wait for the token controller to fill the Secret. */
  tokenTimeoutMs?: number;
}

const FULL_ACCESS = [
  { apiGroups: ['*'], resources: ['*'], verbs: ['*'] },
  { nonResourceURLs: ['*'], verbs: ['*'] },
];

async function send(kc: KubeConfig, method: 'GET' | 'POST', path: string, what: string, body?: object) {
  const res = await sendKubeRequest(kc, {
    method,
    path,
    body: body && JSON.stringify(body),
    contentType: body && 'application/json',
    idleTimeoutMs: 30_000,
    what,
  });
  return JSON.parse(res.body) as unknown;
}

interface KubeObject {
  kind: string;
  metadata: { name: string; namespace?: string; annotations?: Record<string, string> };
  [field: string]: unknown;
}

/** Creates the object, or leaves the existing one alone. */
async function ensure(kc: KubeConfig, collection: string, object: KubeObject) {
  try {
    await send(kc, 'POST', collection, `create ${object.kind} ${object.metadata.name}`, object);
  } catch (error) {
    if (!(error instanceof KubeApiError && error.status === 409)) throw error;
  }
}

function binding(
  kind: 'ClusterRoleBinding' | 'RoleBinding',
  roleKind: string,
  o: ServiceAccountOptions,
  ns?: string,
) {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind,
    metadata: { name: o.name, ...(ns ? { namespace: ns } : {}) },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: roleKind, name: o.name },
    subjects: [{ kind: 'ServiceAccount', name: o.name, namespace: o.namespace }],
  };
}

async function grant(kc: KubeConfig, o: ServiceAccountOptions): Promise<void> {
  const rbac = '/apis/rbac.authorization.k8s.io/v1';
  if (o.clusterWide) {
    const role = {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name: o.name },
    };
    await ensure(kc, `${rbac}/clusterroles`, { ...role, rules: FULL_ACCESS });
    await ensure(kc, `${rbac}/clusterrolebindings`, binding('ClusterRoleBinding', 'ClusterRole', o));
    return;
  }
  if (!o.namespaces?.length) throw new Error('a namespaced service account needs at least one namespace');
  for (const ns of o.namespaces) {
    const role = {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: { name: o.name, namespace: ns },
    };
    await ensure(kc, `${rbac}/namespaces/${ns}/roles`, { ...role, rules: [FULL_ACCESS[0]] });
    await ensure(kc, `${rbac}/namespaces/${ns}/rolebindings`, binding('RoleBinding', 'Role', o, ns));
  }
}

async function waitForToken(kc: KubeConfig, o: ServiceAccountOptions, secretPath: string): Promise<string> {
  const deadline = Date.now() + (o.tokenTimeoutMs ?? 30_000);
  for (;;) {
    const secret = (await send(kc, 'GET', secretPath, `read the token of ${o.namespace}/${o.name}`)) as {
      data?: { token?: string };
    };
    if (secret.data?.token) return Buffer.from(secret.data.token, 'base64').toString('utf8');
    if (Date.now() > deadline)
      throw new Error(
        `the cluster did not issue a token for service account ${o.namespace}/${o.name} in time ` +
          '(is the token controller of kube-controller-manager running?)',
      );
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Creates (or reuses) the service account and its rights; returns its token. */
export async function createServiceAccount(kc: KubeConfig, options: ServiceAccountOptions): Promise<string> {
  const { namespace, name } = options;
  const core = `/api/v1/namespaces/${encodeURIComponent(namespace)}`;
  await ensure(kc, `${core}/serviceaccounts`, {
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: { name },
  });
  await grant(kc, options);
  const tokenSecret = `${name}-token`;
  await ensure(kc, `${core}/secrets`, {
    apiVersion: 'v1',
    kind: 'Secret',
    type: 'kubernetes.io/service-account-token',
    metadata: { name: tokenSecret, annotations: { 'kubernetes.io/service-account.name': name } },
  });
  return waitForToken(kc, options, `${core}/secrets/${tokenSecret}`);
}

/** Names, on a registered cluster, the service account whose token the keychain holds. */
export const SERVICE_ACCOUNT_ANNOTATION = 'plumbline.dev/service-account';

/** The registration with the service account's token in place of the user's credentials. */
export function withServiceAccountToken(
  registration: ClusterRegistration,
  serviceAccount: { namespace: string; name: string },
  token: string,
): ClusterRegistration {
  const { record } = registration;
  return {
    record: {
      ...record,
      authKind: 'token',
      annotations: {
        ...record.annotations,
        [SERVICE_ACCOUNT_ANNOTATION]: `${serviceAccount.namespace}/${serviceAccount.name}`,
      },
    },
    credentials: { token },
  };
}

// The connection test of the registration wizard and `plumbline cluster test`: can Plumbline
// reach the cluster, trust its certificate, log in, and do a sync's work where it should?
import type { KubeConfig } from '@kubernetes/client-node';
import { sendKubeRequest } from '../cluster/kubeHttp.ts';
import { checkPermissions, missingPermissions, type PermissionCheck } from './accessReview.ts';
import { connectionProblem } from './connectionProblem.ts';

export interface ClusterTestResult {
  server: string;
  /** The server answered. */
  reachable: boolean;
  /** The server accepted the credentials. */
  authenticated: boolean;
  serverVersion: string | null;
  /** Why connecting failed, in plain words; null when it worked. */
  problem: string | null;
  permissions: PermissionCheck[];
  /** Missing rights, one plain line per namespace (or cluster-wide). */
  missing: string[];
  /** Connected, and every sync verb is allowed in the chosen namespaces (or cluster-wide without any). */
  ok: boolean;
}

function credentialKind(kc: KubeConfig): 'token' | 'certificate' | 'none' {
  const user = kc.getCurrentUser();
  if (user?.token || user?.authProvider) return 'token';
  if (user?.certData || user?.certFile) return 'certificate';
  return 'none';
}

export async function testCluster(
  kc: KubeConfig,
  namespaces: readonly string[] = [],
): Promise<ClusterTestResult> {
  const server = kc.getCurrentCluster()?.server ?? '(no server)';
  const result: ClusterTestResult = {
    server,
    reachable: false,
    authenticated: false,
    serverVersion: null,
    problem: null,
    permissions: [],
    missing: [],
    ok: false,
  };
  try {
    // A wrong or expired token is refused (401) even here: authentication precedes every request.
    const res = await sendKubeRequest(kc, {
      method: 'GET',
      path: '/version',
      idleTimeoutMs: 15_000,
      what: `read the server version of ${server}`,
    });
    result.serverVersion = (JSON.parse(res.body) as { gitVersion?: string }).gitVersion ?? 'unknown';
    result.reachable = result.authenticated = true;
    result.permissions = await checkPermissions(kc, namespaces);
  } catch (error) {
    const problem = connectionProblem(error, server, credentialKind(kc));
    result.reachable ||= problem.reachable;
    result.problem = result.authenticated
      ? `could not check permissions: ${problem.message}`
      : problem.message;
    return result;
  }
  result.missing = missingPermissions(result.permissions);
  const required = namespaces.length > 0 ? new Set<string | null>(namespaces) : new Set([null]);
  result.ok = result.permissions.every((check) => check.allowed || !required.has(check.namespace));
  return result;
}

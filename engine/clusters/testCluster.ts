// The connection test of the registration wizard and `plumbline cluster test`: can Plumbline
// reach the cluster, trust its certificate, log in, and do a sync's work where it should?
import type { KubeConfig } from '@kubernetes/client-node';
import { sendKubeRequest } from '../cluster/kubeHttp.ts';
import { checkPermissions, missingPermissions, type PermissionCheck } from './accessReview.ts';
import { connectionProblem, isCertificateProblem } from './connectionProblem.ts';

export interface ConnectionTest {
  server: string;
  /** The server answered. */
  reachable: boolean;
  /** Its TLS certificate is trusted (false also when nothing answered). */
  tlsTrusted: boolean;
  /** The server accepted the credentials. */
  authenticated: boolean;
  serverVersion: string | null;
  /** Why connecting failed, in plain words; null when it worked. */
  problem: string | null;
}

export interface PermissionReport {
  checks: PermissionCheck[];
  /** Missing rights, one plain line per namespace (or cluster-wide). */
  missing: string[];
  /** Every sync verb is allowed in the chosen namespaces (or cluster-wide without any). */
  ok: boolean;
}

export interface ClusterTestResult extends ConnectionTest {
  permissions: PermissionCheck[];
  missing: string[];
  /** Connected, and every sync verb is allowed where Plumbline will work. */
  ok: boolean;
}

function credentialKind(kc: KubeConfig): 'token' | 'certificate' | 'none' {
  const user = kc.getCurrentUser();
  if (user?.token || user?.authProvider) return 'token';
  if (user?.certData || user?.certFile) return 'certificate';
  return 'none';
}

const serverOf = (kc: KubeConfig) => kc.getCurrentCluster()?.server ?? '(no server)';

/** Reachability, TLS, credentials and the server version: one `GET /version`. */
export async function testConnection(kc: KubeConfig): Promise<ConnectionTest> {
  const server = serverOf(kc);
  try {
    // A wrong or expired token is refused (401) even here: authentication precedes every request.
    const res = await sendKubeRequest(kc, {
      method: 'GET',
      path: '/version',
      idleTimeoutMs: 15_000,
      what: `read the server version of ${server}`,
    });
    const serverVersion = (JSON.parse(res.body) as { gitVersion?: string }).gitVersion ?? 'unknown';
    return { server, reachable: true, tlsTrusted: true, authenticated: true, serverVersion, problem: null };
  } catch (error) {
    const problem = connectionProblem(error, server, credentialKind(kc));
    return {
      server,
      reachable: problem.reachable,
      tlsTrusted: problem.reachable && !isCertificateProblem(error),
      authenticated: false,
      serverVersion: null,
      problem: problem.message,
    };
  }
}

/** What a sync needs in each namespace (none: cluster-wide), asked of the API server. */
export async function permissionReport(
  kc: KubeConfig,
  namespaces: readonly string[],
): Promise<PermissionReport> {
  let checks: PermissionCheck[];
  try {
    checks = await checkPermissions(kc, namespaces);
  } catch (error) {
    const { message } = connectionProblem(error, serverOf(kc), credentialKind(kc));
    throw new Error(`could not check permissions: ${message}`, { cause: error });
  }
  // A cluster managed in some namespaces only needs nothing cluster-wide: that check is kept in
  // `checks`, for the record, but is not missing.
  const required = namespaces.length > 0 ? new Set<string | null>(namespaces) : new Set([null]);
  const needed = checks.filter((check) => required.has(check.namespace));
  return {
    checks,
    missing: missingPermissions(needed),
    ok: needed.every((check) => check.allowed),
  };
}

export async function testCluster(
  kc: KubeConfig,
  namespaces: readonly string[] = [],
): Promise<ClusterTestResult> {
  const connection = await testConnection(kc);
  const failed = { ...connection, permissions: [], missing: [], ok: false };
  if (!connection.authenticated) return failed;
  try {
    const { checks, missing, ok } = await permissionReport(kc, namespaces);
    return { ...connection, permissions: checks, missing, ok };
  } catch (error) {
    return { ...failed, problem: (error as Error).message };
  }
}

// What went wrong when connecting to a cluster, in the words a user acts on: unreachable,
// unknown certificate authority, refused credentials, forbidden. The technical message follows
// for the curious; it never holds a credential (KubeApiError carries no request headers).
import { KubeApiError } from '../cluster/apiError.ts';

const UNKNOWN_CA = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
]);

const NETWORK: Record<string, string> = {
  ECONNREFUSED: 'the connection was refused (is the API server running, is the port right?)',
  ENOTFOUND: 'the host name does not resolve',
  EAI_AGAIN: 'the host name could not be resolved (DNS unavailable?)',
  ETIMEDOUT: 'no answer in time (firewall, VPN or proxy?)',
  EHOSTUNREACH: 'the host is unreachable (VPN or network down?)',
  ECONNRESET: 'the connection was reset (a proxy or TLS mismatch?)',
};

/** The server answered, but its TLS certificate is not one Plumbline can trust. */
export function isCertificateProblem(error: unknown): boolean {
  if (!(error instanceof KubeApiError)) return false;
  return (
    UNKNOWN_CA.has(error.reason) ||
    error.reason === 'CERT_HAS_EXPIRED' ||
    error.reason === 'ERR_TLS_CERT_ALTNAME_INVALID'
  );
}

export interface ConnectionProblem {
  /** True when the server answered at all (even with 401/403). */
  reachable: boolean;
  message: string;
}

/** `credential`: what the client presented, so a 401 can say what was refused. */
export function connectionProblem(
  error: unknown,
  server: string,
  credential: 'token' | 'certificate' | 'none',
): ConnectionProblem {
  const detail = error instanceof Error ? error.message : String(error);
  if (!(error instanceof KubeApiError)) return { reachable: false, message: detail };
  const { status, reason } = error;
  if (UNKNOWN_CA.has(reason))
    return {
      reachable: true,
      message: `the server's TLS certificate is signed by an unknown certificate authority (CA): check the cluster's CA data (${reason})`,
    };
  if (reason === 'CERT_HAS_EXPIRED')
    return { reachable: true, message: "the server's TLS certificate has expired" };
  if (reason === 'ERR_TLS_CERT_ALTNAME_INVALID')
    return {
      reachable: true,
      message: `the server's TLS certificate is not valid for ${new URL(server).hostname}: set the TLS server name`,
    };
  if (status === 0) {
    const why = NETWORK[reason] ?? detail;
    return { reachable: false, message: `cannot reach ${server}: ${why}` };
  }
  if (status === 401) {
    const refused =
      credential === 'certificate'
        ? 'the client certificate was refused (401): it may be expired or not trusted by the cluster'
        : credential === 'token'
          ? 'the token was refused (401): it may be expired or wrong'
          : 'the cluster requires credentials (401) and none are configured';
    return { reachable: true, message: refused };
  }
  if (status === 403) return { reachable: true, message: `forbidden (403): ${detail}` };
  return { reachable: true, message: detail };
}

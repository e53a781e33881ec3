// A client-node KubeConfig for a registered cluster, built from the registry record and the
// keychain alone: no kubeconfig file is involved. Exec plugins run through Plumbline's own
// authenticator (asynchronous, time-limited, cached) instead of client-node's.
import type https from 'node:https';
import { KubeConfig, type User } from '@kubernetes/client-node';
import type { SecretStore } from '../secrets/secretStore.ts';
import { readClusterCredentials, type ExecConfig } from './clusterCredentials.ts';
import type { ClusterRecord } from './clusterRecord.ts';
import { sharedExecCredentialCache, type ExecCredentialCache } from './execCredentialCache.ts';

const EXEC_PROVIDER = 'plumbline-exec';

// client-node does not export the type it takes.
type Authenticator = Parameters<KubeConfig['addAuthenticator']>[0];

function execAuthenticator(cluster: string, config: ExecConfig, cache: ExecCredentialCache): Authenticator {
  return {
    isAuthProvider: (user: User) =>
      (user.authProvider as { name?: string } | undefined)?.name === EXEC_PROVIDER,
    async applyAuthentication(_user: User, opts: https.RequestOptions) {
      const credential = await cache.credentialFor(cluster, config);
      if (credential.token) opts.headers = { ...opts.headers, Authorization: `Bearer ${credential.token}` };
      if (credential.clientCertificatePem && credential.clientKeyPem) {
        opts.cert = credential.clientCertificatePem;
        opts.key = credential.clientKeyPem;
      }
    },
  };
}

export async function kubeConfigForRegistered(
  record: ClusterRecord,
  secrets: SecretStore,
  execCache: ExecCredentialCache = sharedExecCredentialCache,
): Promise<KubeConfig> {
  const credentials = await readClusterCredentials(secrets, record.credentialAccount);
  if (!credentials && record.authKind !== 'none')
    throw new Error(
      `the keychain holds no credentials for cluster ${record.name} (${record.credentialAccount}); register it again`,
    );
  const kc = new KubeConfig();
  if (credentials?.exec) kc.addAuthenticator(execAuthenticator(record.name, credentials.exec, execCache));
  kc.loadFromOptions({
    clusters: [
      {
        name: record.name,
        server: record.server,
        caData: record.caData,
        tlsServerName: record.tlsServerName,
        skipTLSVerify: record.insecure ?? false,
        proxyUrl: record.proxyUrl,
      },
    ],
    users: [
      {
        name: record.name,
        token: credentials?.token,
        certData: credentials?.clientCertificateData,
        keyData: credentials?.clientKeyData,
        authProvider: credentials?.exec ? { name: EXEC_PROVIDER } : undefined,
      },
    ],
    contexts: [
      { name: record.name, cluster: record.name, user: record.name, namespace: record.namespaces?.[0] },
    ],
    currentContext: record.name,
  });
  return kc;
}

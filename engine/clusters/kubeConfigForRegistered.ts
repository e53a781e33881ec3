// A client-node KubeConfig for a registered cluster, built from the registry record and the
// keychain alone: no kubeconfig file is involved. The credentials are applied to each request by
// Plumbline's own authenticator, so a connection can be made before the keychain is read (live
// caches are made synchronously), and exec plugins run asynchronously, time-limited and cached
// instead of through client-node's.
import type https from 'node:https';
import { KubeConfig, type User } from '@kubernetes/client-node';
import type { SecretStore } from '../secrets/secretStore.ts';
import { readClusterCredentials, type ClusterCredentials } from './clusterCredentials.ts';
import type { ClusterRecord } from './clusterRecord.ts';
import { sharedExecCredentialCache, type ExecCredentialCache } from './execCredentialCache.ts';

/** The auth-provider name of a user whose credentials Plumbline's authenticator applies. */
export const PROVIDER = 'plumbline-registered';

// client-node does not export the type it takes.
type Authenticator = Parameters<KubeConfig['addAuthenticator']>[0];

/** Where a KubeConfig's credentials come from, read when the first request needs them. */
export type CredentialSource = () => Promise<ClusterCredentials | null>;

const pem = (base64: string) => Buffer.from(base64, 'base64').toString('utf8');

export function credentialAuthenticator(
  cluster: string,
  source: CredentialSource,
  cache: ExecCredentialCache,
): Authenticator {
  // Read once; a failed read (locked keychain) is tried again by the next request.
  let loaded: Promise<ClusterCredentials | null> | null = null;
  const credentials = () => {
    if (!loaded) {
      const pending = source();
      pending.catch(() => loaded === pending && (loaded = null));
      loaded = pending;
    }
    return loaded;
  };
  return {
    isAuthProvider: (user: User) => (user.authProvider as { name?: string } | undefined)?.name === PROVIDER,
    async applyAuthentication(_user: User, opts: https.RequestOptions) {
      const stored = await credentials();
      const applied = stored?.exec ? await cache.credentialFor(cluster, stored.exec) : null;
      const token = applied?.token ?? stored?.token;
      if (token) opts.headers = { ...opts.headers, Authorization: `Bearer ${token}` };
      const cert =
        applied?.clientCertificatePem ?? (stored?.clientCertificateData && pem(stored.clientCertificateData));
      const key = applied?.clientKeyPem ?? (stored?.clientKeyData && pem(stored.clientKeyData));
      if (cert && key) {
        opts.cert = cert;
        opts.key = key;
      }
    },
  };
}

/** A KubeConfig for the record whose requests carry the credentials `source` yields. */
export function kubeConfigWithCredentials(
  record: ClusterRecord,
  source: CredentialSource,
  execCache: ExecCredentialCache = sharedExecCredentialCache,
): KubeConfig {
  const kc = new KubeConfig();
  kc.addAuthenticator(credentialAuthenticator(record.name, source, execCache));
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
    users: [{ name: record.name, authProvider: { name: PROVIDER } }],
    contexts: [
      { name: record.name, cluster: record.name, user: record.name, namespace: record.namespaces?.[0] },
    ],
    currentContext: record.name,
  });
  return kc;
}

async function storedCredentials(record: ClusterRecord, secrets: SecretStore) {
  const credentials = await readClusterCredentials(secrets, record.credentialAccount);
  if (!credentials && record.authKind !== 'none')
    throw new Error(
      `the keychain holds no credentials for cluster ${record.name} (${record.credentialAccount}); register it again`,
    );
  return credentials;
}

/** The KubeConfig of a registered cluster, its credentials read from the keychain now. */
export async function kubeConfigForRegistered(
  record: ClusterRecord,
  secrets: SecretStore,
  execCache: ExecCredentialCache = sharedExecCredentialCache,
): Promise<KubeConfig> {
  const credentials = await storedCredentials(record, secrets);
  return kubeConfigWithCredentials(record, async () => credentials, execCache);
}

/** The same, its credentials read from the keychain when the first request needs them. */
export function lazyKubeConfigForRegistered(
  record: ClusterRecord,
  secrets: SecretStore,
  execCache: ExecCredentialCache = sharedExecCredentialCache,
): KubeConfig {
  return kubeConfigWithCredentials(record, () => storedCredentials(record, secrets), execCache);
}

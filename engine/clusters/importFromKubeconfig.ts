// Turns one kubeconfig context into a cluster registration: everything that lives in files is
// read now (CA, token file, client certificate and key), so the cluster keeps working after the
// kubeconfig is gone. An exec plugin is stored as configuration and run when connecting.
import { FileReadError, readRegularFileSync } from '../files/regularFile.ts';
import type { Cluster, KubeConfig, User } from '@kubernetes/client-node';
import { kubeConfigForContext } from '../cluster/kubeConfigForContext.ts';
import { execConfigSchema, type ClusterCredentials } from './clusterCredentials.ts';
import { clusterCredentialAccount, clusterRecordSchema, type AuthKind } from './clusterRecord.ts';
import type { ClusterRegistration } from './clusterRegistry.ts';

export interface ImportOptions {
  /** The registered name; default: the context's name. */
  name?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  /** Default: the context's namespace, if it names one. */
  namespaces?: string[];
}

/** Certificates and keys are a few KiB; a file named for one that is larger is not one. */
const MAX_CREDENTIAL_FILE_BYTES = 1024 * 1024;

function base64Of(what: string, file: string | undefined, data: string | undefined): string | undefined {
  if (data) return data;
  if (!file) return undefined;
  try {
    // A regular file only: a FIFO or a device named in a kubeconfig is refused, never waited on.
    return readRegularFileSync(file, { maxBytes: MAX_CREDENTIAL_FILE_BYTES, what: `${what} file` }).toString(
      'base64',
    );
  } catch (error) {
    const reason =
      error instanceof FileReadError ? error.message : ((error as NodeJS.ErrnoException).code ?? error);
    throw new Error(`read the ${what} file ${file}: ${reason}`, { cause: error });
  }
}

interface AuthProvider {
  name?: string;
  config?: Record<string, string | undefined>;
}

function credentialsOf(context: string, user: User | undefined): [AuthKind, ClusterCredentials] {
  if (!user) return ['none', {}];
  if (user.username || user.password)
    throw new Error(`context ${context}: basic authentication (username/password) is not supported`);
  if (user.exec) {
    const parsed = execConfigSchema.safeParse(user.exec);
    if (!parsed.success)
      throw new Error(
        `context ${context}: the exec plugin configuration lacks ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}`,
      );
    return ['exec', { exec: parsed.data }];
  }
  const provider = user.authProvider as AuthProvider | null | undefined;
  if (provider?.name) {
    const idToken = provider.config?.['id-token'];
    if (provider.name !== 'oidc' || !idToken)
      throw new Error(
        `context ${context}: auth-provider ${provider.name} is not supported; use its exec plugin ` +
          '(kubelogin, gke-gcloud-auth-plugin) or a token',
      );
    return ['oidc', { token: idToken }];
  }
  const certificate = base64Of('client certificate', user.certFile, user.certData);
  const key = base64Of('client key', user.keyFile, user.keyData);
  if (certificate && key)
    return ['clientCertificate', { clientCertificateData: certificate, clientKeyData: key }];
  if (certificate || key)
    throw new Error(`context ${context}: a client certificate needs both the certificate and its key`);
  // client-node reads a `token-file` into `token` when it loads the kubeconfig.
  if (user.token) return ['token', { token: user.token.trim() }];
  return ['none', {}];
}

function clusterFields(cluster: Cluster) {
  return {
    server: cluster.server,
    caData: base64Of('certificate authority', cluster.caFile, cluster.caData),
    tlsServerName: cluster.tlsServerName || undefined,
    insecure: cluster.skipTLSVerify || undefined,
    proxyUrl: cluster.proxyUrl || undefined,
  };
}

/** The registration for `context` of the kubeconfig `files` (merged as kubectl merges them). */
export function importFromKubeconfig(
  files: readonly string[],
  context: string,
  options: ImportOptions = {},
): ClusterRegistration {
  return registrationFromKubeConfig(kubeConfigForContext(files, context), context, options);
}

/** The registration for `context` of a loaded KubeConfig. */
export function registrationFromKubeConfig(
  kc: KubeConfig,
  context: string,
  options: ImportOptions = {},
): ClusterRegistration {
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new Error(`kubeconfig context ${context} names no cluster`);
  const [authKind, credentials] = credentialsOf(context, kc.getCurrentUser() ?? undefined);
  const name = options.name ?? context;
  const contextNamespace = kc.getContextObject(context)?.namespace;
  const record = clusterRecordSchema.parse({
    name,
    ...clusterFields(cluster),
    labels: options.labels ?? {},
    annotations: options.annotations ?? {},
    namespaces: options.namespaces ?? (contextNamespace ? [contextNamespace] : undefined),
    authKind,
    credentialAccount: clusterCredentialAccount(name),
    importedFrom: context,
  });
  return { record, credentials };
}

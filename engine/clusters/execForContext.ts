// A kubeconfig context whose user runs an exec plugin gets it run the way a registered cluster's
// is: asynchronously, time-limited, cached until shortly before the credential expires, with its
// stderr (a device-code login's prompt) reported to the user — not by client-node's own runner.
import { KubeConfig } from '@kubernetes/client-node';
import { execConfigSchema } from './clusterCredentials.ts';
import { sharedExecCredentialCache, type ExecCredentialCache } from './execCredentialCache.ts';
import { credentialAuthenticator, PROVIDER } from './kubeConfigForRegistered.ts';

export function runExecThroughPlumbline(
  kubeConfig: KubeConfig,
  context: string,
  cache: ExecCredentialCache = sharedExecCredentialCache,
): KubeConfig {
  const user = kubeConfig.getCurrentUser();
  const parsed = execConfigSchema.safeParse(user?.exec);
  const cluster = kubeConfig.getCurrentCluster();
  const current = kubeConfig.getContextObject(kubeConfig.getCurrentContext());
  if (!user?.exec || !parsed.success || !cluster || !current) return kubeConfig;
  const routed = new KubeConfig();
  const credentials = {
    exec: parsed.data,
    // a certificate the user also has is kept; the plugin's own answer takes precedence
    ...(user.certData && user.keyData
      ? { clientCertificateData: user.certData, clientKeyData: user.keyData }
      : {}),
  };
  routed.addAuthenticator(credentialAuthenticator(`context:${context}`, async () => credentials, cache));
  routed.loadFromOptions({
    clusters: [cluster],
    users: [{ name: user.name, authProvider: { name: PROVIDER } }],
    contexts: [current],
    currentContext: current.name,
  });
  return routed;
}

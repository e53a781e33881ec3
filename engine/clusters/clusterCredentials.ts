// The credentials of a registered cluster, one JSON value in the SecretStore under
// `cluster:<name>`: a bearer token (also an OIDC id-token), a client certificate and key, or an
// exec plugin's configuration (its env may hold secrets too), run when a connection needs it.
import { z } from 'zod';
import type { SecretStore } from '../secrets/secretStore.ts';

export const execConfigSchema = z.object({
  apiVersion: z.string().min(1),
  command: z.string().min(1),
  args: z
    .array(z.string())
    .nullish()
    .transform((args) => args ?? []),
  env: z
    .array(z.object({ name: z.string().min(1), value: z.string() }))
    .nullish()
    .transform((env) => env ?? []),
  installHint: z.string().optional(),
});
export type ExecConfig = z.infer<typeof execConfigSchema>;

export const clusterCredentialsSchema = z.object({
  token: z.string().min(1).optional(),
  /** Base64 PEM, as kubeconfig's client-certificate-data. */
  clientCertificateData: z.string().min(1).optional(),
  /** Base64 PEM, as kubeconfig's client-key-data. */
  clientKeyData: z.string().min(1).optional(),
  exec: execConfigSchema.optional(),
});
export type ClusterCredentials = z.infer<typeof clusterCredentialsSchema>;

export async function readClusterCredentials(
  store: SecretStore,
  account: string,
): Promise<ClusterCredentials | null> {
  const stored = await store.get(account);
  if (stored === null) return null;
  // The stored text is a secret: errors name the account and the fields, never the value.
  let json: unknown;
  try {
    json = JSON.parse(stored);
  } catch {
    throw new Error(`secret store entry ${account}: not valid JSON`);
  }
  const parsed = clusterCredentialsSchema.safeParse(json);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((issue) => issue.path.join('.') || '(root)').join(', ');
    throw new Error(`secret store entry ${account}: unexpected shape at ${fields}`);
  }
  return parsed.data;
}

export async function writeClusterCredentials(
  store: SecretStore,
  account: string,
  credentials: ClusterCredentials,
): Promise<void> {
  await store.set(account, JSON.stringify(clusterCredentialsSchema.parse(credentials)));
}

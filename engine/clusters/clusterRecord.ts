// A registered cluster as the registry keeps it on disk: where it is and how it is labelled,
// never how to log in. The credentials live in the SecretStore under `credentialAccount`.
import { z } from 'zod';

export const AUTH_KINDS = ['token', 'clientCertificate', 'exec', 'oidc', 'none'] as const;
export type AuthKind = (typeof AUTH_KINDS)[number];

export const clusterNameSchema = z
  .string()
  .min(1)
  .max(253)
  .regex(/^[^\s]+$/, 'a cluster name has no spaces');

export const clusterRecordSchema = z.object({
  name: clusterNameSchema,
  server: z.url(),
  /** Base64 PEM of the CA that signed the server's certificate; absent: the system's CAs. */
  caData: z.string().min(1).optional(),
  tlsServerName: z.string().min(1).optional(),
  /** Skip TLS verification: only when the user explicitly asked for it. */
  insecure: z.boolean().optional(),
  proxyUrl: z.string().min(1).optional(),
  labels: z.record(z.string(), z.string()).default({}),
  annotations: z.record(z.string(), z.string()).default({}),
  /** The namespaces Plumbline works in; absent: the whole cluster. */
  namespaces: z.array(z.string().min(1)).optional(),
  /** Which kind of credential the keychain holds, for the UI; the credential itself is not here. */
  authKind: z.enum(AUTH_KINDS),
  /** SecretStore account of the credentials: `cluster:<name>`. */
  credentialAccount: z.string().min(1),
  /** The kubeconfig context it was imported from, for the user's orientation. */
  importedFrom: z.string().optional(),
});
export type ClusterRecord = z.infer<typeof clusterRecordSchema>;

export function clusterCredentialAccount(name: string): string {
  return `cluster:${name}`;
}

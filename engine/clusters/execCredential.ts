// The ExecCredential an exec plugin prints (client.authentication.k8s.io v1 / v1beta1): a token
// or a client certificate and key, and when it expires.
import { z } from 'zod';
import { rememberSecret } from '../git/scrub.ts';

const execCredentialSchema = z.object({
  kind: z.literal('ExecCredential'),
  status: z.object({
    token: z.string().min(1).optional(),
    /** PEM, not base64: unlike kubeconfig's *-data fields. */
    clientCertificateData: z.string().min(1).optional(),
    clientKeyData: z.string().min(1).optional(),
    expirationTimestamp: z.iso.datetime({ offset: true }).optional(),
  }),
});

export interface ExecCredential {
  token?: string;
  clientCertificatePem?: string;
  clientKeyPem?: string;
  /** Absent: valid until the server refuses it. */
  expiresAt?: Date;
}

export function parseExecCredential(command: string, stdout: string): ExecCredential {
  let json: unknown;
  try {
    json = JSON.parse(stdout);
  } catch {
    // Never quote the output: it may hold a token.
    throw new Error(`exec plugin ${command} printed no JSON ExecCredential on stdout`);
  }
  const parsed = execCredentialSchema.safeParse(json);
  if (!parsed.success) {
    const where = parsed.error.issues.map((issue) => issue.path.join('.') || '(root)').join(', ');
    throw new Error(`exec plugin ${command} printed an ExecCredential that is not valid at ${where}`);
  }
  const { status } = parsed.data;
  const hasCertificate = Boolean(status.clientCertificateData && status.clientKeyData);
  if (!status.token && !hasCertificate)
    throw new Error(
      `exec plugin ${command} printed an ExecCredential with neither a token nor a client certificate and key`,
    );
  // the token (or key) a plugin hands over is scrubbed from every output from now on
  rememberSecret(status.token);
  rememberSecret(hasCertificate ? status.clientKeyData : undefined);
  return {
    token: status.token,
    clientCertificatePem: hasCertificate ? status.clientCertificateData : undefined,
    clientKeyPem: hasCertificate ? status.clientKeyData : undefined,
    expiresAt: status.expirationTimestamp ? new Date(status.expirationTimestamp) : undefined,
  };
}

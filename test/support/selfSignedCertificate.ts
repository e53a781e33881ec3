// A self-signed EC certificate and its private key, made with openssl: for a TLS stand-in
// server (an API server on 127.0.0.1) or a kubeconfig user's client certificate.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function selfSignedCertificate(commonName: string, ipAddress?: string): { key: string; cert: string } {
  const dir = mkdtempSync(join(tmpdir(), 'plumbline-cert-'));
  const [keyFile, certFile] = [join(dir, 'key.pem'), join(dir, 'cert.pem')];
  try {
    execFileSync(
      'openssl',
      [
        ...['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'],
        ...['-days', '1', '-subj', `/CN=${commonName}`],
        ...(ipAddress ? ['-addext', `subjectAltName=IP:${ipAddress}`] : []),
        ...['-keyout', keyFile, '-out', certFile],
      ],
      { stdio: 'ignore' },
    );
    return { key: readFileSync(keyFile, 'utf8'), cert: readFileSync(certFile, 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// A kubeconfig with one context per kind of credential kubectl supports, for import tests.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';

export const TOKEN = 'tok-import-4242';
export const PEM_CERT = '-----BEGIN CERTIFICATE-----\nY2VydA==\n-----END CERTIFICATE-----\n';
export const PEM_KEY = '-----BEGIN PRIVATE KEY-----\na2V5\n-----END PRIVATE KEY-----\n';
export const CA_PEM = '-----BEGIN CERTIFICATE-----\nY2E=\n-----END CERTIFICATE-----\n';
const b64 = (text: string) => Buffer.from(text).toString('base64');

type UserFields = Record<string, unknown>;

/** Writes `kubeconfig` plus the files it points to into `dir`; returns its path. */
export function writeKubeconfigWithUsers(dir: string): string {
  writeFileSync(join(dir, 'token'), `${TOKEN}-from-file\n`);
  writeFileSync(join(dir, 'client.crt'), PEM_CERT);
  writeFileSync(join(dir, 'client.key'), PEM_KEY);
  writeFileSync(join(dir, 'ca.crt'), CA_PEM);
  const users: Record<string, UserFields> = {
    token: { token: TOKEN },
    'token-file': { 'token-file': join(dir, 'token') },
    'cert-data': { 'client-certificate-data': b64(PEM_CERT), 'client-key-data': b64(PEM_KEY) },
    'cert-files': { 'client-certificate': 'client.crt', 'client-key': 'client.key' },
    exec: {
      exec: {
        apiVersion: 'client.authentication.k8s.io/v1',
        command: 'example-auth-plugin',
        args: ['token', '--cluster', 'prod'],
        env: [{ name: 'EXAMPLE_PROFILE', value: 'ops' }],
        installHint: 'install example-auth-plugin',
      },
    },
    oidc: {
      'auth-provider': {
        name: 'oidc',
        config: { 'id-token': `${TOKEN}-oidc`, 'idp-issuer-url': 'https://idp' },
      },
    },
    gcp: { 'auth-provider': { name: 'gcp', config: {} } },
    basic: { username: 'admin', password: 'secret' },
    'half-cert': { 'client-certificate-data': b64(PEM_CERT) },
  };
  const config = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      {
        name: 'main',
        cluster: { server: 'https://k8s.example.test:6443', 'certificate-authority': 'ca.crt' },
      },
      {
        name: 'proxied',
        cluster: {
          server: 'https://10.0.0.1:6443',
          'certificate-authority-data': b64(CA_PEM),
          'proxy-url': 'http://proxy.example.test:3128',
          'tls-server-name': 'kubernetes',
        },
      },
    ],
    users: Object.entries(users).map(([name, user]) => ({ name, user })),
    contexts: [
      ...Object.keys(users).map((name) => ({ name, context: { cluster: 'main', user: name } })),
      { name: 'proxied', context: { cluster: 'proxied', user: 'token', namespace: 'team-a' } },
    ],
  };
  const path = join(dir, 'kubeconfig');
  writeFileSync(path, stringify(config));
  return path;
}

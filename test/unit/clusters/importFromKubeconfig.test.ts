// Importing a kubeconfig context: every kind of credential ends up in the credentials (read from
// files now), nothing secret in the record.
import { beforeAll, describe, expect, it } from 'vitest';
import { importFromKubeconfig } from '../../../engine/clusters/importFromKubeconfig.ts';
import { tempDir } from '../../support/tempDir.ts';
import { CA_PEM, PEM_CERT, PEM_KEY, TOKEN, writeKubeconfigWithUsers } from './kubeconfigWithUsers.ts';

const b64 = (text: string) => Buffer.from(text).toString('base64');
let files: string[];
beforeAll(() => {
  files = [writeKubeconfigWithUsers(tempDir())];
});

describe('importFromKubeconfig', () => {
  it('takes a bearer token and keeps the record free of it', () => {
    const { record, credentials } = importFromKubeconfig(files, 'token', {
      name: 'prod',
      labels: { env: 'prod' },
    });
    expect(credentials).toEqual({ token: TOKEN });
    expect(record).toMatchObject({
      name: 'prod',
      server: 'https://k8s.example.test:6443',
      caData: b64(CA_PEM),
      labels: { env: 'prod' },
      authKind: 'token',
      credentialAccount: 'cluster:prod',
      importedFrom: 'token',
    });
    expect(JSON.stringify(record)).not.toContain(TOKEN);
  });

  it('reads a token file now', () => {
    expect(importFromKubeconfig(files, 'token-file').credentials).toEqual({ token: `${TOKEN}-from-file` });
  });

  it('takes client certificates from data or from files relative to the kubeconfig', () => {
    const expected = { clientCertificateData: b64(PEM_CERT), clientKeyData: b64(PEM_KEY) };
    expect(importFromKubeconfig(files, 'cert-data').credentials).toEqual(expected);
    const fromFiles = importFromKubeconfig(files, 'cert-files');
    expect(fromFiles.credentials).toEqual(expected);
    expect(fromFiles.record.authKind).toBe('clientCertificate');
  });

  it('stores an exec plugin configuration to run later', () => {
    const { record, credentials } = importFromKubeconfig(files, 'exec');
    expect(record.authKind).toBe('exec');
    expect(credentials.exec).toEqual({
      apiVersion: 'client.authentication.k8s.io/v1',
      command: 'example-auth-plugin',
      args: ['token', '--cluster', 'prod'],
      env: [{ name: 'EXAMPLE_PROFILE', value: 'ops' }],
      installHint: 'install example-auth-plugin',
    });
  });

  it("takes an OIDC auth-provider's id-token", () => {
    const { record, credentials } = importFromKubeconfig(files, 'oidc');
    expect(record.authKind).toBe('oidc');
    expect(credentials).toEqual({ token: `${TOKEN}-oidc` });
  });

  it('keeps proxy-url, tls-server-name and the context namespace', () => {
    const { record } = importFromKubeconfig(files, 'proxied');
    expect(record).toMatchObject({
      proxyUrl: 'http://proxy.example.test:3128',
      tlsServerName: 'kubernetes',
      namespaces: ['team-a'],
      caData: b64(CA_PEM),
    });
  });

  it('refuses what it cannot keep working, in plain words', () => {
    expect(() => importFromKubeconfig(files, 'gcp')).toThrow(/auth-provider gcp is not supported/);
    expect(() => importFromKubeconfig(files, 'basic')).toThrow(/basic authentication .* is not supported/);
    expect(() => importFromKubeconfig(files, 'half-cert')).toThrow(/needs both the certificate and its key/);
    expect(() => importFromKubeconfig(files, 'missing')).toThrow(/context missing is not defined/);
  });
});

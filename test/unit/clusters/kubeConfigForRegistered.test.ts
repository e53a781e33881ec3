// A registered cluster's KubeConfig comes from the record and the secret store alone, and the
// requests it authenticates carry the stored token, certificate or exec plugin credential.
import type { Agent } from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import type { ClusterRecord } from '../../../engine/clusters/clusterRecord.ts';
import { ExecCredentialCache } from '../../../engine/clusters/execCredentialCache.ts';
import { kubeConfigForRegistered } from '../../../engine/clusters/kubeConfigForRegistered.ts';
import { memorySecretStore } from '../../../engine/secrets/secretStore.ts';

const record: ClusterRecord = {
  name: 'prod',
  server: 'https://k8s.example.test:6443',
  caData: Buffer.from('CA').toString('base64'),
  proxyUrl: 'http://proxy.example.test:3128',
  labels: {},
  annotations: {},
  namespaces: ['team-a'],
  authKind: 'token',
  credentialAccount: 'cluster:prod',
};

async function requestOptions(kc: KubeConfig) {
  const init = await kc.applyToFetchOptions({});
  const headers = init.headers as unknown as { get(name: string): string | null };
  return { authorization: headers.get('authorization'), agent: init.agent as Agent };
}

describe('kubeConfigForRegistered', () => {
  it('authenticates with the stored token and keeps server, CA, proxy and namespace', async () => {
    const secrets = memorySecretStore({ 'cluster:prod': JSON.stringify({ token: 'tok-1' }) });
    const kc = await kubeConfigForRegistered(record, secrets);
    expect(kc.getCurrentCluster()).toMatchObject({
      server: record.server,
      caData: record.caData,
      proxyUrl: record.proxyUrl,
    });
    expect(kc.getContextObject('prod')?.namespace).toBe('team-a');
    expect((await requestOptions(kc)).authorization).toBe('Bearer tok-1');
  });

  it('presents the stored client certificate', async () => {
    const pem = (what: string) => Buffer.from(`-----BEGIN ${what}-----\n`).toString('base64');
    const secrets = memorySecretStore({
      'cluster:prod': JSON.stringify({
        clientCertificateData: pem('CERTIFICATE'),
        clientKeyData: pem('KEY'),
      }),
    });
    const kc = await kubeConfigForRegistered(
      { ...record, proxyUrl: undefined, authKind: 'clientCertificate' },
      secrets,
    );
    const { authorization, agent } = await requestOptions(kc);
    expect(authorization).toBeNull();
    expect(String(agent.options.cert)).toContain('BEGIN CERTIFICATE');
  });

  it('runs the exec plugin through the cache and sends its token', async () => {
    const exec = { apiVersion: 'client.authentication.k8s.io/v1', command: 'p', args: [], env: [] };
    const secrets = memorySecretStore({ 'cluster:prod': JSON.stringify({ exec }) });
    let runs = 0;
    const cache = new ExecCredentialCache({}, async () => ({ token: `exec-${++runs}` }));
    const kc = await kubeConfigForRegistered({ ...record, authKind: 'exec' }, secrets, cache);
    expect((await requestOptions(kc)).authorization).toBe('Bearer exec-1');
    expect((await requestOptions(kc)).authorization).toBe('Bearer exec-1');
  });

  it('says plainly when the keychain lost the credentials', async () => {
    await expect(kubeConfigForRegistered(record, memorySecretStore())).rejects.toThrow(
      'the keychain holds no credentials for cluster prod (cluster:prod); register it again',
    );
  });
});

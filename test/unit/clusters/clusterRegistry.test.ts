// The registry: metadata in the data folder's clusters.json, credentials only in the SecretStore.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { clusterRegistry } from '../../../engine/clusters/clusterRegistry.ts';
import { importFromKubeconfig } from '../../../engine/clusters/importFromKubeconfig.ts';
import { memorySecretStore, type SecretStore } from '../../../engine/secrets/secretStore.ts';
import { tempDir } from '../../support/tempDir.ts';
import { TOKEN, writeKubeconfigWithUsers } from './kubeconfigWithUsers.ts';

function setup(secrets: SecretStore = memorySecretStore()) {
  const dir = tempDir();
  const files = [writeKubeconfigWithUsers(dir)];
  return { dir, secrets, files, registry: clusterRegistry(dir, secrets) };
}

describe('clusterRegistry', () => {
  it('keeps records on disk and credentials in the secret store', async () => {
    const { dir, secrets, files, registry } = setup();
    await registry.add(importFromKubeconfig(files, 'token', { name: 'prod', labels: { env: 'prod' } }));
    expect(registry.path).toBe(`${dir}/clusters.json`);
    const onDisk = readFileSync(registry.path, 'utf8');
    expect(onDisk).not.toContain(TOKEN);
    expect(JSON.parse(onDisk).clusters[0]).toMatchObject({ name: 'prod', labels: { env: 'prod' } });
    expect(JSON.parse((await secrets.get('cluster:prod'))!)).toEqual({ token: TOKEN });
    // A second registry on the same folder (another process) sees it.
    expect(clusterRegistry(dir, secrets).get('prod')?.server).toBe('https://k8s.example.test:6443');
  });

  it('refuses a taken name', async () => {
    const { files, registry } = setup();
    await registry.add(importFromKubeconfig(files, 'token', { name: 'dup' }));
    await expect(registry.add(importFromKubeconfig(files, 'oidc', { name: 'dup' }))).rejects.toThrow(
      /a cluster named dup is already registered/,
    );
  });

  it('removes the record and the keychain entry', async () => {
    const { secrets, files, registry } = setup();
    await registry.add(importFromKubeconfig(files, 'token', { name: 'a.b' }));
    await registry.add(importFromKubeconfig(files, 'exec', { name: 'c' }));
    expect(await registry.remove('a.b')).toBe(true);
    expect(await secrets.get('cluster:a.b')).toBeNull();
    expect(registry.list().map((r) => r.name)).toEqual(['c']);
    expect(await registry.remove('a.b')).toBe(false);
  });

  it('edits labels and namespaces, and a rename moves the credentials to the new entry', async () => {
    const { secrets, files, registry } = setup();
    await registry.add(importFromKubeconfig(files, 'token', { name: 'old', namespaces: ['a'] }));
    const updated = await registry.update('old', { name: 'new', labels: { env: 'dev' }, namespaces: null });
    expect(updated).toMatchObject({ name: 'new', labels: { env: 'dev' }, credentialAccount: 'cluster:new' });
    expect(updated.namespaces).toBeUndefined();
    expect(registry.list().map((r) => r.name)).toEqual(['new']);
    expect(await secrets.get('cluster:old')).toBeNull();
    expect(JSON.parse((await secrets.get('cluster:new'))!)).toEqual({ token: TOKEN });
    await expect(registry.update('gone', {})).rejects.toThrow(/no cluster named gone/);
  });

  it('reconnects a cluster: new server and credentials, same name, labels and namespaces', async () => {
    const { secrets, files, registry } = setup();
    const withServiceAccount = importFromKubeconfig(files, 'token', {
      name: 'prod',
      labels: { env: 'prod' },
      namespaces: ['team-a'],
    });
    withServiceAccount.record.annotations = {
      'plumbline.dev/service-account': 'kube-system/plumbline-manager',
      owner: 'ops',
    };
    await registry.add(withServiceAccount);
    const updated = await registry.reconnect('prod', importFromKubeconfig(files, 'proxied'));
    expect(updated).toMatchObject({
      name: 'prod',
      server: 'https://10.0.0.1:6443',
      proxyUrl: 'http://proxy.example.test:3128',
      tlsServerName: 'kubernetes',
      labels: { env: 'prod' },
      namespaces: ['team-a'],
      credentialAccount: 'cluster:prod',
      importedFrom: 'proxied',
    });
    // The old token was Plumbline's service account; the new one is not.
    expect(updated.annotations).toEqual({ owner: 'ops' });
    const back = await registry.reconnect('prod', importFromKubeconfig(files, 'exec'));
    // What the new connection does not have (a proxy, a TLS server name) is not kept.
    expect(back.server).toBe('https://k8s.example.test:6443');
    expect(back.proxyUrl).toBeUndefined();
    expect(back.tlsServerName).toBeUndefined();
    expect(back.authKind).toBe('exec');
    expect(JSON.parse((await secrets.get('cluster:prod'))!)).toHaveProperty('exec');
    expect(registry.get('prod')).toEqual(back);
    await expect(registry.reconnect('gone', importFromKubeconfig(files, 'token'))).rejects.toThrow(
      /no cluster named gone/,
    );
  });

  it('writes no record when the keychain refuses the credentials', async () => {
    const locked: SecretStore = {
      get: async () => null,
      set: async () => {
        throw new Error('the OS keychain is not available');
      },
      delete: async () => false,
    };
    const { files, registry } = setup(locked);
    await expect(registry.add(importFromKubeconfig(files, 'token'))).rejects.toThrow(
      /keychain is not available/,
    );
    expect(registry.list()).toEqual([]);
  });
});

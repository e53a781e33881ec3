// The connection test on the real test clusters: versions and rights of the admin and of the
// user restricted to team-a, and plain words for a refused token, an unknown CA and no server.
import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kubeConfigForContext } from '../../../engine/cluster/kubeConfigForContext.ts';
import { clusterRegistry } from '../../../engine/clusters/clusterRegistry.ts';
import { importFromKubeconfig } from '../../../engine/clusters/importFromKubeconfig.ts';
import { kubeConfigForRegistered } from '../../../engine/clusters/kubeConfigForRegistered.ts';
import { testCluster } from '../../../engine/clusters/testCluster.ts';
import { memorySecretStore } from '../../../engine/secrets/secretStore.ts';
import { testKubeconfigPath } from '../../cluster/kubeconfig.ts';
import { tempDir } from '../../support/tempDir.ts';

const files = () => [testKubeconfigPath()];

describe('testCluster', () => {
  it('reports the version and full rights of the admin', async () => {
    const result = await testCluster(kubeConfigForContext(files(), 'plumbline-a'), ['team-a']);
    expect(result).toMatchObject({
      reachable: true,
      authenticated: true,
      problem: null,
      missing: [],
      ok: true,
    });
    expect(result.serverVersion).toMatch(/^v1\.\d+/);
    expect(result.permissions).toHaveLength(12);
  });

  it('reports what the restricted user may not do outside team-a', async () => {
    const kc = kubeConfigForContext(files(), 'plumbline-a-restricted');
    const inTeam = await testCluster(kc, ['team-a']);
    expect(inTeam.ok).toBe(true);
    // Nothing cluster-wide is needed where Plumbline manages namespaces only.
    expect(inTeam.missing).toEqual([]);

    const wider = await testCluster(kc, ['team-a', 'default']);
    expect(wider.ok).toBe(false);
    expect(wider.missing).toEqual(['cannot get, list, watch, create, patch, delete in namespace default']);
    const whole = await testCluster(kc);
    expect(whole.ok).toBe(false);
    expect(whole.missing).toEqual(['cannot get, list, watch, create, patch, delete cluster-wide']);
  });

  it('keeps working from the registry and keychain after the kubeconfig is gone', async () => {
    const dir = tempDir();
    const copy = join(dir, 'kubeconfig');
    copyFileSync(testKubeconfigPath(), copy);
    const secrets = memorySecretStore();
    const registry = clusterRegistry(dir, secrets);
    await registry.add(importFromKubeconfig([copy], 'plumbline-a-restricted', { name: 'team' }));
    rmSync(copy);
    const record = registry.get('team')!;
    expect(record.namespaces).toEqual(['team-a']);
    const result = await testCluster(await kubeConfigForRegistered(record, secrets), record.namespaces);
    expect(result.ok).toBe(true);
  });

  it('says a wrong token was refused', async () => {
    const { record } = importFromKubeconfig(files(), 'plumbline-a');
    const secrets = memorySecretStore({
      [record.credentialAccount]: JSON.stringify({ token: 'not-a-real-token' }),
    });
    const result = await testCluster(await kubeConfigForRegistered(record, secrets));
    expect(result).toMatchObject({
      reachable: true,
      authenticated: false,
      ok: false,
      problem: 'the token was refused (401): it may be expired or wrong',
    });
  });

  it("says the server's certificate authority is unknown", async () => {
    const { record, credentials } = importFromKubeconfig(files(), 'plumbline-a');
    const secrets = memorySecretStore({ [record.credentialAccount]: JSON.stringify(credentials) });
    const result = await testCluster(
      await kubeConfigForRegistered({ ...record, caData: undefined }, secrets),
    );
    expect(result.reachable).toBe(true);
    expect(result.problem).toMatch(
      /^the server's TLS certificate is signed by an unknown certificate authority/,
    );
  });

  it('says when nothing answers', async () => {
    const { record, credentials } = importFromKubeconfig(files(), 'plumbline-a');
    const secrets = memorySecretStore({ [record.credentialAccount]: JSON.stringify(credentials) });
    const gone = { ...record, server: 'https://127.0.0.1:1' };
    const result = await testCluster(await kubeConfigForRegistered(gone, secrets));
    expect(result).toMatchObject({ reachable: false, ok: false });
    expect(result.problem).toMatch(/^cannot reach https:\/\/127\.0\.0\.1:1: the connection was refused/);
  });
});

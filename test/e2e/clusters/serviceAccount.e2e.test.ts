// Plumbline's own service account on the real cluster: the token it returns works, with rights
// cluster-wide or only in the chosen namespaces.
import { randomBytes } from 'node:crypto';
import type { KubeConfig } from '@kubernetes/client-node';
import { afterAll, describe, expect, it } from 'vitest';
import { sendKubeRequest } from '../../../engine/cluster/kubeHttp.ts';
import { kubeConfigForContext } from '../../../engine/cluster/kubeConfigForContext.ts';
import { importFromKubeconfig } from '../../../engine/clusters/importFromKubeconfig.ts';
import { kubeConfigForRegistered } from '../../../engine/clusters/kubeConfigForRegistered.ts';
import { createServiceAccount } from '../../../engine/clusters/serviceAccount.ts';
import { testCluster } from '../../../engine/clusters/testCluster.ts';
import { memorySecretStore } from '../../../engine/secrets/secretStore.ts';
import { testKubeconfigPath } from '../../cluster/kubeconfig.ts';

const admin = () => kubeConfigForContext([testKubeconfigPath()], 'plumbline-a');
const suffix = randomBytes(3).toString('hex');
const created: string[] = [];

async function request(kc: KubeConfig, method: 'GET' | 'DELETE', path: string) {
  return sendKubeRequest(kc, { method, path, idleTimeoutMs: 30_000, what: `${method} ${path}` });
}

afterAll(async () => {
  const rbac = '/apis/rbac.authorization.k8s.io/v1';
  for (const name of created) {
    for (const path of [
      `/api/v1/namespaces/kube-system/serviceaccounts/${name}`,
      `/api/v1/namespaces/kube-system/secrets/${name}-token`,
      `${rbac}/clusterroles/${name}`,
      `${rbac}/clusterrolebindings/${name}`,
      `${rbac}/namespaces/team-a/roles/${name}`,
      `${rbac}/namespaces/team-a/rolebindings/${name}`,
    ])
      await request(admin(), 'DELETE', path).catch(() => undefined);
  }
});

async function asServiceAccount(token: string): Promise<KubeConfig> {
  const { record } = importFromKubeconfig([testKubeconfigPath()], 'plumbline-a');
  return kubeConfigForRegistered(
    record,
    memorySecretStore({ [record.credentialAccount]: JSON.stringify({ token }) }),
  );
}

describe('createServiceAccount', () => {
  it('returns a token that lists pods cluster-wide, and reuses what exists on a second run', async () => {
    const name = `plumbline-manager-${suffix}`;
    created.push(name);
    const options = { namespace: 'kube-system', name, clusterWide: true };
    const token = await createServiceAccount(admin(), options);
    const kc = await asServiceAccount(token);
    const pods = await request(kc, 'GET', '/api/v1/pods');
    expect(JSON.parse(pods.body).kind).toBe('PodList');
    expect((await testCluster(kc)).ok).toBe(true);
    expect(await createServiceAccount(admin(), options)).toBe(token);
  });

  it('limits a namespaced service account to its namespaces', async () => {
    const name = `plumbline-team-${suffix}`;
    created.push(name);
    const token = await createServiceAccount(admin(), {
      namespace: 'kube-system',
      name,
      clusterWide: false,
      namespaces: ['team-a'],
    });
    const kc = await asServiceAccount(token);
    const result = await testCluster(kc, ['team-a']);
    expect(result.ok).toBe(true);
    expect(result.missing).toEqual([]);
    expect(result.permissions.filter((check) => check.namespace === null).some((c) => c.allowed)).toBe(false);
    await expect(request(kc, 'GET', '/api/v1/pods')).rejects.toThrow(/403/);
  });
});

// The wizard's permission check on the real cluster for a user with some rights in a namespace:
// the wildcard SelfSubjectAccessReview says no, and the SelfSubjectRulesReview tells what each
// verb is allowed on there.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendKubeRequest } from '../../../engine/cluster/kubeHttp.ts';
import { kubeConfigForContext } from '../../../engine/cluster/kubeConfigForContext.ts';
import { permissionReport } from '../../../engine/clusters/testCluster.ts';
import { testKubeconfigPath } from '../../cluster/kubeconfig.ts';

const admin = () => kubeConfigForContext([testKubeconfigPath()], 'plumbline-a');
const restricted = () => kubeConfigForContext([testKubeconfigPath()], 'plumbline-a-restricted');
const namespace = `partial-${randomBytes(3).toString('hex')}`;
const rbac = `/apis/rbac.authorization.k8s.io/v1/namespaces/${namespace}`;

async function send(method: 'POST' | 'DELETE', path: string, body?: object): Promise<void> {
  const res = await sendKubeRequest(admin(), {
    method,
    path,
    ...(body ? { body: JSON.stringify(body), contentType: 'application/json' } : {}),
    idleTimeoutMs: 30_000,
    what: `${method} ${path}`,
  });
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${res.body}`);
}

beforeAll(async () => {
  await send('POST', '/api/v1/namespaces', {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: namespace },
  });
  const metadata = { name: 'some-rights', namespace };
  await send('POST', `${rbac}/roles`, {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'Role',
    metadata,
    rules: [
      { apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'list', 'watch'] },
      { apiGroups: ['apps'], resources: ['deployments'], verbs: ['*'] },
    ],
  });
  await send('POST', `${rbac}/rolebindings`, {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata,
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: metadata.name },
    subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'plumbline-a-restricted' }],
  });
});

afterAll(async () => {
  await send('DELETE', `/api/v1/namespaces/${namespace}`).catch(() => undefined);
});

describe('the permission check of a user with some rights in a namespace', () => {
  it('says what each denied verb is allowed on there', async () => {
    const report = await permissionReport(restricted(), [namespace]);
    expect(report.ok).toBe(false);
    expect(report.missing[0]).toBe(
      `in namespace ${namespace}: get, list, watch only on configmaps, deployments.apps; ` +
        'create, patch, delete only on deployments.apps',
    );
    const denied = report.checks.find((check) => check.namespace === namespace && check.verb === 'create');
    expect(denied).toMatchObject({ allowed: false, allowedOn: ['deployments.apps'] });
  });

  it('says nothing more where the user has no rights at all', async () => {
    const report = await permissionReport(restricted(), ['kube-public']);
    expect(report.missing[0]).toBe('cannot get, list, watch, create, patch, delete in namespace kube-public');
  });
});

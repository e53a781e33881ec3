// A cluster registered for some namespaces takes writes there only, and nothing cluster-scoped;
// one registered without namespaces (or a kubeconfig context) takes everything.
import { describe, expect, it } from 'vitest';
import { clusterNamespacesAllow } from '../../../engine/policy/clusterNamespaces.ts';

const configMap = (namespace: string) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'settings', ...(namespace ? { namespace } : {}) },
});
const clusterRole = {
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'ClusterRole',
  metadata: { name: 'reader' },
};
const teams = { label: 'prod', namespaces: ['team-a', 'team-b'] };

describe('a cluster registered for namespaces', () => {
  it('takes objects in its namespaces', () => {
    expect(clusterNamespacesAllow(teams, { namespace: 'team-b', obj: configMap('team-b') })).toEqual({
      allowed: true,
    });
  });

  it('refuses other namespaces and cluster-scoped objects, saying why', () => {
    expect(
      clusterNamespacesAllow(teams, { namespace: 'kube-system', obj: configMap('kube-system') }),
    ).toEqual({
      allowed: false,
      message:
        'cluster prod is registered for namespaces team-a, team-b only (ConfigMap kube-system/settings)',
    });
    expect(clusterNamespacesAllow(teams, { namespace: '', obj: clusterRole })).toEqual({
      allowed: false,
      message:
        'cluster prod is registered for namespaces team-a, team-b only: it takes no cluster-scoped objects (rbac.authorization.k8s.io/ClusterRole reader)',
    });
  });

  it('does not limit a cluster registered without namespaces', () => {
    expect(clusterNamespacesAllow({ label: 'dev' }, { namespace: '', obj: clusterRole })).toEqual({
      allowed: true,
    });
    expect(
      clusterNamespacesAllow({ label: 'dev', namespaces: [] }, { namespace: 'x', obj: configMap('x') }),
    ).toEqual({
      allowed: true,
    });
  });
});

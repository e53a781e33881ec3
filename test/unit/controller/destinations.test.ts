// Destinations resolve against registered clusters first (by name, then by server URL), then
// kubeconfig contexts; the cluster key says which, so the two never collide.
import { describe, expect, it } from 'vitest';
import { parseClusterKey, type KubeContext } from '../../../engine/api/contract.ts';
import type { ClusterRecord } from '../../../engine/clusters/index.ts';
import { resolveDestination } from '../../../engine/controller/destinations.ts';

const record = (name: string, server: string): ClusterRecord => ({
  name,
  server,
  labels: {},
  annotations: {},
  authKind: 'token',
  credentialAccount: `cluster:${name}`,
});
const context = (name: string, server: string, current = false): KubeContext => ({
  name,
  cluster: name,
  server,
  user: 'u',
  namespace: null,
  current,
});

const clusters = [record('prod', 'https://prod.example.test:6443')];
const contexts = [
  context('prod', 'https://other.example.test'),
  context('dev', 'https://dev.example.test/', false),
  context('dev-current', 'https://dev.example.test', true),
];

const keyOf = (destination: { name?: string; server?: string }, inCluster?: string) => {
  const resolved = resolveDestination(destination, clusters, contexts, inCluster);
  return 'context' in resolved ? parseClusterKey(resolved.context.name) : resolved;
};

describe('resolveDestination', () => {
  it('prefers a registered cluster over a context of the same name', () => {
    expect(keyOf({ name: 'prod' })).toEqual({ kind: 'registered', name: 'prod' });
    expect(keyOf({ name: 'dev' })).toEqual({ kind: 'context', name: 'dev' });
  });

  it('matches servers without the trailing slash, registered first, then the current context', () => {
    expect(keyOf({ server: 'https://prod.example.test:6443/' })).toEqual({
      kind: 'registered',
      name: 'prod',
    });
    expect(keyOf({ server: 'https://dev.example.test' })).toEqual({ kind: 'context', name: 'dev-current' });
  });

  const inClusterDestinations = [
    { name: 'in-cluster' },
    { server: 'https://kubernetes.default.svc' },
    { server: 'https://kubernetes.default.svc/' },
  ];

  it("asks which cluster plays Argo CD's own while the setting is unset", () => {
    for (const destination of inClusterDestinations)
      expect(keyOf(destination)).toEqual({
        problem: expect.stringMatching(/"the cluster Argo CD runs in".*setting inClusterDestination/),
        needsInClusterChoice: true,
      });
  });

  it('maps in-cluster to the registered cluster or context the setting names', () => {
    for (const destination of inClusterDestinations) {
      expect(keyOf(destination, 'prod')).toEqual({ kind: 'registered', name: 'prod' });
      expect(keyOf(destination, 'dev')).toEqual({ kind: 'context', name: 'dev' });
    }
  });

  it('says when the chosen in-cluster target no longer exists', () => {
    expect(keyOf({ name: 'in-cluster' }, 'gone')).toEqual({
      problem: expect.stringMatching(
        /inClusterDestination names gone, which is neither a registered cluster nor a context/,
      ),
      needsInClusterChoice: true,
    });
  });

  it('leaves a cluster that only happens to be named like a server alone', () => {
    expect(keyOf({ server: 'https://kubernetes.default.svc.example.test' }, 'prod')).toEqual({
      problem: expect.stringMatching(/no registered cluster and no kubeconfig context points at/),
    });
  });

  it('names what it looked in when nothing matches', () => {
    expect(keyOf({ name: 'qa' })).toEqual({
      problem: 'destination cluster qa is neither a registered cluster nor a context of your kubeconfig',
    });
    expect(keyOf({ server: 'https://qa.example.test' })).toEqual({
      problem: expect.stringMatching(/no registered cluster and no kubeconfig context points at/),
    });
  });
});

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

const keyOf = (destination: { name?: string; server?: string }) => {
  const resolved = resolveDestination(destination, clusters, contexts);
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

  it('says plainly that in-cluster means nothing on a desktop', () => {
    for (const destination of [{ name: 'in-cluster' }, { server: 'https://kubernetes.default.svc/' }])
      expect(keyOf(destination)).toEqual({
        problem: expect.stringMatching(/"the cluster Argo CD runs in", which a desktop does not have/),
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

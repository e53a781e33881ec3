// The test clusters' kubeconfig taken apart the way users keep theirs: clusters and contexts in
// one file, users (with their tokens) in another, so an import must merge both; and the tokens,
// so tests can prove none of them leaks.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { testKubeconfigPath } from '../cluster/kubeconfig.ts';

interface Kubeconfig {
  clusters: Array<{ name: string; cluster: { server: string; 'certificate-authority-data': string } }>;
  users: Array<{ name: string; user: { token: string } }>;
  contexts: unknown[];
  'current-context': string;
}

export function testKubeconfig(): Kubeconfig & { text: string } {
  const text = readFileSync(testKubeconfigPath(), 'utf8');
  return { ...(parse(text) as Kubeconfig), text };
}

/** Every token of the test clusters' users. */
export function testClusterTokens(): string[] {
  return testKubeconfig().users.map((user) => user.user.token);
}

/** `clusters.yaml` (clusters, contexts) and `users.yaml` (users) in `dir`, in KUBECONFIG order. */
export function writeSplitKubeconfig(dir: string): string[] {
  const { clusters, users, contexts } = testKubeconfig();
  const head = { apiVersion: 'v1', kind: 'Config' };
  const clustersFile = join(dir, 'clusters.yaml');
  const usersFile = join(dir, 'users.yaml');
  writeFileSync(clustersFile, stringify({ ...head, clusters, contexts, 'current-context': 'plumbline-a' }));
  writeFileSync(usersFile, stringify({ ...head, users }));
  return [clustersFile, usersFile];
}

/** Server and CA of a test cluster, as a user would paste them. */
export function testClusterAddress(name: 'plumbline-a' | 'plumbline-b'): { server: string; caData: string } {
  const { cluster } = testKubeconfig().clusters.find((c) => c.name === name)!;
  return { server: cluster.server, caData: cluster['certificate-authority-data'] };
}

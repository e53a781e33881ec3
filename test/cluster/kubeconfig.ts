// The kubeconfig the test clusters publish, and the one helper tests use to find it.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { KUBECONFIG_PATH, readState, type ClusterState, type State } from './state.js';

/**
 * Path of the kubeconfig with contexts plumbline-a, plumbline-b and
 * plumbline-a-restricted. Throws if the test clusters are not up.
 */
export function testKubeconfigPath(): string {
  if (!readState() || !existsSync(KUBECONFIG_PATH)) {
    throw new Error(
      `Plumbline test clusters are not up (no ${KUBECONFIG_PATH}). ` +
        'Start them with `npm run cluster:up`, or run the e2e tests through Vitest, ' +
        'whose global setup (test/cluster/global-setup.ts) starts them.',
    );
  }
  return KUBECONFIG_PATH;
}

interface Entry {
  context: string;
  cluster: ClusterState;
  user: string;
  token: string;
  namespace?: string;
}

/** A kubeconfig for one identity; also used for the components' own credentials. */
export function renderKubeconfig(entries: Entry[], current: string): string {
  const q = (s: string): string => JSON.stringify(s); // JSON strings are valid YAML scalars
  const clusters = new Map(entries.map((e) => [e.cluster.name, e.cluster]));
  const lines = ['apiVersion: v1', 'kind: Config', 'clusters:'];
  for (const c of clusters.values()) {
    const ca = readFileSync(c.caFile).toString('base64');
    lines.push(`- name: ${q(c.name)}`, '  cluster:', `    server: ${q(c.server)}`);
    lines.push(`    certificate-authority-data: ${q(ca)}`);
  }
  lines.push('users:');
  for (const e of entries) lines.push(`- name: ${q(e.user)}`, '  user:', `    token: ${q(e.token)}`);
  lines.push('contexts:');
  for (const e of entries) {
    lines.push(`- name: ${q(e.context)}`, '  context:');
    lines.push(`    cluster: ${q(e.cluster.name)}`, `    user: ${q(e.user)}`);
    if (e.namespace) lines.push(`    namespace: ${q(e.namespace)}`);
  }
  lines.push(`current-context: ${q(current)}`, '');
  return lines.join('\n');
}

/** Writes test/cluster/kubeconfig (git-ignored) for the running clusters. */
export function writeTestKubeconfig(state: State): string {
  const a = state.clusters['plumbline-a'];
  const b = state.clusters['plumbline-b'];
  const text = renderKubeconfig(
    [
      { context: 'plumbline-a', cluster: a, user: 'plumbline-a-admin', token: a.tokens.admin },
      { context: 'plumbline-b', cluster: b, user: 'plumbline-b-admin', token: b.tokens.admin },
      {
        context: 'plumbline-a-restricted',
        cluster: a,
        user: 'plumbline-a-restricted',
        token: a.tokens.restricted,
        namespace: 'team-a',
      },
    ],
    'plumbline-a',
  );
  writeFileSync(KUBECONFIG_PATH, text, { mode: 0o600 });
  return KUBECONFIG_PATH;
}

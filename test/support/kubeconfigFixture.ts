// Writes kubeconfig files the way kubectl does, with credentials that must never leak.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';

export const leakCanary = 'do-not-leak-7f3a9c';

export function writeKubeconfig(
  dir: string,
  file: string,
  contexts: Array<{ name: string; server: string; user: string; namespace?: string }>,
  current?: string,
): string {
  const path = join(dir, file);
  const config = {
    apiVersion: 'v1',
    kind: 'Config',
    'current-context': current,
    clusters: contexts.map((c) => ({
      name: `${c.name}-cluster`,
      cluster: { server: c.server, 'certificate-authority-data': 'Q0E=' },
    })),
    users: contexts.map((c) => ({
      name: c.user,
      user: { token: `${leakCanary}-${c.user}`, 'client-key-data': leakCanary },
    })),
    contexts: contexts.map((c) => ({
      name: c.name,
      context: {
        cluster: `${c.name}-cluster`,
        user: c.user,
        ...(c.namespace ? { namespace: c.namespace } : {}),
      },
    })),
  };
  writeFileSync(path, stringify(config));
  return path;
}

/** A kubeconfig whose one context, `dev` (current), names a port nothing listens on. */
export const unreachableDevKubeconfig = (dir: string): string =>
  writeKubeconfig(dir, 'kubeconfig.yaml', [{ name: 'dev', server: 'https://127.0.0.1:9', user: 'u' }], 'dev');

// What kwok serves for the pods of one namespace of the test clusters: container logs read from
// files in the cluster's state dir (CRI log format, followable by appending), and exec, which
// kwok runs as a local process. Exec is scoped to this one namespace on purpose: it is a shell on
// the machine running the tests, reachable only through the loopback API server.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const POD_IO_NAMESPACE = 'pod-io';

/** The log files kwok serves for every container of POD_IO_NAMESPACE. */
export function podLogFiles(clusterDir: string): { current: string; previous: string } {
  const dir = join(clusterDir, 'pod-logs');
  return { current: join(dir, 'current.log'), previous: join(dir, 'previous.log') };
}

/** One line as a container runtime writes it: `<RFC 3339 time> stdout F <text>`. */
export function criLogLine(text: string, at = new Date()): string {
  return `${at.toISOString()} stdout F ${text}\n`;
}

/** Writes the starting log files and kwok's ClusterLogs/ClusterExec config; returns its path. */
export function writePodIoConfig(clusterDir: string): string {
  const files = podLogFiles(clusterDir);
  mkdirSync(join(clusterDir, 'pod-logs'), { recursive: true });
  const lines = (prefix: string): string =>
    [1, 2, 3].map((n) => criLogLine(`${prefix} line ${n}`, new Date(Date.UTC(2025, 0, 1, 0, 0, n)))).join('');
  writeFileSync(files.current, lines('current'));
  writeFileSync(files.previous, lines('previous'));
  const selector = { matchNamespaces: [POD_IO_NAMESPACE] };
  const config = [
    {
      apiVersion: 'kwok.x-k8s.io/v1alpha1',
      kind: 'ClusterLogs',
      metadata: { name: 'pod-io-logs' },
      spec: {
        selector,
        logs: [{ logsFile: files.current, previousLogsFile: files.previous, follow: true }],
      },
    },
    {
      apiVersion: 'kwok.x-k8s.io/v1alpha1',
      kind: 'ClusterExec',
      metadata: { name: 'pod-io-exec' },
      spec: { selector, execs: [{ local: { workDir: clusterDir } }] },
    },
  ];
  const file = join(clusterDir, 'kwok-pod-io.yaml');
  // JSON documents are valid YAML.
  writeFileSync(file, config.map((doc) => `---\n${JSON.stringify(doc, null, 2)}\n`).join(''));
  return file;
}

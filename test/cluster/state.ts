// Where the test clusters keep their runtime state, and what that state records.
// Only Node built-ins: this runs under tsx before any dependency is installed.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CLUSTER_NAMES = ['plumbline-a', 'plumbline-b'] as const;
export type ClusterName = (typeof CLUSTER_NAMES)[number];
export const COMPONENTS = [
  'etcd',
  'kube-apiserver',
  'kube-controller-manager',
  'kube-scheduler',
  'kwok',
] as const;
export type Component = (typeof COMPONENTS)[number];

/** test/cluster inside the repository this file belongs to. */
export const HERE = dirname(fileURLToPath(import.meta.url));
export const KUBECONFIG_PATH = join(HERE, 'kubeconfig');

/**
 * Runtime state (etcd data, certs, tokens, logs, pids) lives outside the repo,
 * keyed by the checkout's path so two checkouts on one machine don't collide.
 */
export function stateDir(): string {
  const override = process.env.PLUMBLINE_CLUSTER_STATE_DIR;
  if (override) return override;
  const base = process.env.XDG_RUNTIME_DIR || tmpdir();
  const key = createHash('sha256').update(HERE).digest('hex').slice(0, 8);
  return join(base, `plumbline-cluster-${key}`);
}

export interface ProcessState {
  pid: number;
  /** Full argv after the binary, so a stopped component restarts identically. */
  args: string[];
  env?: Record<string, string>;
  log: string;
}

export interface ClusterState {
  name: ClusterName;
  dir: string;
  server: string; // https://127.0.0.1:<port>
  caFile: string; // the apiserver's self-signed serving cert (bundle incl. its CA)
  tokens: { admin: string; restricted: string };
  ports: Record<string, number>;
  processes: Partial<Record<Component, ProcessState>>;
}

export interface State {
  binDir: string;
  startedAt: string;
  clusters: Record<ClusterName, ClusterState>;
}

const stateFile = (): string => join(stateDir(), 'state.json');

export function readState(): State | undefined {
  try {
    return JSON.parse(readFileSync(stateFile(), 'utf8')) as State;
  } catch {
    return undefined;
  }
}

export function writeState(state: State): void {
  // Write-then-rename so a concurrent reader never sees half a file.
  const tmp = `${stateFile()}.tmp`;
  writeFileSync(tmp, JSON.stringify(state, null, 2));
  renameSync(tmp, stateFile());
}

/**
 * True if pid is alive and is one of ours: its command line mentions our state
 * dir (guards against pid reuse). Without /proc (macOS) falls back to kill(0).
 */
export function isOurProcess(pid: number): boolean {
  if (existsSync('/proc/self')) {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(stateDir());
    } catch {
      return false;
    }
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

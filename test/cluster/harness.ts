// Starts and stops two real, independent Kubernetes control planes
// (etcd + kube-apiserver + kube-controller-manager + kube-scheduler + kwok for
// fake nodes) on 127.0.0.1, from binaries that build.sh compiles once.
import { spawn } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderKubeconfig, writeTestKubeconfig } from './kubeconfig.js';
import { writePodIoConfig } from './podIo.js';
import { freePorts, launch, ourPids, probe, settle, terminate, withLock } from './procs.js';
import { FatalError, ensure, kube, waitFor } from './rest.js';
import {
  CLUSTER_NAMES,
  HERE,
  KUBECONFIG_PATH,
  isOurProcess,
  readState,
  stateDir,
  writeState,
  type ClusterName,
  type ClusterState,
  type Component,
  type State,
} from './state.js';

export type { ClusterName } from './state.js';

/** Fake nodes per cluster: plumbline-a gets two so spreading/rollouts are visible. */
const NODES: Record<ClusterName, string[]> = {
  'plumbline-a': ['kwok-a-0', 'kwok-a-1'],
  'plumbline-b': ['kwok-b-0'],
};
export const RESTRICTED_NAMESPACE = 'team-a';
const READY_TIMEOUT_MS = 90_000;
const log = (msg: string): void => void process.stderr.write(`cluster: ${msg}\n`);

/** Starts both clusters, or reuses them if they are already up and healthy. */
export async function clusterUp(): Promise<{ kubeconfigPath: string }> {
  return withLock(async () => {
    const binDir = await build();
    const existing = readState();
    if (existing && existing.binDir === binDir && (await healthy(existing))) {
      log('already running and healthy; reusing');
      return { kubeconfigPath: writeTestKubeconfig(existing) };
    }
    if (existing) log('previous clusters are not healthy; restarting them');
    await stopAll();
    rmSync(stateDir(), { recursive: true, force: true });
    mkdirSync(stateDir(), { recursive: true });

    const started = Date.now();
    const state: State = { binDir, startedAt: new Date().toISOString(), clusters: {} as State['clusters'] };
    try {
      const ports = await freePorts(CLUSTER_NAMES.length * 6);
      // allSettled, not all: a failure must not leave the other start still spawning.
      await settle(CLUSTER_NAMES.map((name, i) => startCluster(state, name, ports.slice(i * 6, i * 6 + 6))));
      writeState(state);
      await settle(CLUSTER_NAMES.map((name) => bootstrap(state.clusters[name])));
    } catch (err) {
      printLogTails(state);
      await stopAll(state);
      rmSync(join(stateDir(), 'state.json'), { force: true });
      rmSync(KUBECONFIG_PATH, { force: true });
      log(`start failed; logs kept under ${stateDir()}`);
      throw err;
    }
    log(`both clusters ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return { kubeconfigPath: writeTestKubeconfig(state) };
  });
}

/** Stops every component of both clusters and removes their state. */
export async function clusterDown(): Promise<void> {
  await withLock(async () => {
    await stopAll(readState());
    rmSync(stateDir(), { recursive: true, force: true });
    rmSync(KUBECONFIG_PATH, { force: true });
  });
}

/**
 * Stops one cluster's kube-apiserver (etcd and the other components keep
 * running), for tests of an API server going away. SIGTERM closes its port at
 * once; it is then given graceMs to exit (it waits on open watches) before
 * SIGKILL. Pass graceMs 0 to simulate a crash.
 */
export async function stopApiServer(name: ClusterName, graceMs = 2_000): Promise<void> {
  const state = mustState();
  const p = state.clusters[name].processes['kube-apiserver'];
  if (p && p.pid) await terminate([p.pid], graceMs);
  if (p) p.pid = 0;
  writeState(state);
}

/** Starts a stopped kube-apiserver again: same port, certs, tokens and etcd. */
export async function startApiServer(name: ClusterName): Promise<void> {
  const state = mustState();
  const cluster = state.clusters[name];
  const p = cluster.processes['kube-apiserver'];
  if (!p) throw new Error(`${name} has no kube-apiserver recorded`);
  if (p.pid && isOurProcess(p.pid)) return;
  cluster.processes['kube-apiserver'] = launch(state.binDir, 'kube-apiserver', p.args, p.log);
  writeState(state);
  await waitFor('kube-apiserver /readyz', () => apiReady(cluster), READY_TIMEOUT_MS);
}

/** The recorded state of one running cluster (server URL, CA file, tokens). */
export function clusterState(name: ClusterName): ClusterState {
  return mustState().clusters[name];
}

function mustState(): State {
  const state = readState();
  if (!state) throw new Error('Plumbline test clusters are not up (run `npm run cluster:up`)');
  return state;
}

// --- building ---------------------------------------------------------------

/** Runs build.sh (seconds when cached) and returns the bin dir it prints last. */
async function build(): Promise<string> {
  const prebuilt = process.env.PLUMBLINE_K8S_BIN_DIR;
  if (prebuilt) return prebuilt;
  // build.sh reports progress on stderr (shown as is) and prints the bin dir on stdout.
  const child = spawn('bash', [join(HERE, 'build.sh')], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  const code = await new Promise<number | null>((r) => child.on('close', r));
  if (code !== 0) throw new Error(`test/cluster/build.sh failed (exit ${code})`);
  return out.trim().split('\n').pop() ?? '';
}

// --- starting ---------------------------------------------------------------

async function startCluster(state: State, name: ClusterName, ports: number[]): Promise<ClusterState> {
  const [etcd, etcdPeer, api, kcm, scheduler, kwok] = ports as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const dir = join(stateDir(), name);
  mkdirSync(join(dir, 'logs'), { recursive: true });
  mkdirSync(join(dir, 'pki'), { recursive: true });
  const token = (): string => randomBytes(24).toString('hex');
  const cluster: ClusterState = {
    name,
    dir,
    server: `https://127.0.0.1:${api}`,
    // kube-apiserver writes a self-signed cert (+ its CA) into --cert-dir on first start.
    caFile: join(dir, 'pki', 'apiserver.crt'),
    tokens: { admin: token(), restricted: token() },
    ports: { etcd, etcdPeer, api, kcm, scheduler, kwok },
    processes: {},
  };
  state.clusters[name] = cluster; // recorded early so a failed start can still be cleaned up
  const internal = { kcm: token(), scheduler: token(), kwok: token() };
  // Static token auth: token,user,uid,"groups". The components are cluster
  // admins too, which keeps RBAC bootstrapping out of the picture.
  writeFileSync(
    join(dir, 'tokens.csv'),
    [
      `${cluster.tokens.admin},plumbline-admin,plumbline-admin,"system:masters"`,
      `${cluster.tokens.restricted},plumbline-a-restricted,plumbline-a-restricted`,
      `${internal.kcm},system:kube-controller-manager,kcm,"system:masters"`,
      `${internal.scheduler},system:kube-scheduler,scheduler,"system:masters"`,
      `${internal.kwok},kwok,kwok,"system:masters"`,
      '',
    ].join('\n'),
    { mode: 0o600 },
  );
  const { privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  writeFileSync(join(dir, 'sa.key'), privateKey, { mode: 0o600 });

  const run = (c: Component, args: string[], env?: Record<string, string>): void => {
    cluster.processes[c] = launch(state.binDir, c, args, join(dir, 'logs', `${c}.log`), env);
  };
  const local = (p: number): string => `http://127.0.0.1:${p}`;

  run('etcd', [
    `--name=${name}`,
    `--data-dir=${join(dir, 'etcd')}`,
    `--listen-client-urls=${local(etcd)}`,
    `--advertise-client-urls=${local(etcd)}`,
    `--listen-peer-urls=${local(etcdPeer)}`,
    `--initial-advertise-peer-urls=${local(etcdPeer)}`,
    `--initial-cluster=${name}=${local(etcdPeer)}`,
    '--initial-cluster-state=new',
    '--unsafe-no-fsync=true', // throwaway test data: durability only costs time
    '--log-level=warn',
  ]);
  await waitFor(
    `${name} etcd`,
    async () => alive(cluster) && (await probe(`${local(etcd)}/health`)) === 200,
    30_000,
  );

  run('kube-apiserver', [
    `--etcd-servers=${local(etcd)}`,
    '--bind-address=127.0.0.1',
    '--advertise-address=127.0.0.1',
    `--secure-port=${api}`,
    `--cert-dir=${join(dir, 'pki')}`,
    `--token-auth-file=${join(dir, 'tokens.csv')}`,
    '--authorization-mode=Node,RBAC',
    '--service-cluster-ip-range=10.96.0.0/16',
    '--allow-privileged=true',
    // Endpoints may not hold loopback addresses; nothing in-cluster dials the API anyway.
    '--endpoint-reconciler-type=none',
    '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
    `--service-account-key-file=${join(dir, 'sa.key')}`,
    `--service-account-signing-key-file=${join(dir, 'sa.key')}`,
    '--profiling=false',
  ]);
  await waitFor(
    `${name} kube-apiserver /readyz`,
    async () => alive(cluster) && apiReady(cluster),
    READY_TIMEOUT_MS,
  );

  const kubeconfig = (who: string, tok: string): string => {
    const file = join(dir, `${who}.kubeconfig`);
    const entry = { context: name, cluster, user: who, token: tok };
    writeFileSync(file, renderKubeconfig([entry], name), { mode: 0o600 });
    return file;
  };
  const served = (kc: string, port: number, certDir: string): string[] => [
    `--kubeconfig=${kc}`,
    `--authentication-kubeconfig=${kc}`,
    `--authorization-kubeconfig=${kc}`,
    '--leader-elect=false',
    '--bind-address=127.0.0.1',
    `--secure-port=${port}`,
    `--cert-dir=${join(dir, certDir)}`,
  ];
  run('kube-controller-manager', [
    ...served(kubeconfig('kube-controller-manager', internal.kcm), kcm, 'kcm-pki'),
    `--cluster-name=${name}`,
    `--root-ca-file=${cluster.caFile}`,
    `--service-account-private-key-file=${join(dir, 'sa.key')}`,
    '--use-service-account-credentials=false',
  ]);
  run('kube-scheduler', served(kubeconfig('kube-scheduler', internal.scheduler), scheduler, 'scheduler-pki'));
  run(
    'kwok',
    [
      `--kubeconfig=${kubeconfig('kwok', internal.kwok)}`,
      `--config=${join(HERE, 'kwok.yaml')}`,
      `--config=${writePodIoConfig(dir)}`,
      '--manage-all-nodes=false',
      '--manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake',
      '--node-ip=127.0.0.1',
      `--node-port=${kwok}`,
      `--server-address=127.0.0.1:${kwok}`,
      '--node-lease-duration-seconds=40',
    ],
    // kwok also loads ~/.kwok/kwok.yaml if present; a private HOME keeps a user's out.
    { HOME: dir },
  );
  return cluster;
}

/** Creates the fake nodes and the restricted user's namespace, then waits for readiness. */
async function bootstrap(c: ClusterState): Promise<void> {
  // room for the fleet benchmark's 1,000 Deployments (a kubelet's default of 110 held 220 pods)
  const capacity = { cpu: '16', memory: '64Gi', pods: '1000' };
  for (const node of NODES[c.name]) {
    await ensure(c, '/api/v1/nodes', {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: {
        name: node,
        annotations: { 'kwok.x-k8s.io/node': 'fake', 'node.alpha.kubernetes.io/ttl': '0' },
        labels: {
          'kubernetes.io/hostname': node,
          'kubernetes.io/os': 'linux',
          'kubernetes.io/arch': 'amd64',
          type: 'kwok',
        },
      },
      status: { capacity, allocatable: capacity },
    });
  }
  const ns = RESTRICTED_NAMESPACE;
  await ensure(c, '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
  if (c.name === 'plumbline-a') {
    const rbac = `/apis/rbac.authorization.k8s.io/v1/namespaces/${ns}`;
    const meta = { name: 'plumbline-restricted-all', namespace: ns };
    await ensure(c, `${rbac}/roles`, {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: meta,
      rules: [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }],
    });
    await ensure(c, `${rbac}/rolebindings`, {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: meta,
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: meta.name },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'plumbline-a-restricted' }],
    });
  }
  // Pods are rejected until their namespace's `default` ServiceAccount exists.
  for (const n of ['default', ns]) {
    await waitFor(
      `${c.name} ServiceAccount ${n}/default`,
      async () =>
        alive(c) && (await kube(c, 'GET', `/api/v1/namespaces/${n}/serviceaccounts/default`)).status === 200,
      READY_TIMEOUT_MS,
    );
  }
  await waitFor(`${c.name} nodes Ready`, async () => alive(c) && nodesReady(c), READY_TIMEOUT_MS);
  const insecure = (p: number): string => `https://127.0.0.1:${p}/healthz`;
  await waitFor(
    `${c.name} controller-manager, scheduler and kwok /healthz`,
    async () => {
      const codes = await Promise.all([
        probe(insecure(c.ports.kcm!)),
        probe(insecure(c.ports.scheduler!)),
        probe(`http://127.0.0.1:${c.ports.kwok}/healthz`),
      ]);
      return alive(c) && codes.every((s) => s === 200);
    },
    READY_TIMEOUT_MS,
  );
}

async function healthy(state: State): Promise<boolean> {
  try {
    for (const name of CLUSTER_NAMES) {
      const c = state.clusters[name];
      if (!c || !alive(c) || !(await apiReady(c)) || !(await nodesReady(c))) return false;
    }
    return true;
  } catch {
    return false;
  }
}

async function apiReady(c: ClusterState): Promise<boolean> {
  if (!existsSync(c.caFile)) return false;
  const res = await kube(c, 'GET', '/readyz');
  return res.status === 200;
}

async function nodesReady(c: ClusterState): Promise<boolean> {
  const res = await kube(c, 'GET', '/api/v1/nodes');
  if (res.status !== 200) return false;
  type Node = { metadata: { name: string }; status?: { conditions?: { type: string; status: string }[] } };
  const nodes = res.json<{ items: Node[] }>().items;
  return NODES[c.name].every((n) =>
    nodes.some(
      (x) =>
        x.metadata.name === n && x.status?.conditions?.some((k) => k.type === 'Ready' && k.status === 'True'),
    ),
  );
}

/** Throws (ending a wait early) if a component of the cluster has exited. */
function alive(c: ClusterState): true {
  for (const [comp, p] of Object.entries(c.processes)) {
    if (p && p.pid && !isOurProcess(p.pid)) throw new FatalError(`${c.name} ${comp} exited (see ${p.log})`);
  }
  return true;
}

async function stopAll(state?: State): Promise<void> {
  await terminate(ourPids(state));
}

function printLogTails(state: State): void {
  for (const c of Object.values(state.clusters)) {
    for (const [comp, p] of Object.entries(c.processes)) {
      if (!p) continue;
      const lines = existsSync(p.log) ? readFileSync(p.log, 'utf8').trimEnd().split('\n').slice(-25) : [];
      process.stderr.write(`\n==> ${c.name} ${comp} (${p.log}) <==\n${lines.join('\n')}\n`);
    }
  }
}

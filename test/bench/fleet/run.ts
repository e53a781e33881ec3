// `npm run bench:fleet -- [--apps N] [--idle-seconds S] [--edits K] [--out FILE] [--keep]`: the
// fleet benchmark of issue 19 on the test clusters. Builds N applications of 20 objects (one
// folder each in one local git repository, auto-sync on) deploying to plumbline-a, runs the
// engine in a child process and measures: start → all synced and healthy; restart → all
// compared; a live edit → OutOfSync (p50/p95); a pushed commit → synced (p50/max); memory after
// settling; CPU while idle; API requests per minute in steady state. Prints a table and writes
// the figures as JSON (to --out, else to <data folder>/bench/). Removes its namespaces after,
// unless --keep.
import { fork, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as k8s from '@kubernetes/client-node';
import { build } from 'esbuild';
import { clusterUp } from '../../cluster/harness.ts';
import { git, makeRemote } from '../../support/gitFixtures.ts';
import type { AppState, ChildMessage } from './engineProcess.ts';
import { appFiles, appName, applicationYaml } from './manifests.ts';
import { percentile, table, type Row } from './stats.ts';

const HERE = dirname(fileURLToPath(import.meta.url));
/**
 * The engine bundled as the desktop app runs it (esbuild, like the Electron engine worker):
 * through tsx, loading the TypeScript alone took 8 s of every restart on this machine.
 */
const ENGINE_BUNDLE = join(HERE, '..', '..', '..', 'main', 'dist', 'bench-engine.mjs');

async function bundleEngine(): Promise<void> {
  await build({
    entryPoints: [join(HERE, 'engineProcess.ts')],
    outfile: ENGINE_BUNDLE,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
  });
}
const CLUSTER = 'plumbline-a';

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? fallback : (process.argv[index + 1] ?? fallback);
}
const apps = Number(option('apps', '1000'));
const idleSeconds = Number(option('idle-seconds', '60'));
const edits = Math.min(apps, Number(option('edits', '20')));
const keep = process.argv.includes('--keep');
if (!Number.isInteger(apps) || apps < 1) throw new Error(`--apps: a positive whole number, not ${apps}`);

const log = (message: string) => process.stderr.write(`bench:fleet ${new Date().toISOString()} ${message}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The engine in its child process, and what it said of every application. */
class EngineUnderTest {
  readonly states = new Map<string, AppState>();
  private readonly child: ChildProcess;
  private listeners: Array<(app: AppState) => void> = [];
  private statsWaiters: Array<(stats: Extract<ChildMessage, { type: 'stats' }>) => void> = [];
  readonly startedAt = Date.now();

  constructor(dataDir: string, workspace: string, kubeconfig: string) {
    this.child = fork(ENGINE_BUNDLE, [dataDir, workspace, kubeconfig], {
      execArgv: [],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.child.on('message', (message: ChildMessage) => {
      if (message.type === 'apps') {
        for (const app of message.apps) {
          this.states.set(app.name, app);
          for (const listener of this.listeners) listener(app);
        }
      } else {
        for (const resolve of this.statsWaiters) resolve(message);
        this.statsWaiters = [];
      }
    });
  }

  stats(): Promise<Extract<ChildMessage, { type: 'stats' }>> {
    return new Promise((resolve) => {
      this.statsWaiters.push(resolve);
      this.child.send({ type: 'stats' });
    });
  }

  /** FLEET_CPU_PROF=DIR: profiles one phase of the engine into DIR/<phase>.cpuprofile. */
  profile(step: 'start' | 'stop', phase: string): void {
    if (process.env.FLEET_CPU_PROF) this.child.send({ type: `profile-${step}`, phase });
  }

  /** Resolves with the time an application first satisfies `test` (now, if it does already). */
  when(name: string, test: (app: AppState) => boolean, timeoutMs: number): Promise<number> {
    const now = this.states.get(name);
    if (now && test(now)) return Promise.resolve(now.at);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.listeners = this.listeners.filter((l) => l !== listener);
        reject(
          new Error(
            `${name}: not there after ${timeoutMs / 1000} s (${JSON.stringify(this.states.get(name))})`,
          ),
        );
      }, timeoutMs);
      const listener = (app: AppState) => {
        if (app.name !== name || !test(app)) return;
        clearTimeout(timer);
        this.listeners = this.listeners.filter((l) => l !== listener);
        resolve(app.at);
      };
      this.listeners.push(listener);
    });
  }

  /** Resolves when every application satisfies `test`; with the time the last one did. */
  async all(
    names: string[],
    test: (app: AppState) => boolean,
    timeoutMs: number,
    what: string,
  ): Promise<number> {
    const started = Date.now();
    for (;;) {
      const pending = names.filter((name) => {
        const app = this.states.get(name);
        return !app || !test(app);
      });
      if (pending.length === 0) return Math.max(...names.map((name) => this.states.get(name)!.at));
      if (Date.now() - started > timeoutMs)
        throw new Error(
          `${what}: ${pending.length} of ${names.length} still waiting, e.g. ${JSON.stringify(this.states.get(pending[0]!) ?? pending[0])}`,
        );
      await sleep(200);
    }
  }

  async stop(): Promise<void> {
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.send({ type: 'stop' });
    await Promise.race([exited, sleep(20_000)]);
    if (this.child.exitCode === null) this.child.kill('SIGKILL');
  }
}

/** Waits until none of these namespaces exists any more (10 minutes at most). */
async function namespacesGone(core: k8s.CoreV1Api, names: readonly string[]): Promise<void> {
  const wanted = new Set(names);
  const deadline = Date.now() + 600_000;
  for (;;) {
    const { items } = await core.listNamespace();
    const left = items.filter((ns) => wanted.has(ns.metadata?.name ?? '')).length;
    if (left === 0) return;
    if (Date.now() > deadline) throw new Error(`${left} namespaces of an earlier run are still there`);
    log(`waiting for ${left} namespaces of an earlier run to be gone`);
    await sleep(5_000);
  }
}

async function main(): Promise<void> {
  const { kubeconfigPath } = await clusterUp();
  await bundleEngine();
  const root = await mkdtemp(join(tmpdir(), 'plumbline-fleet-'));
  const dataDir = join(root, 'data');
  const workspace = join(root, 'workspace');
  await mkdir(workspace, { recursive: true });
  await mkdir(dataDir, { recursive: true });
  const names = Array.from({ length: apps }, (_, i) => appName(i));

  log(`building ${apps} applications in ${root}`);
  const remote = await makeRemote(root, 'fleet.git');
  const files = (generation: number) => Object.assign({}, ...names.map((_, i) => appFiles(i, generation)));
  await remote.commit(files(1), 'the fleet');
  await remote.push('main');
  let head = await git(remote.bare, 'rev-parse', 'main');
  for (let i = 0; i < apps; i++)
    await writeFile(join(workspace, `${appName(i)}.yaml`), applicationYaml(i, remote.bare, CLUSTER));

  const kubeConfig = new k8s.KubeConfig();
  kubeConfig.loadFromFile(kubeconfigPath);
  kubeConfig.setCurrentContext(CLUSTER);
  const core = kubeConfig.makeApiClient(k8s.CoreV1Api);
  const rows: Row[] = [];
  const results: Record<string, unknown> = {
    apps,
    objectsPerApp: 20,
    idleSeconds,
    edits,
    startedAt: new Date().toISOString(),
  };
  const timeout = 300_000 + apps * 2_000;
  const synced = (app: AppState) =>
    app.sync === 'Synced' && app.syncRevision === head && app.revision === head && app.health === 'Healthy';
  let engine: EngineUnderTest | undefined;
  // the namespaces of a run just before may still be terminating: a sync into one is refused
  await namespacesGone(core, names);
  try {
    log('start → all synced and healthy');
    engine = new EngineUnderTest(dataDir, workspace, kubeconfigPath);
    const allSynced = (await engine.all(names, synced, timeout, 'all synced and healthy')) - engine.startedAt;
    rows.push({ figure: `start → all ${apps} synced and healthy`, values: [allSynced / 1000], unit: 's' });
    results.startToAllSyncedSeconds = allSynced / 1000;

    log('restart → all compared');
    await engine.stop();
    engine = new EngineUnderTest(dataDir, workspace, kubeconfigPath);
    const compared = (app: AppState) => app.sync !== 'Unknown' && app.syncRevision === head;
    const allCompared = (await engine.all(names, compared, timeout, 'all compared')) - engine.startedAt;
    rows.push({ figure: 'restart → all compared', values: [allCompared / 1000], unit: 's' });
    results.restartToAllComparedSeconds = allCompared / 1000;
    await engine.all(names, synced, timeout, 'all synced after restart');

    log(`settling, then ${idleSeconds} s idle`);
    await sleep(10_000);
    const before = await engine.stats();
    engine.profile('start', 'idle');
    await sleep(idleSeconds * 1000);
    engine.profile('stop', 'idle');
    const after = await engine.stats();
    const minutes = idleSeconds / 60;
    results.memoryAfterSettlingMB = after.rssBytes / 2 ** 20;
    results.heapUsedMB = after.heapUsedBytes / 2 ** 20;
    results.idleCpuSecondsPerMinute = (after.cpuMicros - before.cpuMicros) / 1e6 / minutes;
    results.apiRequestsPerMinute = (after.requests - before.requests) / minutes;
    rows.push({ figure: 'memory after settling (RSS)', values: [after.rssBytes / 2 ** 20], unit: 'MB' });
    rows.push({
      figure: 'CPU while idle',
      values: [results.idleCpuSecondsPerMinute as number],
      unit: 's/min',
    });
    rows.push({
      figure: 'API requests in steady state',
      values: [results.apiRequestsPerMinute as number],
      unit: '/min',
    });

    log(`${edits} live edits → OutOfSync`);
    const editLatencies: number[] = [];
    for (let e = 0; e < edits; e++) {
      const index = Math.floor((e * apps) / edits);
      const name = appName(index);
      const configMap = `${name}-cm-0`;
      const patch = (value: string) =>
        core.patchNamespacedConfigMap(
          { name: configMap, namespace: name, body: { data: { value } } },
          k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch),
        );
      const sent = Date.now();
      const seen = engine.when(name, (app) => app.sync === 'OutOfSync' && app.at >= sent, 60_000);
      await patch('drifted');
      editLatencies.push((await seen) - sent);
      await patch('generation-1');
      await engine.when(name, (app) => app.sync === 'Synced' && app.at > sent, 60_000);
    }
    results.liveEditToOutOfSyncMs = editLatencies;
    rows.push({ figure: 'a live edit → OutOfSync', values: editLatencies.map((ms) => ms / 1000), unit: 's' });

    log('a pushed commit → synced');
    await remote.commit(files(2), 'the next generation');
    await remote.push('main');
    const pushedAt = Date.now();
    head = await git(remote.bare, 'rev-parse', 'main');
    const pushLatencies = await Promise.all(
      names.map(async (name) => (await engine!.when(name, synced, timeout)) - pushedAt),
    );
    results.pushToSyncedMs = pushLatencies;
    rows.push({
      figure: 'a pushed commit → synced',
      values: pushLatencies.map((ms) => ms / 1000),
      unit: 's',
      max: true,
    });
  } finally {
    await engine?.stop();
    if (!keep) {
      log('removing the fleet namespaces');
      await Promise.all(names.map((name) => core.deleteNamespace({ name }).catch(() => undefined)));
    }
  }

  console.log(table(rows));
  const out =
    option('out', '') ||
    join(
      process.env.PLUMBLINE_DATA_DIR || join(homedir(), '.config', 'plumbline'),
      'bench',
      `fleet-${apps}-${Date.now()}.json`,
    );
  await mkdir(dirname(out), { recursive: true });
  await writeFile(
    out,
    `${JSON.stringify({ ...results, summary: rows.map((row) => ({ ...row, p50: percentile(row.values, 50), p95: percentile(row.values, 95) })) }, null, 2)}\n`,
  );
  console.log(`results: ${out}`);
}

await main();
process.exit(0);

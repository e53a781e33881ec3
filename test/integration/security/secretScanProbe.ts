// Child process of the secret scan, run inside a D-Bus session with a real gnome-keyring: puts
// the keychain's repository credentials in place, then drives the engine every way a user can —
// the in-process client the CLI uses, the headless host's WebSocket, the CLI on its own engine
// and through the host — and prints as JSON everything that came back: every contract answer,
// error and event, the host's output and the CLI's. The caller scans it (and the data folder).
// The configuration comes in SCAN_PROBE as JSON.
import { homedir } from 'node:os';
import type { PlumblineClient } from '../../../engine/api/client.ts';
import { createEngine } from '../../../engine/api/engine.ts';
import { inProcessClient } from '../../../engine/api/inProcessClient.ts';
import { connectToHost } from '../../../main/cli/hostClient.ts';
import { hostSecretStore } from '../../../main/host/hostSecretStore.ts';
import { keychainSecretStore } from '../../../main/host/keychainSecretStore.ts';
import { runCli, startServe } from '../../support/cli.ts';

export interface ScanProbeConfig {
  env: Record<string, string>;
  dataDir: string;
  apps: string[];
  /** The app whose sync is tried (its cluster is unreachable: the operation fails). */
  syncApp: string;
  keychain: Record<string, string>;
  /** `plumbline render --repo` of this URL (credentials in it) and path. */
  renderRepo: { url: string; path: string };
  /** Repositories stored through the contract (repos.add, repos.import), then tried (repos.test). */
  repos: { add: unknown[]; importYaml: string; test: string[] };
}

export interface ScanProbeResult {
  /** Where each captured text came from, and the text. */
  captured: Array<{ from: string; text: string }>;
  /** The summaries of the in-process engine, to check the scan saw real work. */
  summaries: unknown;
}

const config = JSON.parse(process.env.SCAN_PROBE ?? '{}') as ScanProbeConfig;
const captured: ScanProbeResult['captured'] = [];
const started = Date.now();
const record = (from: string, value: unknown) => {
  captured.push({ from, text: typeof value === 'string' ? value : JSON.stringify(value) });
  // where the probe is, for a run that takes too long
  if (!from.includes('event')) process.stderr.write(`[probe ${Date.now() - started} ms] ${from}\n`);
};

const keychain = keychainSecretStore();
for (const [account, secret] of Object.entries(config.keychain)) await keychain.set(account, secret);

/** Every call a client offers for reading and operating applications, answers and errors kept. */
async function driveContract(via: string, client: PlumblineClient): Promise<unknown> {
  // any call by name: the probe tries them all, it does not care about their types
  const callByName = client.call as (name: string, input: unknown) => Promise<unknown>;
  const call = async (name: string, input: Record<string, unknown> = {}) => {
    // the probe's own label of a call that hands credentials in must not quote them
    const shown =
      name === 'repos.add' || name === 'repos.import' ? '(credentials given)' : JSON.stringify(input);
    try {
      const answer = await callByName(name, input);
      record(`${via} ${name} ${shown}`, answer);
      return answer;
    } catch (error) {
      record(`${via} ${name} ${shown} error`, (error as Error).message);
      return undefined;
    }
  };
  await settled(client);
  for (const name of ['app.version', 'clusters.list', 'clusters.states', 'projects.list', 'workspace.info'])
    await call(name);
  await call('settings.get');
  await call('clusters.registered');
  if (via === 'in-process') {
    for (const definition of config.repos.add) await call('repos.add', { definition, upsert: true });
    await call('repos.import', { yaml: config.repos.importYaml, source: 'scan.yaml' });
  }
  for (const url of config.repos.test) await call('repos.test', { url });
  await call('repos.list');
  for (const name of config.apps) {
    await call('apps.refresh', { name, hard: true });
  }
  await settled(client);
  for (const name of config.apps) {
    await call('apps.get', { name });
    await call('apps.manifests', { name });
    await call('apps.diff', { name });
    await call('apps.tree', { name });
    await call('apps.history', { name });
    await call('apps.commits', { name });
  }
  await call('apps.sync', { name: config.syncApp });
  await operationEnded(client, config.syncApp);
  await call('apps.history', { name: config.syncApp });
  return call('apps.list');
}

/** Waits until the application's operation has ended (at most 60 s): its history is written then. */
async function operationEnded(client: PlumblineClient, name: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const { app } = await client
      .call('apps.get', { name })
      .catch(() => ({ app: { operationRunning: false } }));
    if (!app.operationRunning) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Waits until no application is still fetching or rendering (at most 60 s). */
async function settled(client: PlumblineClient): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const { apps } = await client.call('apps.list', {});
    const busy = apps.some((app) => ['pending', 'fetching', 'rendering'].includes(app.phase));
    if (!busy && apps.length === config.apps.length) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

// 1. The in-process engine, as the CLI and the tests use it.
const engine = createEngine({
  dataDir: config.dataDir,
  env: { ...process.env, ...config.env },
  homeDir: homedir(),
  secrets: hostSecretStore(keychain),
  renderOnStart: true,
});
const inProcess = inProcessClient(engine);
const stopEvents = inProcess.subscribe((event) => record('in-process event', event));
const summaries = await driveContract('in-process', inProcess);
stopEvents();
await engine.close();

// 2. The headless host and its WebSocket; its output is its log.
const host = await startServe(config.env);
const { client, close } = await connectToHost({ server: new URL(host.url), token: host.token });
const stopHostEvents = client.subscribe((event) => record('websocket event', event));
await driveContract('websocket', client);

// 3. The CLI, through the host and on its own engine. Each command is a process start of
// several seconds on a busy machine: the ones that print URLs, history and objects.
const viaHost = ['--server', host.url, '--token', host.token];
const cliRuns: string[][] = [
  [...viaHost, 'apps'],
  [...viaHost, 'app', config.syncApp, '--output', 'json'],
  [...viaHost, 'history', config.syncApp],
  [...viaHost, 'render', '--app', config.syncApp],
  [...viaHost, 'repo', 'list'],
  ['repo', 'test', config.repos.test[0] ?? ''],
  ['apps', '--output', 'json'],
];
for (const args of cliRuns) {
  const result = await runCli(args, config.env);
  const command = args.filter((arg) => arg !== host.token).join(' ');
  record(`cli ${command} stdout`, result.stdout);
  record(`cli ${command} stderr`, result.stderr);
}
const rendered = await runCli(
  ['render', '--repo', config.renderRepo.url, '--path', config.renderRepo.path],
  config.env,
);
record(`cli render --repo stdout`, rendered.stdout);
record(`cli render --repo stderr`, rendered.stderr);

stopHostEvents();
await close();
await host.stop();
record('host output', host.output());
const result: ScanProbeResult = { captured, summaries };
process.stdout.write(JSON.stringify(result));

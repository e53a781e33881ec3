// The engine under measurement, in its own process (so its memory and CPU are its own): started
// by the fleet benchmark with `fork`, it tells the parent every application change as it sees
// it (with the time), and answers `stats` with its memory, CPU time and the number of HTTP
// requests it has made (to the clusters: the engine makes no others).
import { subscribe } from 'node:diagnostics_channel';
import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { createEngine } from '../../../engine/index.ts';

export interface AppState {
  name: string;
  revision: string | null;
  sync: string;
  syncRevision: string | null;
  health: string;
  at: number;
}

export type ChildMessage =
  | { type: 'apps'; apps: AppState[] }
  | { type: 'stats'; rssBytes: number; heapUsedBytes: number; cpuMicros: number; requests: number };

const [dataDir, workspace, kubeconfig] = process.argv.slice(2) as [string, string, string];
let requests = 0;
const logRequests = process.env.FLEET_LOG_REQUESTS === '1';
subscribe('http.client.request.start', (message) => {
  requests += 1;
  // FLEET_LOG_REQUESTS=1: every request on stderr with its time, to see what a phase costs
  if (logRequests) {
    const { request } = message as { request: { method: string; path: string } };
    process.stderr.write(`request ${Date.now()} ${request.method} ${request.path.slice(0, 200)}\n`);
  }
});

const engine = createEngine({
  dataDir,
  env: { PATH: process.env.PATH, PLUMBLINE_WORKSPACE: workspace, KUBECONFIG: kubeconfig },
  homeDir: dataDir,
  repoPollMs: 15_000,
});
const send = (message: ChildMessage) => process.send?.(message);

engine.subscribe((event) => {
  if (event.event !== 'apps.changed') return;
  const at = Date.now();
  send({
    type: 'apps',
    apps: event.payload.changed.map((app) => ({
      name: app.name,
      revision: app.revision,
      sync: app.sync.status,
      syncRevision: app.sync.revision ?? null,
      health: app.health.status,
      at,
    })),
  });
});

// FLEET_CPU_PROF=DIR: the parent asks for a CPU profile of one phase (the idle minute), written
// to DIR as <phase>.cpuprofile for Chrome DevTools or `node --cpu-prof`'s viewers.
const profiler = new Session();
async function profile(message: { type: string; phase?: string }): Promise<void> {
  if (message.type === 'profile-start') {
    profiler.connect();
    await profiler.post('Profiler.enable');
    await profiler.post('Profiler.start');
  }
  if (message.type === 'profile-stop' && process.env.FLEET_CPU_PROF) {
    const { profile: taken } = await profiler.post('Profiler.stop');
    await writeFile(join(process.env.FLEET_CPU_PROF, `${message.phase}.cpuprofile`), JSON.stringify(taken));
    profiler.disconnect();
  }
}

process.on('message', (message: { type: string; phase?: string }) => {
  void profile(message);
  if (message.type === 'stats') {
    const cpu = process.cpuUsage();
    const memory = process.memoryUsage();
    send({
      type: 'stats',
      rssBytes: memory.rss,
      heapUsedBytes: memory.heapUsed,
      cpuMicros: cpu.user + cpu.system,
      requests,
    });
  }
  if (message.type === 'stop') void engine.close().finally(() => process.exit(0));
});

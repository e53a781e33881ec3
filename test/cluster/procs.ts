// Process plumbling for the test clusters: spawning detached components,
// finding and stopping them, free ports, and a cross-process lock.
import { spawn } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { get as httpGet } from 'node:http';
import { get as httpsGet } from 'node:https';
import { createServer, type Server } from 'node:net';
import { basename, join } from 'node:path';
import {
  COMPONENTS,
  isOurProcess,
  stateDir,
  type Component,
  type ProcessState,
  type State,
} from './state.js';

const log = (msg: string): void => void process.stderr.write(`cluster: ${msg}\n`);

/** GET a health URL of one of our own loopback processes; returns the status (0 if unreachable). */
export function probe(url: string): Promise<number> {
  return new Promise((resolve) => {
    const get = url.startsWith('https:') ? httpsGet : httpGet;
    // Their serving certs are self-signed in-memory ones; this is loopback to our child.
    const req = get(url, { rejectUnauthorized: false, timeout: 5_000 }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(0));
  });
}

export function launch(
  binDir: string,
  comp: Component,
  args: string[],
  logFile: string,
  env?: Record<string, string>,
): ProcessState {
  const fd = openSync(logFile, 'a');
  // detached: own process group, so the clusters outlive `cluster:up` and a
  // Ctrl-C in the terminal that ran it.
  const child = spawn(join(binDir, comp), args, {
    detached: true,
    stdio: ['ignore', fd, fd],
    env: { ...process.env, ...env },
  });
  closeSync(fd);
  child.on('error', (e) => log(`${comp}: ${e.message}`));
  child.unref();
  if (!child.pid) throw new Error(`could not start ${join(binDir, comp)}`);
  return { pid: child.pid, args, ...(env ? { env } : {}), log: logFile };
}

/** Our component processes: recorded pids plus any whose command line names our state dir. */
export function ourPids(state?: State): number[] {
  const pids = new Set<number>();
  for (const c of Object.values(state?.clusters ?? {})) {
    for (const p of Object.values(c.processes)) if (p?.pid && isOurProcess(p.pid)) pids.add(p.pid);
  }
  // Also find strays from a lost state file (Linux only).
  if (existsSync('/proc/self')) {
    for (const entry of readdirSync('/proc')) {
      const pid = Number(entry);
      if (!pid || pid === process.pid) continue;
      try {
        const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
        const comp = basename(argv[0] ?? '') as Component;
        if (COMPONENTS.includes(comp) && argv.some((a) => a.includes(stateDir()))) pids.add(pid);
      } catch {
        // exited meanwhile
      }
    }
  }
  return [...pids];
}

/** SIGTERM, wait up to graceMs, then SIGKILL whatever is left. */
export async function terminate(pids: number[], graceMs = 10_000): Promise<void> {
  const signal = (sig: NodeJS.Signals): void => {
    for (const pid of pids) {
      try {
        process.kill(pid, sig);
      } catch {
        // already gone
      }
    }
  };
  signal('SIGTERM');
  const deadline = Date.now() + graceMs;
  while (pids.some(isOurProcess) && Date.now() < deadline) await sleep(100);
  if (pids.some(isOurProcess)) {
    signal('SIGKILL');
    while (pids.some(isOurProcess)) await sleep(50);
  }
}

export function freePorts(n: number): Promise<number[]> {
  // Hold all listeners open until every port is known so none repeats.
  const servers: Server[] = [];
  const one = (): Promise<number> =>
    new Promise((resolve, reject) => {
      const s = createServer();
      servers.push(s);
      s.on('error', reject);
      s.listen(0, '127.0.0.1', () => resolve((s.address() as { port: number }).port));
    });
  return Promise.all(Array.from({ length: n }, one)).finally(() => servers.forEach((s) => s.close()));
}

// --- locking ----------------------------------------------------------------

/** Serialises up/down across processes (e.g. `cluster:up` racing Vitest's setup). */
export async function withLock<T>(fn: () => Promise<T>): Promise<T> {
  const lock = `${stateDir()}.lock`;
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(join(lock, 'pid'), String(process.pid));
      break;
    } catch {
      const holder = Number(readFileSafe(join(lock, 'pid')));
      // A dead holder, or one that died between mkdir and writing its pid, is stale.
      const stale = holder ? !pidAlive(holder) : Date.now() - mtimeMs(lock) > 10_000;
      if (stale) rmSync(lock, { recursive: true, force: true });
      else await sleep(500);
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

function readFileSafe(f: string): string {
  try {
    return readFileSync(f, 'utf8');
  } catch {
    return '';
  }
}

function mtimeMs(f: string): number {
  try {
    return statSync(f).mtimeMs;
  } catch {
    return Date.now();
  }
}

export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Like Promise.all, but waits for every promise before rethrowing the first failure. */
export async function settle<T>(ps: Promise<T>[]): Promise<T[]> {
  const results = await Promise.allSettled(ps);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
  return results.map((r) => (r as PromiseFulfilledResult<T>).value);
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

// Watches the memory of a running tool and of the processes it started (kustomize's git for a
// remote base), so that a chart or kustomization built to exhaust memory is stopped before it
// takes the machine with it. Resident memory is read from /proc, which only Linux has: elsewhere
// the watch does nothing and the run-time and output limits still hold. (An address-space rlimit
// would not do: Go programs such as helm and kustomize reserve far more than they ever touch.)
import { readFile } from 'node:fs/promises';

const INTERVAL_MS = 100;

async function residentBytes(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const kilobytes = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
  return kilobytes === undefined ? 0 : Number(kilobytes) * 1024;
}

async function childrenOf(pid: number): Promise<number[]> {
  const text = await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8').catch(() => '');
  return text
    .split(/\s+/)
    .filter((word) => word !== '')
    .map(Number);
}

/** The process and all its descendants, as /proc shows them now (the process alone elsewhere). */
export async function processTree(pid: number): Promise<number[]> {
  const found: number[] = [];
  const pending = [pid];
  while (pending.length > 0) {
    const next = pending.pop() as number;
    if (found.includes(next)) continue;
    found.push(next);
    if (canWatchMemory()) pending.push(...(await childrenOf(next)));
  }
  return found;
}

/** Resident bytes of the process and all its descendants. */
export async function treeResidentBytes(pid: number): Promise<number> {
  let total = 0;
  for (const member of await processTree(pid)) total += await residentBytes(member);
  return total;
}

export function canWatchMemory(): boolean {
  return process.platform === 'linux';
}

/**
 * Calls `onExceeded` once (with the bytes seen) when the process tree's resident memory goes over
 * `limitBytes`; the returned function stops the watch.
 */
export function watchMemory(
  pid: number,
  limitBytes: number,
  onExceeded: (bytes: number) => void,
): () => void {
  if (!canWatchMemory()) return () => undefined;
  let stopped = false;
  let busy = false;
  const timer = setInterval(() => {
    if (busy || stopped) return;
    busy = true;
    treeResidentBytes(pid)
      .then((bytes) => {
        if (!stopped && bytes > limitBytes) {
          stopped = true;
          clearInterval(timer);
          onExceeded(bytes);
        }
      })
      .finally(() => {
        busy = false;
      });
  }, INTERVAL_MS);
  timer.unref();
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}

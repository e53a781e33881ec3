// A pod's status in one word, as Argo CD's resource tree shows it (its populatePodInfo, which
// follows kubectl's STATUS column): the reason a container waits or ended (CrashLoopBackOff,
// OOMKilled, ExitCode:1), init progress (Init:1/2), Terminating; with ready/total containers
// and restarts. The phase alone says "Running" for a pod whose container crashes in a loop.
import type { KubeObject } from '../diff/index.ts';

type Fields = Record<string, unknown>;

export interface PodStatus {
  reason: string;
  ready: number;
  total: number;
  restarts: number;
}

const fields = (value: unknown): Fields =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Fields) : {};
const list = (value: unknown): Fields[] =>
  Array.isArray(value) ? value.filter((item) => item && typeof item === 'object').map(fields) : [];
const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const count = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);

function endedReason(terminated: Fields, prefix = ''): string {
  if (text(terminated.reason)) return prefix + text(terminated.reason);
  if (count(terminated.signal) !== 0) return `${prefix}Signal:${count(terminated.signal)}`;
  return `${prefix}ExitCode:${count(terminated.exitCode)}`;
}

interface Tally {
  reason: string;
  ready: number;
  restarts: number;
}

/** Walks the init containers until the first that is not done; whether the pod still initializes. */
function initContainers(spec: Fields, status: Fields, tally: Tally): boolean {
  const specs = list(spec.initContainers);
  const restartable = new Set(specs.filter((c) => c.restartPolicy === 'Always').map((c) => text(c.name)));
  const statuses = list(status.initContainerStatuses);
  for (const [index, container] of statuses.entries()) {
    tally.restarts += count(container.restartCount);
    const state = fields(container.state);
    const terminated = state.terminated === undefined ? undefined : fields(state.terminated);
    const waiting = fields(state.waiting);
    if (terminated && count(terminated.exitCode) === 0) continue;
    if (restartable.has(text(container.name)) && container.started === true) {
      if (container.ready === true) tally.ready++;
      continue;
    }
    if (terminated) tally.reason = endedReason(terminated, 'Init:');
    else if (text(waiting.reason) && waiting.reason !== 'PodInitializing')
      tally.reason = `Init:${text(waiting.reason)}`;
    else tally.reason = `Init:${index}/${specs.length}`;
    return true;
  }
  return false;
}

function containers(status: Fields, tally: Tally): void {
  let running = false;
  for (const container of list(status.containerStatuses).reverse()) {
    tally.restarts += count(container.restartCount);
    const state = fields(container.state);
    const waiting = fields(state.waiting);
    if (text(waiting.reason)) tally.reason = text(waiting.reason);
    else if (state.terminated !== undefined) tally.reason = endedReason(fields(state.terminated));
    else if (container.ready === true && state.running !== undefined) {
      running = true;
      tally.ready++;
    }
  }
  if (tally.reason === 'Completed' && running) tally.reason = 'Running';
}

export function podStatus(pod: KubeObject): PodStatus {
  const spec = fields(pod.spec);
  const status = fields(pod.status);
  const phase = status.phase === undefined ? '' : String(status.phase);
  const tally: Tally = { reason: text(status.reason) || phase, ready: 0, restarts: 0 };
  const conditions = list(status.conditions);
  if (conditions.some((c) => c.type === 'PodScheduled' && c.reason === 'SchedulingGated'))
    tally.reason = 'SchedulingGated';
  const sidecars = list(spec.initContainers).filter((c) => c.restartPolicy === 'Always').length;
  const initialized = conditions.some((c) => c.type === 'Initialized' && c.status === 'True');
  if (!initContainers(spec, status, tally) || initialized) containers(status, tally);
  if (fields(pod.metadata).deletionTimestamp) {
    if (status.reason === 'NodeLost') tally.reason = 'Unknown';
    else if (phase !== 'Failed' && phase !== 'Succeeded') tally.reason = 'Terminating';
  }
  return { ...tally, total: list(spec.containers).length + sidecars };
}

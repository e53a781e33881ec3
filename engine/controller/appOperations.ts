// Runs the operations of an application set: one at a time per application, under the
// application's cluster-side lease, written to the durable state as it starts and as it ends
// (with a history entry), terminable, and recovered after a crash: an operation the state still
// shows as running was interrupted, is marked so, and is handed back to be retried when the
// application's policy asks for retries.
import { hostname } from 'node:os';
import type { AppSummary, Operation } from '../api/contract.ts';
import { ContractError } from '../api/errors.ts';
import type { KubeObject } from '../diff/index.ts';
import type { AppProject, Application } from '../model/index.ts';
import { appSources } from '../model/index.ts';
import type {
  AppStateStore,
  HistoryRecord,
  OperationRequest,
  StoredOperation,
} from '../store/appStateStore.ts';
import { mergeTypes, typesOf, type LiveComparisons } from './liveComparisons.ts';
import type { LiveClusters } from './liveClusters.ts';
import { LeaseHeldError, type HeldLease, type OperationLeases } from './operationLease.ts';
import { syncApp } from './syncApp.ts';
import type { DestinationCluster } from './destinations.ts';
import { describeFailure } from './failures.ts';
import { displayUrl } from '../git/scrub.ts';

/** What one operation deploys: the application, where, and the objects of which revisions. */
export interface OperationSubject {
  app: Application;
  project: AppProject;
  context: string;
  cluster: DestinationCluster;
  desired: KubeObject[];
  revisions: Array<string | null>;
  outOfSync: ReadonlySet<string>;
}

export interface OperationOrder {
  request: OperationRequest;
  dryRun: boolean;
  initiatedBy: StoredOperation['initiatedBy'];
  retryOf?: number;
}

export interface AppOperationsDeps {
  store: AppStateStore;
  leases: OperationLeases;
  live: LiveClusters;
  comparisons: LiveComparisons;
  report(name: string, operation: Operation): void;
  /** The application's status changed (running, lease, last sync). */
  statusChanged(
    name: string,
    change: Partial<Pick<AppSummary, 'operationRunning' | 'lease' | 'lastSync'>>,
  ): void;
}

const defaultHistoryLimit = 10;

export function lastSyncOf(operation: StoredOperation | null): AppSummary['lastSync'] {
  return operation
    ? { phase: operation.phase, finishedAt: operation.finishedAt, message: operation.message }
    : null;
}

/** How long a user's operation waits for one already running, and how often it looks. */
const USER_WAIT_MS = 60_000;
const IDLE_CHECK_MS = 100;

export class AppOperations {
  private readonly running = new Map<string, AbortController>();

  constructor(private readonly deps: AppOperationsDeps) {}

  isRunning(name: string): boolean {
    return this.running.has(name);
  }

  /**
   * Waits until no operation of the application runs — a user's sync or rollback asked while an
   * automatic one runs goes after it instead of failing — and refuses once `timeoutMs` is over.
   */
  async untilIdle(name: string, timeoutMs = USER_WAIT_MS): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.running.has(name) && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, IDLE_CHECK_MS));
    if (this.running.has(name)) throw new ContractError('failed', `${name}: an operation is already running`);
  }

  /** Asks a running operation to stop; false when none runs. */
  terminate(name: string): boolean {
    const running = this.running.get(name);
    running?.abort(new Error('terminated by the user'));
    return Boolean(running);
  }

  async run(subject: OperationSubject, order: OperationOrder): Promise<Operation> {
    const name = subject.app.metadata.name;
    if (this.running.has(name)) throw new ContractError('failed', `${name}: an operation is already running`);
    const stop = new AbortController();
    this.running.set(name, stop);
    this.deps.statusChanged(name, { operationRunning: true });
    let lease: HeldLease | null = null;
    try {
      if (!order.dryRun) lease = await this.takeLease(subject);
      const signal = lease ? AbortSignal.any([stop.signal, lease.lost]) : stop.signal;
      return await this.execute(subject, order, signal);
    } finally {
      await lease?.release();
      this.running.delete(name);
      this.deps.statusChanged(name, { operationRunning: false, ...(lease ? { lease: null } : {}) });
    }
  }

  private async takeLease(subject: OperationSubject): Promise<HeldLease> {
    const name = subject.app.metadata.name;
    const connection = this.deps.live.connection(subject.context);
    try {
      const lease = await this.deps.leases.take(connection, name, subject.app.spec.destination.namespace);
      this.deps.statusChanged(name, {
        lease: { holder: lease.holder, heldByUs: true, renewedAt: new Date().toISOString() },
      });
      return lease;
    } catch (error) {
      if (error instanceof LeaseHeldError) {
        this.deps.statusChanged(name, {
          lease: { holder: error.heldBy.holder, heldByUs: false, renewedAt: error.heldBy.renewedAt },
        });
      }
      throw new ContractError('failed', describeFailure(error));
    }
  }

  private async execute(
    subject: OperationSubject,
    order: OperationOrder,
    signal: AbortSignal,
  ): Promise<Operation> {
    const name = subject.app.metadata.name;
    const startedAt = new Date().toISOString();
    const durable = !order.dryRun;
    if (durable) {
      await this.deps.store.update(name, (record) => {
        record.operation = {
          request: order.request,
          initiatedBy: order.initiatedBy,
          phase: 'Running',
          message: 'started',
          startedAt,
          finishedAt: null,
          ...(order.retryOf === undefined ? {} : { retryOf: order.retryOf }),
          runner: { pid: process.pid, hostname: hostname() },
        };
      });
    }
    let operation: Operation;
    try {
      operation = await syncApp(
        {
          app: subject.app,
          project: subject.project,
          context: subject.context,
          cluster: subject.cluster,
          desired: subject.desired,
          cache: this.deps.comparisons.cacheFor(subject),
          outOfSync: subject.outOfSync,
          options: {
            prune: order.request.prune,
            dryRun: order.dryRun,
            ...(order.request.resources ? { resources: order.request.resources } : {}),
            ...(order.request.syncOptions ? { syncOptions: order.request.syncOptions } : {}),
            ...(order.request.confirmPrune ? { confirmPrune: true } : {}),
          },
          signal,
          automated: order.initiatedBy.automated,
        },
        (progress) => this.deps.report(name, progress),
      );
    } catch (error) {
      const finishedAt = new Date().toISOString();
      operation = {
        phase: 'Error',
        message: describeFailure(error),
        dryRun: order.dryRun,
        startedAt,
        finishedAt,
        resources: [],
      };
    }
    this.deps.report(name, operation);
    if (durable) await this.record(subject, order, operation);
    return operation;
  }

  private async record(
    subject: OperationSubject,
    order: OperationOrder,
    operation: Operation,
  ): Promise<void> {
    const name = subject.app.metadata.name;
    const limit = subject.app.spec.revisionHistoryLimit ?? defaultHistoryLimit;
    const finishedAt = operation.finishedAt ?? new Date().toISOString();
    const before = await this.deps.store.read(name);
    const deployed = mergeTypes(before.deployedTypes, typesOf(subject.desired));
    const record = await this.deps.store.update(name, (state) => {
      state.operation = {
        request: order.request,
        initiatedBy: order.initiatedBy,
        phase: operation.phase,
        message: operation.message,
        startedAt: operation.startedAt,
        finishedAt,
        ...(order.retryOf === undefined ? {} : { retryOf: order.retryOf }),
      };
      appendHistory(state.history, limit, {
        id: state.nextHistoryId++,
        revisions: subject.revisions.filter((r): r is string => r !== null),
        source: sourceOf(subject.app),
        startedAt: operation.startedAt,
        deployedAt: finishedAt,
        initiatedBy: order.initiatedBy,
        result:
          operation.phase === 'Succeeded' ? 'Succeeded' : operation.phase === 'Error' ? 'Error' : 'Failed',
        message: operation.message,
      });
      state.deployedTypes = deployed;
    });
    this.deps.comparisons.rememberDeployed(name, deployed);
    this.deps.statusChanged(name, { lastSync: lastSyncOf(record.operation) });
  }

  /**
   * After a restart: an operation still marked running was interrupted. It is marked so (in the
   * operation state and the history), and returned when it should run again: it was automatic,
   * or the application asks for retries.
   */
  async recover(app: Application): Promise<OperationOrder | null> {
    const name = app.metadata.name;
    const before = await this.deps.store.read(name);
    const interrupted = before.operation;
    if (interrupted && stillRunning(interrupted)) return null;
    if (!interrupted || (interrupted.phase !== 'Running' && interrupted.phase !== 'Terminating')) {
      this.deps.statusChanged(name, { lastSync: lastSyncOf(interrupted) });
      return null;
    }
    const now = new Date().toISOString();
    const message = `interrupted: Plumbline stopped while this operation was running (started ${interrupted.startedAt})`;
    let id = 0;
    const after = await this.deps.store.update(name, (state) => {
      id = state.nextHistoryId++;
      state.operation = { ...interrupted, phase: 'Error', message, finishedAt: now };
      appendHistory(state.history, app.spec.revisionHistoryLimit ?? defaultHistoryLimit, {
        id,
        revisions: interrupted.request.revisions.filter((r): r is string => r !== null),
        source: sourceOf(app),
        startedAt: interrupted.startedAt,
        deployedAt: now,
        initiatedBy: interrupted.initiatedBy,
        result: 'Interrupted',
        message,
      });
    });
    this.deps.statusChanged(name, { lastSync: lastSyncOf(after.operation) });
    const retryLimit = app.spec.syncPolicy?.retry?.limit ?? 0;
    if (!interrupted.initiatedBy.automated && retryLimit === 0) return null;
    return { request: interrupted.request, dryRun: false, initiatedBy: interrupted.initiatedBy, retryOf: id };
  }
}

/** Whether another live process on this machine runs the operation now. */
function stillRunning(operation: StoredOperation): boolean {
  const runner = operation.runner;
  if (!runner || runner.hostname !== hostname() || runner.pid === process.pid) return false;
  if (operation.phase !== 'Running' && operation.phase !== 'Terminating') return false;
  try {
    process.kill(runner.pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function sourceOf(app: Application): HistoryRecord['source'] {
  const source = appSources(app)[0];
  return {
    // history is kept on disk and shown: the URL without its credentials
    repoURL: displayUrl(source?.repoURL ?? ''),
    path: source?.path ?? source?.chart ?? null,
    targetRevision: source?.targetRevision || 'HEAD',
  };
}

/** `revisionHistoryLimit` bounds the history; the oldest entries go first. */
export function appendHistory(history: HistoryRecord[], limit: number, entry: HistoryRecord): void {
  history.push(entry);
  history.splice(0, Math.max(0, history.length - Math.max(limit, 1)));
}

// Runs an application's operations: a user's sync or rollback, an automatic sync, the prune of an
// application that leaves its set. Waits for the running one (a user's), builds the subject
// (rendered at the wanted revisions, checked by operationSubject), runs it through AppOperations,
// tells auto-sync what a user deployed and compares afterwards; and resumes the operations a
// crash interrupted once their application is rendered and its sync windows allow them.
import type { AppSummary, Condition, Operation } from '../api/contract.ts';
import type { Application } from '../model/index.ts';
import { desktopUser } from '../store/instanceIdentity.ts';
import type { Workspace } from '../workspace/index.ts';
import type { AppOperations, OperationOrder, OperationSubject } from './appOperations.ts';
import type { AppRenders } from './appRenders.ts';
import type { SyncRequest } from './applicationsDeps.ts';
import type { AutoSyncRunner } from './autoSyncRunner.ts';
import type { LiveComparisons } from './liveComparisons.ts';
import { operationSubject } from './operationSubject.ts';
import { windowsAllow } from './syncWindowWatch.ts';

/** How long the objects of an application leaving its set may take to go (Argo CD waits as long). */
const PRUNED_GONE_TIMEOUT_MS = 5 * 60_000;
/** Read from the watch cache: no request to the cluster. */
const PRUNED_GONE_POLL_MS = 100;

export interface AppOperationRunnerDeps {
  operations: AppOperations;
  renders: AppRenders;
  comparisons: LiveComparisons;
  autoSync: AutoSyncRunner;
  /** The application's definition (null: invalid); throws when there is no such application. */
  definition(name: string): Application | null;
  projects(): Workspace['projects'];
  conditions(name: string): Condition[];
  syncWindows(name: string): AppSummary['syncWindows'] | undefined;
  ensureRendered(name: string): Promise<void>;
  compare(name: string): Promise<void>;
}

export class AppOperationRunner {
  /** Operations interrupted by a crash, run again once their application is rendered. */
  private readonly interrupted = new Map<string, OperationOrder>();

  constructor(private readonly deps: AppOperationRunnerDeps) {}

  /** Brings the cluster to what git says for one application (or shows what would change). */
  sync(name: string, options: SyncRequest, automated = false): Promise<Operation> {
    const { dryRun = false, prune = false, ...rest } = options;
    return this.operate(name, {
      request: { prune, ...rest, revisions: [] },
      dryRun,
      initiatedBy: { username: automated ? null : desktopUser(), automated },
    });
  }

  /** Runs one operation at the request's revisions (the current ones when it names none). */
  async operate(name: string, order: OperationOrder): Promise<Operation> {
    const { operations, autoSync } = this.deps;
    if (!order.initiatedBy.automated) await operations.untilIdle(name);
    const subject = await this.subject(name, order);
    const operation = await operations.run(subject, {
      ...order,
      request: { ...order.request, revisions: subject.revisions },
    });
    // what a user deployed (a sync, a rollback) is what auto-sync compares the next revision with
    if (!order.dryRun && !order.initiatedBy.automated && !order.request.resources) {
      await autoSync.deployed(subject.app, subject.revisions.join(','), operation.phase === 'Succeeded');
    }
    // an automatic sync frees its operation slot at once; the comparison follows on its own
    if (order.initiatedBy.automated) void this.deps.compare(name);
    else await this.deps.compare(name);
    return operation;
  }

  /** Deletes every object of an application leaving its set with its resources (Argo CD's cascade). */
  async pruneResources(name: string): Promise<void> {
    const { renders, operations } = this.deps;
    if (!renders.context(name)) await this.deps.ensureRendered(name).catch(() => undefined);
    // Argo CD drops the finalizer of an application whose destination is gone: nothing to prune
    if (!renders.context(name)) return;
    await operations.untilIdle(name);
    const order: OperationOrder = {
      request: { prune: true, confirmPrune: true, revisions: [] },
      dryRun: false,
      initiatedBy: { username: null, automated: true },
    };
    const subject = await this.subject(name, order);
    const operation = await operations.run(
      { ...subject, desired: [] },
      { ...order, request: { ...order.request, revisions: subject.revisions } },
    );
    if (operation.phase !== 'Succeeded') throw new Error(operation.message);
    // as Argo CD's finalizer: the application goes once its objects are gone, not when asked to go
    const cache = this.deps.comparisons.cacheFor({ ...subject, desired: [] });
    const pruned = operation.resources.filter((r) => r.status === 'Pruned').map((r) => r.id);
    const deadline = Date.now() + PRUNED_GONE_TIMEOUT_MS;
    for (;;) {
      const left = pruned.filter((id) => cache.get(id) !== undefined);
      if (left.length === 0) return;
      if (Date.now() > deadline)
        throw new Error(
          `${left.length} object(s) still being deleted after ${PRUNED_GONE_TIMEOUT_MS / 60_000} minutes: ${left.slice(0, 5).join(', ')}`,
        );
      await new Promise((resolve) => setTimeout(resolve, PRUNED_GONE_POLL_MS));
    }
  }

  /**
   * An operation a crash interrupted, found in the durable state: held to run again once the
   * application is rendered — only where `retry` (a long-running host; a CLI command does what
   * it was asked and nothing more).
   */
  async recover(name: string, app: Application, retry: boolean): Promise<void> {
    const order = await this.deps.operations.recover(app);
    if (order && retry) this.interrupted.set(name, order);
  }

  /** Whether an interrupted operation waits for its application. */
  holds(name: string): boolean {
    return this.interrupted.has(name);
  }

  /** The application was rendered: run its interrupted operation, if its sync windows allow it. */
  resume(name: string): void {
    const retry = this.interrupted.get(name);
    // a sync window that holds the retry keeps it for when the window opens
    const windows = this.deps.syncWindows(name);
    if (!retry || !this.deps.renders.result(name) || !windowsAllow(windows, retry.initiatedBy.automated))
      return;
    this.interrupted.delete(name);
    void this.operate(name, retry).catch(() => {
      // an automatic operation that could not resume is auto-sync's again, tried until it starts
      if (!retry.initiatedBy.automated) return;
      this.deps.autoSync.forget(name);
      void this.deps.autoSync.runIfDue(name);
    });
  }

  forget(name: string): void {
    this.interrupted.delete(name);
  }

  /** Everything an operation needs; rendered at the given revisions when they differ from the current ones. */
  private async subject(name: string, order: OperationOrder): Promise<OperationSubject> {
    const { operations, renders, comparisons } = this.deps;
    const app = this.deps.definition(name);
    if (app && !operations.isRunning(name)) await this.deps.ensureRendered(name);
    return operationSubject(
      {
        name,
        app,
        running: operations.isRunning(name),
        rendered: renders.result(name),
        cluster: renders.destinationCluster(name),
        projects: this.deps.projects(),
        conditions: () => this.deps.conditions(name),
        comparison: comparisons.result(name),
        renderAt: (at, context, wanted) => renders.renderAt(at, context, wanted),
        syncWindows: order.dryRun ? null : { automated: order.initiatedBy.automated },
      },
      order.request.revisions,
    );
  }
}

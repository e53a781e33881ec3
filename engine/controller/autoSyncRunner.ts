// Runs `syncPolicy.automated` for the application set: asks AutoSync whether a sync (or a heal)
// is due, starts it, and keeps what was attempted in the durable state so a restart neither
// repeats a failing revision nor forgets what a user deployed. Automatic operations of all
// applications share a bounded number of slots (Argo CD's operation processors): a fleet's
// initial sync runs that many applications in parallel, the rest wait their turn. A sync whose
// operation could not start (its promise rejects: no lease, an API error, busy) is shown on the
// application and tried again by a timer with a backoff, never left for the next commit.
import type { Operation } from '../api/contract.ts';
import type { Application } from '../model/index.ts';
import type { AppRecord, AppStateStore } from '../store/appStateStore.ts';
import { createLimiter, type Limiter } from '../limits/limiter.ts';
import { AutoSync } from './autoSync.ts';
import { describeFailure } from './failures.ts';
import type { AppRuntime } from './appSummary.ts';
import { windowsAllow } from './syncWindowWatch.ts';

/** Where an application stands for auto-sync; null when it must not auto-sync now (pinned, busy). */
export interface AutoSyncCandidate {
  app: Application;
  revisions: string;
  outOfSync: boolean;
  desiredCount: number;
}

/** What decides whether an application is a candidate for auto-sync now. */
export interface AutoSyncState {
  app: Application | null | undefined;
  rendered: { revisions: ReadonlyArray<string | null>; objects: readonly unknown[] } | undefined;
  runtime: Pick<AppRuntime, 'pin' | 'syncWindows'> | undefined;
  /** An operation, a held retry, a rollback or a deletion runs, or another Argo CD manages it. */
  busy: boolean;
  comparison: { revisions: ReadonlyArray<string | null>; sync: { status: string } } | undefined;
}

/** Where an application stands for auto-sync: never while pinned, busy or in a closed window. */
export function autoSyncCandidate(state: AutoSyncState): AutoSyncCandidate | null {
  const { app, rendered, runtime, comparison } = state;
  if (!app || !rendered || !runtime || runtime.pin || state.busy) return null;
  if (!windowsAllow(runtime.syncWindows, true)) return null;
  // only a comparison at the rendered revisions says whether they are out of sync
  if (comparison?.revisions.join(',') !== rendered.revisions.join(',')) return null;
  return {
    app,
    revisions: rendered.revisions.join(','),
    outOfSync: comparison.sync.status === 'OutOfSync',
    desiredCount: rendered.objects.length,
  };
}

export class AutoSyncRunner {
  private readonly decisions = new AutoSync();
  private readonly retries = new Map<string, NodeJS.Timeout>();
  /** Applications shown a problem now: only they are told when it is gone. */
  private readonly problems = new Set<string>();

  constructor(
    private readonly state: AppStateStore,
    private readonly candidate: (name: string) => AutoSyncCandidate | null,
    private readonly sync: (name: string, prune: boolean) => Promise<Operation>,
    private readonly slots: Limiter = createLimiter(Number.POSITIVE_INFINITY),
    /** Why auto-sync could not start (null: it started), for the application's conditions. */
    private readonly notice: (name: string, problem: string | null) => void = () => undefined,
  ) {}

  restore(name: string, record: AppRecord): void {
    if (record.autoSync) this.decisions.restore(name, record.autoSync);
  }

  forget(name: string): void {
    this.decisions.forget(name);
    clearTimeout(this.retries.get(name));
    this.retries.delete(name);
    this.problems.delete(name);
  }

  close(): void {
    for (const name of this.retries.keys()) clearTimeout(this.retries.get(name));
    this.retries.clear();
  }

  async runIfDue(name: string): Promise<void> {
    const current = this.candidate(name);
    if (!current) return;
    // synced by other means meanwhile: what could not start no longer matters
    if (!current.outOfSync) this.report(name, null);
    const decision = this.decisions.decide(current.app, current);
    if (!decision) return;
    const attempt = this.decisions.attempt(current.app, current.revisions, decision);
    await this.keep(name);
    const operation = await this.slots
      .run(() => this.sync(name, decision.prune))
      .catch((error: unknown) => this.couldNotStart(name, attempt, error));
    if (operation) {
      this.decisions.finished(name, operation.phase === 'Succeeded');
      this.report(name, null);
    }
    await this.keep(name);
  }

  private couldNotStart(name: string, attempt: object, error: unknown): null {
    const retryAt = this.decisions.couldNotStart(name, attempt);
    if (retryAt === null) return null;
    const wait = Math.max(0, retryAt - Date.now());
    this.report(
      name,
      `auto-sync could not start: ${describeFailure(error)} (trying again in ${Math.ceil(wait / 1000)} s)`,
    );
    clearTimeout(this.retries.get(name));
    const timer = setTimeout(() => {
      this.retries.delete(name);
      void this.runIfDue(name);
    }, wait);
    timer.unref();
    this.retries.set(name, timer);
    return null;
  }

  private report(name: string, problem: string | null): void {
    if (problem === null && !this.problems.delete(name)) return;
    if (problem !== null) this.problems.add(name);
    this.notice(name, problem);
  }

  /** A user deployed these revisions (a sync, a rollback): auto-sync compares the next one with them. */
  async deployed(app: Application, revisions: string, succeeded: boolean): Promise<void> {
    this.decisions.deployed(app, revisions, succeeded);
    await this.keep(app.metadata.name);
  }

  private async keep(name: string): Promise<void> {
    const last = this.decisions.lastAttempt(name);
    await this.state
      .update(name, (record) => {
        record.autoSync = last;
      })
      .catch(() => undefined);
  }
}

// Runs `syncPolicy.automated` for the application set: asks AutoSync whether a sync (or a heal)
// is due, starts it, and keeps what was attempted in the durable state so a restart neither
// repeats a failing revision nor forgets what a user deployed. Automatic operations of all
// applications share a bounded number of slots (Argo CD's operation processors): a fleet's
// initial sync runs that many applications in parallel, the rest wait their turn.
import type { Operation } from '../api/contract.ts';
import type { Application } from '../model/index.ts';
import type { AppRecord, AppStateStore } from '../store/appStateStore.ts';
import { createLimiter, type Limiter } from '../limits/limiter.ts';
import { AutoSync } from './autoSync.ts';

/** Where an application stands for auto-sync; null when it must not auto-sync now (pinned, busy). */
export interface AutoSyncCandidate {
  app: Application;
  revisions: string;
  outOfSync: boolean;
  desiredCount: number;
}

export class AutoSyncRunner {
  private readonly decisions = new AutoSync();

  constructor(
    private readonly state: AppStateStore,
    private readonly candidate: (name: string) => AutoSyncCandidate | null,
    private readonly sync: (name: string, prune: boolean) => Promise<Operation>,
    private readonly slots: Limiter = createLimiter(Number.POSITIVE_INFINITY),
  ) {}

  restore(name: string, record: AppRecord): void {
    if (record.autoSync) this.decisions.restore(name, record.autoSync);
  }

  forget(name: string): void {
    this.decisions.forget(name);
  }

  async runIfDue(name: string): Promise<void> {
    const current = this.candidate(name);
    if (!current) return;
    const decision = this.decisions.decide(current.app, current);
    if (!decision) return;
    this.decisions.attempt(current.app, current.revisions, decision);
    await this.keep(name);
    const operation = await this.slots.run(() => this.sync(name, decision.prune)).catch(() => null);
    this.decisions.finished(name, operation?.phase === 'Succeeded');
    await this.keep(name);
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

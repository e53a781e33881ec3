// When an application with `syncPolicy.automated` syncs by itself, as Argo CD decides it: once
// per (revisions, source spec) that is out of sync — a failing revision is never retried by
// auto-sync — and, with `selfHeal`, again when the cluster drifts from a revision already
// synced, with a backoff (2 s × 3 per attempt, at most 300 s). Never with nothing to deploy
// unless `allowEmpty`. An attempt whose operation could not even start (no lease, an API error)
// is not one: it is tried again, 5 s × 2 per failure, at most 180 s, until it starts.
import type { Application } from '../model/index.ts';
import { isAutomatedSync } from '../model/index.ts';

export type AutoSyncDecision = { kind: 'sync' | 'selfHeal'; prune: boolean } | null;

interface Attempt {
  target: string;
  kind: 'sync' | 'selfHeal';
  succeeded: boolean;
  heals: number;
  nextHealAt: number;
  /** Times in a row this attempt could not start its operation. */
  startFailures: number;
  /** Set while an attempt that could not start waits to be tried again. */
  retryAt: number | null;
}

const healBaseMs = 2_000;
const healFactor = 3;
const healMaxMs = 300_000;
const startRetryBaseMs = 5_000;
const startRetryMaxMs = 180_000;

/** What auto-sync is attempted once for: the revisions and the source spec. */
function targetOf(app: Application, revisions: string): string {
  return `${revisions}\n${JSON.stringify(app.spec.source ?? app.spec.sources)}`;
}

export class AutoSync {
  private readonly attempts = new Map<string, Attempt>();

  decide(
    app: Application,
    state: { outOfSync: boolean; revisions: string; desiredCount: number },
    now = Date.now(),
  ): AutoSyncDecision {
    const automated = app.spec.syncPolicy?.automated;
    if (!automated || !isAutomatedSync(app) || !state.outOfSync) return null;
    if (state.desiredCount === 0 && !automated.allowEmpty) return null;
    const target = targetOf(app, state.revisions);
    const last = this.attempts.get(app.metadata.name);
    const prune = automated.prune ?? false;
    if (last?.target !== target) return { kind: 'sync', prune };
    if (last.retryAt !== null) return now >= last.retryAt ? { kind: last.kind, prune } : null;
    if (!automated.selfHeal || !last.succeeded || now < last.nextHealAt) return null;
    return { kind: 'selfHeal', prune };
  }

  /**
   * Records an automatic sync as it starts; a self-heal pushes the next one further out. Returns
   * the attempt, for telling it could not start.
   */
  attempt(
    app: Application,
    revisions: string,
    decision: NonNullable<AutoSyncDecision>,
    now = Date.now(),
  ): object {
    const target = targetOf(app, revisions);
    const previous = this.attempts.get(app.metadata.name);
    // trying again what could not start is the same attempt: no further heal, its failures counted
    const retry = previous?.target === target && previous.retryAt !== null ? previous : undefined;
    const heals = decision.kind === 'selfHeal' ? (retry?.heals ?? (previous?.heals ?? 0) + 1) : 0;
    const delay = heals === 0 ? 0 : Math.min(healBaseMs * healFactor ** (heals - 1), healMaxMs);
    const attempt: Attempt = {
      target,
      kind: decision.kind,
      succeeded: false,
      heals,
      nextHealAt: now + delay,
      startFailures: retry?.startFailures ?? 0,
      retryAt: null,
    };
    this.attempts.set(app.metadata.name, attempt);
    return attempt;
  }

  /** Only a revision that synced successfully is healed later. */
  finished(name: string, succeeded: boolean): void {
    const attempt = this.attempts.get(name);
    if (attempt) Object.assign(attempt, { succeeded, startFailures: 0 });
  }

  /**
   * The attempt's operation never started: it is tried again later; returns when (null: a user's
   * sync or a forgotten application replaced the attempt meanwhile, nothing to try again).
   */
  couldNotStart(name: string, attempted: object, now = Date.now()): number | null {
    const attempt = this.attempts.get(name);
    if (!attempt || attempt !== attempted) return null;
    attempt.startFailures += 1;
    attempt.retryAt = now + Math.min(startRetryBaseMs * 2 ** (attempt.startFailures - 1), startRetryMaxMs);
    return attempt.retryAt;
  }

  /**
   * A sync the user started deployed these revisions: auto-sync will sync a different revision
   * (the branch after a rollback is resumed) and not repeat this one if it failed.
   */
  deployed(app: Application, revisions: string, succeeded: boolean): void {
    this.attempts.set(app.metadata.name, {
      target: targetOf(app, revisions),
      kind: 'sync',
      succeeded,
      heals: 0,
      nextHealAt: 0,
      startFailures: 0,
      retryAt: null,
    });
  }

  /**
   * What was last attempted and whether it succeeded: kept in the durable state across restarts.
   * One that could not start is not kept, so a restart tries it again.
   */
  lastAttempt(name: string): { target: string; succeeded: boolean } | null {
    const attempt = this.attempts.get(name);
    return attempt && attempt.retryAt === null
      ? { target: attempt.target, succeeded: attempt.succeeded }
      : null;
  }

  restore(name: string, last: { target: string; succeeded: boolean }): void {
    this.attempts.set(name, {
      ...last,
      kind: 'sync',
      heals: 0,
      nextHealAt: 0,
      startFailures: 0,
      retryAt: null,
    });
  }

  forget(name: string): void {
    this.attempts.delete(name);
  }
}

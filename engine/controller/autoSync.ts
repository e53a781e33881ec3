// When an application with `syncPolicy.automated` syncs by itself, as Argo CD decides it: once
// per (revisions, source spec) that is out of sync — a failing revision is never retried by
// auto-sync — and, with `selfHeal`, again when the cluster drifts from a revision already
// synced, with a backoff (2 s × 3 per attempt, at most 300 s). Never with nothing to deploy
// unless `allowEmpty`.
import type { Application } from '../model/index.ts';
import { isAutomatedSync } from '../model/index.ts';

export type AutoSyncDecision = { kind: 'sync' | 'selfHeal'; prune: boolean } | null;

interface Attempt {
  target: string;
  succeeded: boolean;
  heals: number;
  nextHealAt: number;
}

const healBaseMs = 2_000;
const healFactor = 3;
const healMaxMs = 300_000;

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
    if (!automated.selfHeal || !last.succeeded || now < last.nextHealAt) return null;
    return { kind: 'selfHeal', prune };
  }

  /** Records an automatic sync as it starts; a self-heal pushes the next one further out. */
  attempt(
    app: Application,
    revisions: string,
    decision: NonNullable<AutoSyncDecision>,
    now = Date.now(),
  ): void {
    const heals = decision.kind === 'selfHeal' ? (this.attempts.get(app.metadata.name)?.heals ?? 0) + 1 : 0;
    const delay = heals === 0 ? 0 : Math.min(healBaseMs * healFactor ** (heals - 1), healMaxMs);
    this.attempts.set(app.metadata.name, {
      target: targetOf(app, revisions),
      succeeded: false,
      heals,
      nextHealAt: now + delay,
    });
  }

  /** Only a revision that synced successfully is healed later. */
  finished(name: string, succeeded: boolean): void {
    const attempt = this.attempts.get(name);
    if (attempt) attempt.succeeded = succeeded;
  }

  /**
   * A sync the user started deployed these revisions: auto-sync will sync a different revision
   * (the branch after a rollback is resumed) and not repeat this one if it failed.
   */
  deployed(app: Application, revisions: string, succeeded: boolean): void {
    this.attempts.set(app.metadata.name, {
      target: targetOf(app, revisions),
      succeeded,
      heals: 0,
      nextHealAt: 0,
    });
  }

  /** What was last attempted and whether it succeeded: kept in the durable state across restarts. */
  lastAttempt(name: string): { target: string; succeeded: boolean } | null {
    const attempt = this.attempts.get(name);
    return attempt ? { target: attempt.target, succeeded: attempt.succeeded } : null;
  }

  restore(name: string, last: { target: string; succeeded: boolean }): void {
    this.attempts.set(name, { ...last, heals: 0, nextHealAt: 0 });
  }

  forget(name: string): void {
    this.attempts.delete(name);
  }
}

// The state of one cluster as its live cache sees it, from the latest outcome of each of its
// watchers: unreachable when nothing answers, degraded when some resource types fail (e.g. a
// forbidden list) or are only partly watched, connected when every watcher is fine.
import { isUnreachableError, messageOf } from './apiError.ts';

export type ConnectionStateName = 'connecting' | 'connected' | 'degraded' | 'unreachable';

export interface ConnectionState {
  state: ConnectionStateName;
  /** Why it is not connected: the first failures, as the server said them. */
  reason?: string;
  /** When the state last changed (ISO 8601). */
  since: string;
}

export interface StateListener {
  onState(state: ConnectionState): void;
  /** The cluster answers again after being unreachable. */
  onReachable(): void;
  /** Any watcher succeeded or failed (whether or not the state changed). */
  onOutcome(): void;
}

export interface NamespaceFallback {
  /** `v1 configmaps` */
  resource: string;
  namespaces: readonly string[];
}

type Outcome = { ok: true } | { ok: false; message: string; unreachable: boolean };

const REASONS_SHOWN = 3;

function firstOf(items: readonly string[], separator: string): string {
  const more = items.length > REASONS_SHOWN ? ` (and ${items.length - REASONS_SHOWN} more)` : '';
  return items.slice(0, REASONS_SHOWN).join(separator) + more;
}

export class ConnectionStateTracker {
  private readonly outcomes = new Map<string, Outcome>();
  /** Types watched per namespace because a cluster-wide watch was forbidden. */
  private readonly fallbacks = new Map<string, NamespaceFallback>();
  private current: ConnectionState = { state: 'connecting', since: new Date().toISOString() };

  constructor(private readonly listener: StateListener) {}

  get state(): ConnectionState {
    return this.current;
  }

  succeeded(id: string): void {
    const wasUnreachable = this.current.state === 'unreachable';
    this.outcomes.set(id, { ok: true });
    this.update();
    if (wasUnreachable) this.listener.onReachable();
  }

  failed(id: string, error: unknown): void {
    this.outcomes.set(id, { ok: false, message: messageOf(error), unreachable: isUnreachableError(error) });
    this.update();
  }

  fallback(id: string, fallback: NamespaceFallback | undefined): void {
    if (fallback === undefined) this.fallbacks.delete(id);
    else this.fallbacks.set(id, fallback);
    this.update();
  }

  /** A watcher that was closed no longer counts. */
  forget(id: string): void {
    this.outcomes.delete(id);
    this.update();
  }

  /** Whether the id's last outcome was a success (a watcher listed and is watching). */
  isOk(id: string): boolean {
    return this.outcomes.get(id)?.ok === true;
  }

  /** Ids that have an outcome (success or failure) by now. */
  hasOutcome(id: string): boolean {
    return this.outcomes.has(id);
  }

  private compute(): Omit<ConnectionState, 'since'> {
    const outcomes = [...this.outcomes.values()];
    const failures = outcomes.filter((o): o is Extract<Outcome, { ok: false }> => !o.ok);
    const anyOk = outcomes.some((o) => o.ok);
    const unreachable = failures.filter((f) => f.unreachable);
    if (unreachable.length > 0 && !anyOk) return { state: 'unreachable', reason: unreachable[0]?.message };
    const reasons = [...this.fallbackReason(), ...failures.map((f) => f.message)];
    if (reasons.length > 0) return { state: 'degraded', reason: firstOf(reasons, '; ') };
    return anyOk ? { state: 'connected' } : { state: 'connecting' };
  }

  /** One line for all types in fallback: they share the cause and the namespaces. */
  private fallbackReason(): string[] {
    if (this.fallbacks.size === 0) return [];
    const all = [...this.fallbacks.values()];
    const namespaces =
      [...new Set(all.flatMap((f) => f.namespaces))].sort().join(', ') || 'none requested yet';
    const resources = firstOf(
      all.map((f) => f.resource),
      ', ',
    );
    return [`listing cluster-wide is forbidden for ${resources}; watching only namespaces: ${namespaces}`];
  }

  private update(): void {
    this.listener.onOutcome();
    const next = this.compute();
    if (next.state === this.current.state && next.reason === this.current.reason) return;
    this.current = {
      ...next,
      since: next.state === this.current.state ? this.current.since : new Date().toISOString(),
    };
    this.listener.onState(this.current);
  }
}

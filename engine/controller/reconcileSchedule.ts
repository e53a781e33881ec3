// The reconciliation period: every application is refreshed at least this often, each after its
// own random extra delay (jitter) so a desktop with many applications does not refresh them all
// at the same moment. Each refresh restarts its application's period.
import { DEFAULT_RECONCILIATION } from '../store/editableSettings.ts';

export class ReconcileSchedule {
  /** The schedule the `reconciliation` setting asks for: 3 min plus up to 1 min unless set. */
  static fromSettings(
    setting: { periodSeconds?: number; jitterSeconds?: number } | undefined,
    onDue: (name: string) => void,
  ): ReconcileSchedule {
    return new ReconcileSchedule(
      (setting?.periodSeconds ?? DEFAULT_RECONCILIATION.periodSeconds) * 1000,
      (setting?.jitterSeconds ?? DEFAULT_RECONCILIATION.jitterSeconds) * 1000,
      onDue,
    );
  }

  private readonly timers = new Map<string, NodeJS.Timeout>();
  private stopped = false;

  constructor(
    private readonly periodMs: number,
    private readonly jitterMs: number,
    private readonly onDue: (name: string) => void,
    private readonly random: () => number = Math.random,
  ) {}

  /** Starts (or restarts) the period of an application; a period of 0 turns refreshes off. */
  restart(name: string): void {
    this.forget(name);
    if (this.stopped || this.periodMs <= 0) return;
    const delay = this.periodMs + this.random() * this.jitterMs;
    const timer = setTimeout(() => {
      this.timers.delete(name);
      this.onDue(name);
    }, delay);
    timer.unref();
    this.timers.set(name, timer);
  }

  forget(name: string): void {
    clearTimeout(this.timers.get(name));
    this.timers.delete(name);
  }

  stop(): void {
    this.stopped = true;
    for (const name of [...this.timers.keys()]) this.forget(name);
  }
}

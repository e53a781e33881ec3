// Exponential backoff with jitter and a cap, and a sleep that can be cut short: when a cluster
// answers again, every waiting watcher resumes at once instead of at its own next retry.

export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 500, maxMs: 30_000 };

export class Backoff {
  private attempt = 0;
  private wakeSleeper: (() => void) | null = null;

  constructor(private readonly options: BackoffOptions = DEFAULT_BACKOFF) {}

  /** The next delay: initial × 2^n capped, ±20 % so watchers of one cluster do not retry in step. */
  next(): number {
    const base = Math.min(this.options.maxMs, this.options.initialMs * 2 ** this.attempt);
    this.attempt = Math.min(this.attempt + 1, 30);
    return Math.round(base * (0.8 + Math.random() * 0.4));
  }

  reset(): void {
    this.attempt = 0;
  }

  /** Sleeps the next delay, unless `wake` is called first. */
  wait(): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, this.next());
      this.wakeSleeper = () => {
        clearTimeout(timer);
        resolve();
      };
    }).finally(() => {
      this.wakeSleeper = null;
    });
  }

  wake(): void {
    this.wakeSleeper?.();
  }
}

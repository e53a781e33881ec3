// Tells clients what changed among the applications: the summaries that differ from the ones
// announced last, and the names that went away — never the whole list again. Requests within a
// short delay are coalesced, so a burst of renders, comparisons and operations across a fleet
// becomes one event that carries each changed application once.
import type { AppSummary, EventPayload } from '../api/contract.ts';

export type AppsChanged = EventPayload<'apps.changed'>;

/** Short enough not to be seen; long enough to gather a burst of work finishing together. */
const COALESCE_MS = 20;

export class AppsAnnouncer {
  /** Each application's summary as last announced, serialised for comparison. */
  private readonly announced = new Map<string, string>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly list: () => AppSummary[],
    private readonly emit: (payload: AppsChanged) => void,
    private readonly delayMs = COALESCE_MS,
  ) {}

  /** Something may have changed: announce it soon, together with whatever else changes meanwhile. */
  request(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => this.flush(), this.delayMs);
    this.timer.unref();
  }

  /** Announces now what differs from the last announcement, if anything does. */
  flush(): void {
    this.cancel();
    const changed: AppSummary[] = [];
    const present = new Set<string>();
    for (const app of this.list()) {
      present.add(app.name);
      const text = JSON.stringify(app);
      if (this.announced.get(app.name) === text) continue;
      this.announced.set(app.name, text);
      changed.push(app);
    }
    const removed = [...this.announced.keys()].filter((name) => !present.has(name));
    for (const name of removed) this.announced.delete(name);
    if (changed.length > 0 || removed.length > 0) this.emit({ changed, removed });
  }

  close(): void {
    this.cancel();
  }

  private cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}

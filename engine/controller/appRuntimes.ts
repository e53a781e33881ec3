// What the engine learned of each loaded application since it was loaded (render phase,
// statuses, conditions, lease, pin, sync windows), its summaries for clients, and the
// announcement of every change, coalesced (see AppsAnnouncer).
import type { AppSummary, EventPayload } from '../api/contract.ts';
import type { LoadedApplication } from '../workspace/index.ts';
import { idleRuntime, summarize, withProblem, type AppRuntime } from './appSummary.ts';
import { AppsAnnouncer } from './appsAnnouncer.ts';

export class AppRuntimes {
  private readonly runtimes = new Map<string, AppRuntime>();
  private readonly announcer: AppsAnnouncer;

  constructor(
    private readonly loaded: () => LoadedApplication[],
    emit: (payload: EventPayload<'apps.changed'>) => void,
  ) {
    this.announcer = new AppsAnnouncer(() => this.list(), emit);
  }

  get(name: string): AppRuntime | undefined {
    return this.runtimes.get(name);
  }

  /** The application's runtime, made idle when it has none yet. */
  of(name: string): AppRuntime {
    const runtime = this.runtimes.get(name) ?? idleRuntime();
    this.runtimes.set(name, runtime);
    return runtime;
  }

  /** Something the engine learned of a loaded application, announced to every client. */
  change(name: string, change: Partial<AppRuntime>): void {
    const runtime = this.runtimes.get(name);
    if (!runtime) return;
    Object.assign(runtime, change);
    this.announce();
  }

  /** One problem of this condition type on the application (null: none), announced when it changes. */
  showProblem(name: string, type: string, message: string | null): void {
    const conditions = this.runtimes.get(name)?.conditions ?? [];
    if ((conditions.find((c) => c.type === type)?.message ?? null) === message) return;
    this.change(name, { conditions: withProblem(conditions, type, message) });
  }

  forget(name: string): void {
    this.runtimes.delete(name);
  }

  summary(loaded: LoadedApplication): AppSummary {
    return summarize(loaded, this.runtimes.get(loaded.name) ?? idleRuntime());
  }

  list(): AppSummary[] {
    return this.loaded().map((app) => this.summary(app));
  }

  announce(): void {
    this.announcer.request();
  }

  close(): void {
    this.announcer.close();
  }
}

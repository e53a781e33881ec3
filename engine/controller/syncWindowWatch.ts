// Keeps every application's sync-window state current: worked out again on every change of the
// workspace and every 30 s (windows open and close by the clock), announced when it changes, and
// what waited (auto-sync, an interrupted operation) given its chance the moment a window opens.
import type { AppSummary } from '../api/contract.ts';
import { appProjectName, type Application } from '../model/index.ts';
import { syncWindowState, windowTargetOf } from '../policy/syncWindows.ts';
import type { Workspace } from '../workspace/index.ts';

const CHECK_EVERY_MS = 30_000;

/** What the project's windows allow the application at `now`; null when none applies. */
export function appSyncWindows(
  app: Application,
  projects: Workspace['projects'],
  now = new Date(),
): AppSummary['syncWindows'] {
  const project = projects.find((p) => p.name === appProjectName(app))?.definition;
  const windows = project?.spec.syncWindows ?? [];
  const state = syncWindowState(windows, windowTargetOf(app), now);
  return state.windows.length > 0 ? state : null;
}

/** Whether the windows let a sync of this kind run now (none apply: yes). */
export function windowsAllow(state: AppSummary['syncWindows'] | undefined, automated: boolean): boolean {
  return !state || state[automated ? 'automated' : 'manual'];
}

export interface SyncWindowWatchDeps {
  workspace(): Workspace | null;
  current(name: string): AppSummary['syncWindows'] | undefined;
  changed(name: string, state: AppSummary['syncWindows']): void;
  /** A window now lets syncs through (automated or manual): what waited may run. */
  opened(name: string): void;
}

export class SyncWindowWatch {
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly deps: SyncWindowWatchDeps) {}

  start(): void {
    this.check();
    this.timer = setInterval(() => this.check(), CHECK_EVERY_MS);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  check(now = new Date()): void {
    const workspace = this.deps.workspace();
    for (const loaded of workspace?.applications ?? []) {
      if (!loaded.definition) continue;
      const before = this.deps.current(loaded.name);
      const after = appSyncWindows(loaded.definition, workspace!.projects, now);
      if (JSON.stringify(before ?? null) === JSON.stringify(after)) continue;
      this.deps.changed(loaded.name, after);
      const opened = (kind: 'automated' | 'manual') => before?.[kind] === false && after?.[kind] !== false;
      if (opened('automated') || opened('manual')) this.deps.opened(loaded.name);
    }
  }
}

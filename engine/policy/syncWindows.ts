// Argo CD's sync windows: when an AppProject lets its applications sync. A window is active from
// each time its cron schedule fires (in its time zone) for its duration. The windows that apply
// to an application are those with a selector (application name, destination namespace, cluster
// name or server; globs) that matches it, or all of its selectors with `andOperator`. With none,
// syncs are allowed; an active deny window blocks (manual syncs too, unless every active deny
// window has `manualSync`); allow windows block outside themselves (manual syncs get through
// when one of them has `manualSync`); deny beats allow.
import { CronExpressionParser } from 'cron-parser';
import { globMatch } from '../diff/glob.ts';
import { parseGoDuration, type SyncWindow } from '../model/index.ts';

export interface WindowTarget {
  name: string;
  namespace: string;
  /** The destination as the application names it. */
  cluster: { name?: string; server?: string };
}

export interface WindowActivity {
  active: boolean;
  /** When it opens (inactive) or closes (active) next, ISO time. */
  changesAt: string;
}

export interface SyncWindowSummary {
  kind: 'allow' | 'deny';
  schedule: string;
  duration: string;
  timeZone: string | null;
  manualSync: boolean;
  active: boolean;
  changesAt: string | null;
  /** Why the window cannot be read; it then blocks as an active deny window would. */
  problem: string | null;
}

export interface SyncWindowState {
  /** Whether auto-sync (and self-heal) may sync now. */
  automated: boolean;
  /** Whether a user's sync may run now. */
  manual: boolean;
  /** Why a sync is blocked; null when nothing blocks. */
  message: string | null;
  /** When the first of the windows opens or closes next. */
  changesAt: string | null;
  windows: SyncWindowSummary[];
}

function knownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

const label = (window: { schedule: string; duration: string }) => `${window.schedule}, ${window.duration}`;

/** Whether the window is active at `now`, and when that changes. Throws when it cannot be read. */
export function windowActivity(window: SyncWindow, now: Date): WindowActivity {
  const fields = window.schedule.trim().split(/\s+/);
  if (fields.length !== 5)
    throw new Error(
      `sync window schedule "${window.schedule}": five fields expected, found ${fields.length}`,
    );
  const durationMs = parseGoDuration(window.duration);
  if (window.timeZone && !knownTimeZone(window.timeZone))
    throw new Error(`sync window time zone "${window.timeZone}" is not a known time zone`);
  let schedule;
  try {
    // prev() excludes its start: one millisecond on, a window starting now counts as started
    schedule = CronExpressionParser.parse(window.schedule, {
      currentDate: new Date(now.getTime() + 1),
      tz: window.timeZone || 'UTC',
    });
  } catch (error) {
    throw new Error(`sync window schedule "${window.schedule}": ${(error as Error).message}`, {
      cause: error,
    });
  }
  const started = schedule.prev().getTime();
  const ends = started + durationMs;
  if (now.getTime() < ends) return { active: true, changesAt: new Date(ends).toISOString() };
  schedule.reset(new Date(now.getTime()));
  return { active: false, changesAt: schedule.next().toDate().toISOString() };
}

function selectorMatches(patterns: readonly string[] | undefined, ...values: Array<string | undefined>) {
  if (!patterns?.length) return null;
  return patterns.some((pattern) =>
    values.some((value) => value !== undefined && value !== '' && globMatch(pattern, value)),
  );
}

/** The windows that apply to the application. */
export function matchingWindows(windows: readonly SyncWindow[], target: WindowTarget): SyncWindow[] {
  return windows.filter((window) => {
    const verdicts = [
      selectorMatches(window.applications, target.name),
      selectorMatches(window.namespaces, target.namespace),
      selectorMatches(window.clusters, target.cluster.name, target.cluster.server),
    ].filter((verdict) => verdict !== null);
    if (verdicts.length === 0) return false;
    return window.andOperator ? verdicts.every(Boolean) : verdicts.some(Boolean);
  });
}

/** The window as written and its state at `now`; one that cannot be read counts as active, with the problem. */
export function summarizeWindow(window: SyncWindow, now: Date): SyncWindowSummary {
  const common = {
    kind: window.kind,
    schedule: window.schedule,
    duration: window.duration,
    timeZone: window.timeZone ?? null,
    manualSync: window.manualSync ?? false,
  };
  try {
    return { ...common, ...windowActivity(window, now), problem: null };
  } catch (error) {
    return { ...common, active: true, changesAt: null, problem: (error as Error).message };
  }
}

/** What the project's windows allow the application now. */
export function syncWindowState(
  windows: readonly SyncWindow[],
  target: WindowTarget,
  now: Date,
): SyncWindowState {
  const summaries = matchingWindows(windows, target).map((window) => summarizeWindow(window, now));
  const changes = summaries.flatMap((window) => (window.changesAt ? [window.changesAt] : [])).sort();
  const state = (automated: boolean, manual: boolean, message: string | null): SyncWindowState => ({
    automated,
    manual,
    message,
    changesAt: changes[0] ?? null,
    windows: summaries,
  });
  const broken = summaries.find((window) => window.problem);
  if (broken) return state(false, false, `${broken.problem}; syncs are blocked until it is fixed`);
  const activeDeny = summaries.filter((window) => window.kind === 'deny' && window.active);
  if (activeDeny.length > 0) {
    const first = activeDeny[0]!;
    return state(
      false,
      activeDeny.every((window) => window.manualSync),
      `a deny sync window (${label(first)}) is active until ${first.changesAt}`,
    );
  }
  const allows = summaries.filter((window) => window.kind === 'allow');
  if (allows.length === 0 || allows.some((window) => window.active)) return state(true, true, null);
  const opens = allows.map((window) => window.changesAt!).sort()[0];
  return state(
    false,
    allows.some((window) => window.manualSync),
    `no allow sync window is active; the next opens at ${opens}`,
  );
}

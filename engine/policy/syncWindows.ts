// Argo CD's sync windows: when an AppProject lets its applications sync. The windows that apply
// to an application are those with a selector (application name, destination namespace,
// cluster name or server; globs) that matches it, or all of its selectors with `andOperator`.
//
// A window is active while one of its cron schedule's start times (robfig's parser, see
// cron.ts) lies strictly between `duration` ago and now: at the exact second it starts it is not
// active yet, at the exact second it ends it no longer is. A schedule that selects no time in
// the next five years is always active, as in Argo CD. An unknown `timeZone` is read as UTC, as
// Argo CD does. One deliberate difference: the schedule runs in the time zone's real local time,
// where Argo CD shifts it by the zone's offset of today, so near a daylight-saving change
// Plumbline's window opens at the written local time and Argo CD's an hour off.
//
// With no window, syncs are allowed. An active deny window blocks (a manual sync passes when
// every active deny window has `manualSync`); otherwise an active allow window allows; otherwise
// allow windows block (a manual sync passes when every one of them has `manualSync`, Argo CD
// 2.2+). A window that cannot be read blocks everything. A running operation may go on past a
// window change only where Argo CD's `syncOverrun` lets it: every active deny window has it, or
// every allow window has it, and the operation was allowed when it started.
import { parseGoDuration, type Application, type SyncWindow } from '../model/index.ts';
import { nextWallClock, parseCron, type CronSchedule } from './cron.ts';
import { policyGlobMatch } from './glob.ts';

export interface WindowTarget {
  name: string;
  namespace: string;
  /** The destination as the application names it. */
  cluster: { name?: string | undefined; server?: string | undefined };
}

export interface WindowActivity {
  active: boolean;
  /** When it opens (inactive) or closes (active) next, ISO time; null when it never changes. */
  changesAt: string | null;
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

/** The application as sync windows select it. */
export function windowTargetOf(app: Application): WindowTarget {
  const { destination } = app.spec;
  return {
    name: app.metadata.name,
    namespace: destination.namespace ?? '',
    cluster: { name: destination.name, server: destination.server },
  };
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function knownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock time in `zone` at an instant, carried in a Date's UTC fields. */
function wallClockOf(instant: number, zone: string): Date {
  if (zone === 'UTC') return new Date(instant);
  let format = formatters.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, format);
  }
  const part = Object.fromEntries(format.formatToParts(new Date(instant)).map((p) => [p.type, p.value]));
  const wall = Date.UTC(+part.year!, +part.month! - 1, +part.day!, +part.hour!, +part.minute!, +part.second!);
  return new Date(wall + (instant % 1000));
}

/** The instant a wall-clock time in `zone` stands for (the later one when a change repeats it). */
function instantOf(wall: Date, zone: string): number {
  const offsetAt = (instant: number) => wallClockOf(instant, zone).getTime() - instant;
  const guess = wall.getTime() - offsetAt(wall.getTime());
  return wall.getTime() - offsetAt(guess);
}

const MINUTE = 60_000;

interface ReadWindow {
  schedule: CronSchedule;
  durationMs: number;
  zone: string;
  /** Argo CD's shift when both a `CRON_TZ=` prefix and a `timeZone` are given. */
  shiftMs: number;
}

/** The first start at or after the second after `after` (robfig's Next), or null for none in five years. */
function nextStart(window: ReadWindow, after: number): number | null {
  let from = (Math.floor(after / 1000) + 1) * 1000;
  for (let attempt = 0; attempt < 4; attempt++) {
    const wall = wallClockOf(from + window.shiftMs, window.zone);
    const wholeMinute = new Date(Math.ceil(wall.getTime() / MINUTE) * MINUTE);
    const found = nextWallClock(window.schedule, wholeMinute);
    if (!found) return null;
    const start = instantOf(found, window.zone) - window.shiftMs;
    if (start >= from) return start;
    // a wall-clock time a daylight-saving change repeats: look after it
    from = start + MINUTE;
  }
  return null;
}

function readWindow(window: SyncWindow, now: Date): ReadWindow {
  let schedule: CronSchedule;
  try {
    schedule = parseCron(window.schedule);
  } catch (error) {
    throw new Error(`cannot parse schedule '${window.schedule}': ${(error as Error).message}`, {
      cause: error,
    });
  }
  let durationMs: number;
  try {
    durationMs = goDurationMs(window.duration);
  } catch (error) {
    throw new Error(`cannot parse duration '${window.duration}': ${(error as Error).message}`, {
      cause: error,
    });
  }
  const timeZone = window.timeZone && knownTimeZone(window.timeZone) ? window.timeZone : 'UTC';
  if (!schedule.zone) return { schedule, durationMs, zone: timeZone, shiftMs: 0 };
  const shiftMs = wallClockOf(now.getTime(), timeZone).getTime() - now.getTime();
  return { schedule, durationMs, zone: schedule.zone, shiftMs: Math.round(shiftMs / 1000) * 1000 };
}

/** Go's time.ParseDuration limit: durations are int64 nanoseconds. */
const MAX_DURATION_MS = 9_223_372_036_854.775;

function goDurationMs(text: string): number {
  const ms = parseGoDuration(text);
  if (Math.abs(ms) > MAX_DURATION_MS)
    throw new Error(`invalid duration "${text}": out of range (about 292 years)`);
  return ms;
}

/**
 * Most starts a window's end is searched through: starts that keep overlapping (`* * * * *`
 * for an hour) never let it end, and it is then reported as active with no end.
 */
const END_SEARCH_LIMIT = 500;

/** Whether the window is active at `now`, and when that changes. Throws when it cannot be read. */
export function windowActivity(window: SyncWindow, now: Date): WindowActivity {
  const read = readWindow(window, now);
  const at = now.getTime();
  const start = nextStart(read, at - read.durationMs);
  // no start in five years: robfig's zero time lies before now, so Argo CD counts it active
  if (start === null) return { active: true, changesAt: null };
  if (start >= at)
    return { active: false, changesAt: read.durationMs > 0 ? new Date(start).toISOString() : null };
  let end = start + read.durationMs;
  let next = nextStart(read, start);
  for (let i = 0; next !== null && next < end; i++) {
    if (i === END_SEARCH_LIMIT) return { active: true, changesAt: null };
    end = next + read.durationMs;
    next = nextStart(read, next);
  }
  return { active: true, changesAt: new Date(end).toISOString() };
}

/** Argo CD's selector match: a glob, `*` matching even an empty value. */
function selectorMatches(pattern: string, value: string): boolean {
  return pattern === '*' || policyGlobMatch(pattern, value);
}

/** The windows that apply to the application, in Argo CD's order of checks. */
export function matchingWindows(windows: readonly SyncWindow[], target: WindowTarget): SyncWindow[] {
  const { name, namespace, cluster } = target;
  return windows.filter((window) => {
    const checks: Array<boolean | null> = [
      window.applications?.length ? window.applications.some((p) => selectorMatches(p, name)) : null,
      window.clusters?.length
        ? window.clusters.some(
            (p) =>
              (!!cluster.name && selectorMatches(p, cluster.name)) ||
              (!!cluster.server && selectorMatches(p, cluster.server)),
          )
        : null,
      // the destination namespace is matched even when empty (`*` takes it)
      window.namespaces?.length ? window.namespaces.some((p) => selectorMatches(p, namespace)) : null,
    ];
    const set = checks.filter((check) => check !== null);
    if (set.length === 0) return false;
    return window.andOperator ? set.every(Boolean) : set.some(Boolean);
  });
}

/** The window as written and its state at `now`; one that cannot be read counts as active, with the problem. */
export function summarizeWindow(window: SyncWindow, now: Date): SyncWindowSummary {
  const unknownZone = window.timeZone && !knownTimeZone(window.timeZone);
  const common = {
    kind: window.kind,
    schedule: window.schedule,
    duration: window.duration,
    timeZone: unknownZone
      ? `UTC ("${window.timeZone}" is not a known time zone; Argo CD reads it as UTC too)`
      : (window.timeZone ?? null),
    manualSync: window.manualSync ?? false,
  };
  try {
    return { ...common, ...windowActivity(window, now), problem: null };
  } catch (error) {
    return { ...common, active: true, changesAt: null, problem: (error as Error).message };
  }
}

const label = (window: { schedule: string; duration: string }) => `${window.schedule}, ${window.duration}`;

interface Verdicts {
  automated: boolean;
  manual: boolean;
  message: string | null;
}

/** Argo CD's CanSync for both kinds of sync, from the windows' state at one time. */
function verdictsOf(summaries: readonly SyncWindowSummary[]): Verdicts {
  const broken = summaries.find((window) => window.problem);
  if (broken)
    return {
      automated: false,
      manual: false,
      message: `invalid sync window: ${broken.problem}; syncs are blocked until it is fixed`,
    };
  const activeDeny = summaries.filter((window) => window.kind === 'deny' && window.active);
  if (activeDeny.length > 0) {
    const first = activeDeny[0]!;
    const until = first.changesAt ? ` until ${first.changesAt}` : '';
    return {
      automated: false,
      manual: activeDeny.every((window) => window.manualSync),
      message: `a deny sync window (${label(first)}) is active${until}`,
    };
  }
  const allows = summaries.filter((window) => window.kind === 'allow');
  if (allows.length === 0 || allows.some((window) => window.active))
    return { automated: true, manual: true, message: null };
  const opens = allows.flatMap((window) => (window.changesAt ? [window.changesAt] : [])).sort()[0];
  return {
    automated: false,
    manual: allows.every((window) => window.manualSync),
    message: `no allow sync window is active${opens ? `; the next opens at ${opens}` : ''}`,
  };
}

/** What the project's windows allow the application now. */
export function syncWindowState(
  windows: readonly SyncWindow[],
  target: WindowTarget,
  now: Date,
): SyncWindowState {
  const summaries = matchingWindows(windows, target).map((window) => summarizeWindow(window, now));
  const changes = summaries.flatMap((window) => (window.changesAt ? [window.changesAt] : [])).sort();
  return { ...verdictsOf(summaries), changesAt: changes[0] ?? null, windows: summaries };
}

/**
 * Whether an operation that started at `startedAt` may go on at `now` (Argo CD's CanSync with
 * the operation's start time): when the windows allow it now, or when they did at its start and
 * the windows that now block all have `syncOverrun` — every active deny window, or, when it is
 * the allow windows that closed, every allow window. Null: it may; else why it may not.
 */
export function operationMayContinue(
  windows: readonly SyncWindow[],
  target: WindowTarget,
  manual: boolean,
  startedAt: Date,
  now: Date,
): string | null {
  const matching = matchingWindows(windows, target);
  if (matching.length === 0) return null;
  const summaries = matching.map((window) => summarizeWindow(window, now));
  const verdicts = verdictsOf(summaries);
  if (verdicts[manual ? 'manual' : 'automated']) return null;
  if (summaries.some((window) => window.problem)) return verdicts.message;
  const activeDeny = matching.filter((_, i) => summaries[i]!.kind === 'deny' && summaries[i]!.active);
  const blocking = activeDeny.length > 0 ? activeDeny : matching.filter((window) => window.kind === 'allow');
  const overrun = blocking.every((window) => window.syncOverrun);
  const startVerdicts = verdictsOf(matching.map((window) => summarizeWindow(window, startedAt)));
  if (overrun && startVerdicts[manual ? 'manual' : 'automated']) return null;
  return `Sync operation blocked by sync window: ${verdicts.message}${
    overrun
      ? ''
      : activeDeny.length > 0
        ? ' (the deny window does not allow syncOverrun)'
        : ' (not every allow window allows syncOverrun)'
  }`;
}

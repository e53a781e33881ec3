// Argo CD's sync windows, case by case: its own SyncWindows tests (Active, InactiveAllows,
// SyncWindow.Active, Matches, CanSync, SyncOverrun, Validate) restated as facts on fixed dates,
// plus the exact-second rule, time zones and what the engine shows.
import { describe, expect, it } from 'vitest';
import type { SyncWindow } from '../../../engine/model/index.ts';
import {
  matchingWindows,
  operationMayContinue,
  syncWindowState,
  windowActivity,
  type WindowTarget,
} from '../../../engine/policy/syncWindows.ts';

const at = (iso: string) => new Date(iso);
const target: WindowTarget = {
  name: 'shop',
  namespace: 'prod',
  cluster: { name: 'eu-1', server: 'https://eu-1:6443' },
};
const window = (
  kind: 'allow' | 'deny',
  schedule: string,
  duration: string,
  extra: Partial<SyncWindow> = {},
) => ({ kind, schedule, duration, applications: ['*'], ...extra }) as SyncWindow;
const nightly = window('deny', '0 22 * * *', '8h');
const activeIndexes = (windows: SyncWindow[], now: Date) =>
  windows.flatMap((w, i) => (windowActivity(w, now).active ? [i] : []));

/** A day in winter (New York at UTC-5) and one in summer (UTC-4). */
const winter = (hour: number) => at(`2026-01-14T${String(hour).padStart(2, '0')}:00:00Z`);
const summer = (hour: number) => at(`2026-07-15T${String(hour).padStart(2, '0')}:00:00Z`);

describe('window activity: Argo CD’s SyncWindows.Active and InactiveAllows cases', () => {
  const tenAndTwo = [window('allow', '* 10 * * *', '2h'), window('allow', '* 14 * * *', '2h')];
  it.each([
    ['MatchFirst', tenAndTwo, winter(11), [0]],
    ['MatchSecond', tenAndTwo, winter(15), [1]],
    [
      'MatchBoth',
      [window('allow', '* 10 * * *', '3h'), window('allow', '* 11 * * *', '3h')],
      winter(12),
      [0, 1],
    ],
    ['MatchNone', tenAndTwo, winter(17), []],
    // Argo CD's "NonUTC" cases give the same instant in another zone: the instant decides
    ['MatchFirst-NonUTC (7:00 at UTC-4 is 11:00 UTC)', tenAndTwo, at('2026-01-14T07:00:00-04:00'), [0]],
    ['MatchSecond-NonUTC', tenAndTwo, at('2026-01-14T11:00:00-04:00'), [1]],
    ['MatchNone-NonUTC', tenAndTwo, at('2026-01-14T13:00:00-04:00'), []],
    [
      'MatchFirst-PositiveTimeZoneSpecified',
      [
        window('allow', '* 8 * * *', '2h', { timeZone: 'Asia/Dhaka' }),
        window('allow', '* 12 * * *', '2h', { timeZone: 'Asia/Dhaka' }),
      ],
      winter(3),
      [0],
    ],
    // InactiveAllows, read the other way round
    [
      'InactiveAllows MatchFirst',
      [window('allow', '* 10 * * *', '2h'), window('allow', '* 5 * * *', '2h')],
      winter(6),
      [1],
    ],
    [
      'InactiveAllows MatchNone',
      [window('allow', '* 10 * * *', '4h'), window('allow', '* 11 * * *', '4h')],
      winter(12),
      [0, 1],
    ],
    ['InactiveAllows MatchBoth', tenAndTwo, winter(17), []],
  ])('%s', (_name, windows, now, active) => {
    expect(activeIndexes(windows as SyncWindow[], now as Date)).toEqual(active);
  });

  it.each([
    ['winter', winter],
    ['summer', summer],
  ])('reads America/New_York in local time (%s)', (_season, day) => {
    const ny = (schedule: string) => window('allow', schedule, '2h', { timeZone: 'America/New_York' });
    const windows = [ny('* 10 * * *'), ny('* 14 * * *')];
    // 16:00 UTC is 11:00 (winter) or 12:00 (summer) in New York: inside 10:00–12:59
    expect(activeIndexes(windows, day(16))).toEqual([0]);
    // 20:00 UTC is 15:00 or 16:00: inside 14:00–16:59
    expect(activeIndexes(windows, day(20))).toEqual([1]);
    expect(activeIndexes(windows, day(23))).toEqual([]);
  });

  it.each([
    ['Allow-active', 'allow', winter(11), true],
    ['Allow-inactive', 'allow', winter(13), false],
    ['Deny-active', 'deny', winter(11), true],
    ['Deny-inactive', 'deny', winter(13), false],
  ])('SyncWindow.Active %s', (_name, kind, now, active) => {
    expect(windowActivity(window(kind as 'allow', '* 10 * * *', '2h'), now as Date).active).toBe(active);
  });

  it('refuses a weekday of 7 and a duration Go cannot read, as Argo CD does', () => {
    expect(() => windowActivity(window('allow', '* 10 * * 7', '2h'), winter(11))).toThrow(
      "cannot parse schedule '* 10 * * 7': end of range (7) above maximum (6): 7",
    );
    expect(() => windowActivity(window('deny', '* 10 * * *', '2a'), winter(11))).toThrow(
      /cannot parse duration '2a'/,
    );
    expect(() => windowActivity(window('allow', '* * *', '1h'), winter(11))).toThrow(
      /expected exactly 5 fields/,
    );
    expect(() => windowActivity(window('allow', '* * * * *', '1000days'), winter(11))).toThrow(
      /cannot parse duration/,
    );
  });
});

describe('window activity: the exact second, as Argo CD computes it', () => {
  it('is not active at the second it starts, nor at the second it ends', () => {
    expect(windowActivity(nightly, at('2026-11-26T21:59:59Z'))).toEqual({
      active: false,
      changesAt: '2026-11-26T22:00:00.000Z',
    });
    expect(windowActivity(nightly, at('2026-11-26T22:00:00Z'))).toEqual({
      active: false,
      changesAt: '2026-11-26T22:00:00.000Z',
    });
    expect(windowActivity(nightly, at('2026-11-26T22:00:00.001Z')).active).toBe(true);
    expect(windowActivity(nightly, at('2026-11-26T22:00:01Z'))).toEqual({
      active: true,
      changesAt: '2026-11-27T06:00:00.000Z',
    });
    expect(windowActivity(nightly, at('2026-11-27T05:59:59.999Z')).active).toBe(true);
    expect(windowActivity(nightly, at('2026-11-27T06:00:00Z')).active).toBe(false);
  });

  it('closes a window whose starts overlap only after the last of them has run its duration', () => {
    // every minute of 10:xx, for 2 h each: open until 12:59
    const tenOClock = window('allow', '* 10 * * *', '2h');
    expect(windowActivity(tenOClock, at('2026-11-26T10:30:00Z'))).toEqual({
      active: true,
      changesAt: '2026-11-26T12:59:00.000Z',
    });
    expect(windowActivity(tenOClock, at('2026-11-26T12:58:59Z')).active).toBe(true);
    expect(windowActivity(tenOClock, at('2026-11-26T12:59:00Z')).active).toBe(false);
  });

  it('flickers off at each minute for a one-minute window every minute, as Argo CD’s does', () => {
    const everyMinute = window('deny', '* * * * *', '1m');
    expect(windowActivity(everyMinute, at('2026-11-26T10:30:00Z')).active).toBe(false);
    expect(windowActivity(everyMinute, at('2026-11-26T10:30:30Z')).active).toBe(true);
  });

  it('is always active, never changing, when the schedule selects no time in five years', () => {
    expect(windowActivity(window('deny', '0 0 30 2 *', '1h'), winter(11))).toEqual({
      active: true,
      changesAt: null,
    });
  });

  it('is never active with a zero or negative duration', () => {
    expect(windowActivity(window('deny', '* * * * *', '0s'), at('2026-11-26T10:30:30Z'))).toEqual({
      active: false,
      changesAt: null,
    });
    expect(windowActivity(window('deny', '* * * * *', '-1h'), at('2026-11-26T10:30:30Z')).active).toBe(false);
  });

  it('refuses a duration beyond Go’s limit (about 292 years)', () => {
    expect(() => windowActivity(window('deny', '* * * * *', '2562048h'), winter(11))).toThrow(/out of range/);
    expect(windowActivity(window('deny', '0 0 1 1 *', '2562047h'), winter(11)).active).toBe(true);
  });
});

describe('window activity: time zones', () => {
  it('reads the schedule in the window’s time zone', () => {
    const berlin = { ...nightly, timeZone: 'Europe/Berlin' };
    // 22:00 in Berlin is 21:00 UTC in November
    expect(windowActivity(berlin, at('2026-11-26T21:30:00Z')).active).toBe(true);
    expect(windowActivity(nightly, at('2026-11-26T21:30:00Z')).active).toBe(false);
    expect(windowActivity({ ...nightly, timeZone: 'UTC' }, at('2026-11-26T22:30:00Z')).active).toBe(true);
  });

  it('reads an unknown time zone as UTC, as Argo CD does', () => {
    const mars = { ...nightly, timeZone: 'Mars/Olympus' };
    expect(windowActivity(mars, at('2026-11-26T22:30:00Z')).active).toBe(true);
    expect(windowActivity(mars, at('2026-11-26T21:30:00Z')).active).toBe(false);
  });

  it('reads a CRON_TZ prefix as the schedule’s zone', () => {
    const prefixed = window('deny', 'CRON_TZ=Europe/Berlin 0 22 * * *', '8h');
    expect(windowActivity(prefixed, at('2026-11-26T21:30:00Z')).active).toBe(true);
  });

  // the deliberate difference from Argo CD (README): real local time across a DST change
  it('opens at the written local time on both sides of a daylight-saving change', () => {
    const nine = window('allow', '0 9 * * *', '1h', { timeZone: 'Europe/Berlin' });
    // 2026-03-29: Berlin moves from UTC+1 to UTC+2
    expect(windowActivity(nine, at('2026-03-28T08:30:00Z')).active).toBe(true);
    expect(windowActivity(nine, at('2026-03-30T07:30:00Z')).active).toBe(true);
    expect(windowActivity(nine, at('2026-03-30T08:30:00Z')).active).toBe(false);
  });

  it('counts days of the week from 0 (Sunday)', () => {
    const weekend = window('deny', '0 0 * * 6', '48h');
    expect(windowActivity(weekend, at('2026-11-28T12:00:00Z')).active).toBe(true); // Saturday
    expect(windowActivity(weekend, at('2026-11-30T00:00:01Z')).active).toBe(false); // Monday
  });
});

describe('matchingWindows: Argo CD’s Matches cases', () => {
  const app = (name: string, namespace: string, cluster: WindowTarget['cluster']): WindowTarget => ({
    name,
    namespace,
    cluster,
  });
  const base = { kind: 'deny' as const, schedule: '* * * * *', duration: '1h' };

  it('takes a window when any of its selectors matches, by glob', () => {
    const windows: SyncWindow[] = [
      { ...base, applications: ['shop*'] },
      { ...base, namespaces: ['prod'] },
      { ...base, clusters: ['eu-*'] },
      { ...base, clusters: ['https://eu-1:6443'] },
      { ...base, applications: ['other'], namespaces: ['dev'] },
      { ...base },
    ];
    expect(matchingWindows(windows, target).map((w) => windows.indexOf(w))).toEqual([0, 1, 2, 3]);
  });

  it('with andOperator takes it only when every selector it has matches', () => {
    const both = { ...base, applications: ['shop'], namespaces: ['dev'], andOperator: true };
    expect(matchingWindows([both], target)).toEqual([]);
    expect(matchingWindows([{ ...both, namespaces: ['prod'] }], target)).toHaveLength(1);
    const three = {
      ...base,
      applications: ['shop'],
      clusters: ['eu-1'],
      namespaces: ['prod'],
      andOperator: true,
    };
    expect(matchingWindows([three], target)).toHaveLength(1);
    expect(matchingWindows([{ ...three, clusters: ['us-*'] }], target)).toEqual([]);
  });

  it('matches an empty destination namespace with *, but never an empty cluster name', () => {
    expect(matchingWindows([{ ...base, namespaces: ['*'] }], app('a', '', { name: 'x' }))).toHaveLength(1);
    expect(matchingWindows([{ ...base, clusters: ['*'] }], app('a', 'ns', {}))).toEqual([]);
  });

  it('reads ! in a selector as a plain character (no negation there)', () => {
    expect(matchingWindows([{ ...base, applications: ['!shop'] }], target)).toEqual([]);
  });
});

describe('syncWindowState: Argo CD’s CanSync cases', () => {
  const noon = winter(12);
  const activeAllow = (extra: Partial<SyncWindow> = {}) => window('allow', '* 11 * * *', '2h', extra);
  const inactiveAllow = (extra: Partial<SyncWindow> = {}) => window('allow', '0 0 1 1 1', '1h', extra);
  const activeDeny = (extra: Partial<SyncWindow> = {}) => window('deny', '* 11 * * *', '2h', extra);
  const inactiveDeny = (extra: Partial<SyncWindow> = {}) => window('deny', '0 0 1 1 1', '1h', extra);
  const can = (windows: SyncWindow[]) => {
    const state = syncWindowState(windows, target, noon);
    return { manual: state.manual, automated: state.automated };
  };

  it.each([
    ['no window', [], true, true],
    ['inactive deny with manualSync', [inactiveDeny({ manualSync: true })], true, true],
    ['inactive deny without manualSync', [inactiveDeny()], true, true],
    [
      'two inactive allows, one without manualSync',
      [inactiveAllow({ manualSync: true }), inactiveAllow()],
      false,
      false,
    ],
    [
      'two inactive allows, both with manualSync',
      [inactiveAllow({ manualSync: true }), inactiveAllow({ manualSync: true })],
      true,
      false,
    ],
    ['active allow with manualSync', [activeAllow({ manualSync: true })], true, true],
    ['active allow without manualSync', [activeAllow()], true, true],
    ['active allow and inactive deny', [activeAllow(), inactiveDeny()], true, true],
    ['inactive allow', [inactiveAllow()], false, false],
    ['inactive allow with manualSync', [inactiveAllow({ manualSync: true })], true, false],
    ['inactive allow and inactive deny', [inactiveAllow(), inactiveDeny()], false, false],
    ['active allow and inactive allow', [activeAllow(), inactiveAllow()], true, true],
    ['active deny', [activeDeny()], false, false],
    ['active deny with manualSync', [activeDeny({ manualSync: true })], true, false],
    [
      'two active denies, one without manualSync',
      [activeDeny({ manualSync: true }), activeDeny()],
      false,
      false,
    ],
    ['active deny and active allow, without manualSync', [activeDeny(), activeAllow()], false, false],
    [
      'active deny with manualSync and active allow',
      [activeDeny({ manualSync: true }), activeAllow()],
      true,
      false,
    ],
    ['an invalid window', [activeAllow(), window('allow', 'invalid-cron-schedule', '1h')], false, false],
    ['an invalid duration', [activeAllow(), window('allow', '0 0 1 1 1', 'invalid-duration')], false, false],
  ])('%s: manual %s, automated %s', (_name, windows, manual, automated) => {
    expect(can(windows as SyncWindow[])).toEqual({ manual, automated });
  });

  it('says why a sync is blocked and when the windows change', () => {
    const night = at('2026-11-26T23:00:00Z');
    expect(syncWindowState([nightly], target, night).message).toBe(
      'a deny sync window (0 22 * * *, 8h) is active until 2026-11-27T06:00:00.000Z',
    );
    const allowDay = window('allow', '0 9 * * *', '8h');
    expect(syncWindowState([allowDay], target, night).message).toBe(
      'no allow sync window is active; the next opens at 2026-11-27T09:00:00.000Z',
    );
    const state = syncWindowState([allowDay, nightly], target, at('2026-11-26T12:00:00Z'));
    expect(state.changesAt).toBe('2026-11-26T17:00:00.000Z');
    expect(state.windows.map((w) => [w.kind, w.active])).toEqual([
      ['allow', true],
      ['deny', false],
    ]);
  });

  it('blocks everything while a window cannot be read, naming Argo CD’s reason', () => {
    const state = syncWindowState([window('allow', 'every day', '1h')], target, noon);
    expect(state).toMatchObject({ automated: false, manual: false });
    expect(state.message).toMatch(/^invalid sync window: cannot parse schedule 'every day'/);
    expect(state.windows[0]!.problem).toMatch(/expected exactly 5 fields/);
  });

  it('shows an unknown time zone as UTC, saying so, without blocking', () => {
    const state = syncWindowState([inactiveDeny({ timeZone: 'Mars/Olympus' })], target, noon);
    expect(state).toMatchObject({ automated: true, manual: true });
    expect(state.windows[0]!.timeZone).toMatch(/^UTC \("Mars\/Olympus" is not a known time zone/);
  });
});

describe('operationMayContinue: Argo CD’s SyncOverrun cases', () => {
  const now = at('2026-11-26T12:00:30Z');
  const minutesAgo = (minutes: number) => new Date(now.getTime() - minutes * 60_000);
  /** A daily window starting at this minute `hoursAgo` hours before now. */
  const startingAgo = (
    kind: 'allow' | 'deny',
    hoursAgo: number,
    duration: string,
    extra: Partial<SyncWindow> = {},
  ) => window(kind, `0 ${12 - hoursAgo} * * *`, duration, extra);
  const go = (windows: SyncWindow[], startedAt: Date, manual = false) =>
    operationMayContinue(windows, target, manual, startedAt, now);

  it('stops a sync that a deny window without syncOverrun closed on', () => {
    expect(go([window('deny', '* * * * *', '1h')], minutesAgo(5))).toMatch(
      /^Sync operation blocked by sync window: a deny sync window .* \(the deny window does not allow syncOverrun\)$/,
    );
  });

  it('stops a sync that started inside the deny window even with syncOverrun', () => {
    expect(go([window('deny', '* * * * *', '1h', { syncOverrun: true })], minutesAgo(5))).not.toBeNull();
  });

  it('lets a sync that started before a deny window with syncOverrun go on', () => {
    expect(go([startingAgo('deny', 0, '15m', { syncOverrun: true })], minutesAgo(25))).toBeNull();
  });

  it('needs syncOverrun on every active deny window, and ignores allow windows for it', () => {
    const denies = [startingAgo('deny', 0, '15m', { syncOverrun: true }), startingAgo('deny', 0, '15m')];
    expect(go(denies, minutesAgo(25))).not.toBeNull();
    const withAllow = [startingAgo('deny', 0, '15m', { syncOverrun: true }), startingAgo('allow', 1, '2h')];
    expect(go(withAllow, minutesAgo(25))).toBeNull();
  });

  it('stops a sync that inactive allow windows blocked when it started', () => {
    const windows = [startingAgo('allow', 3, '30m'), startingAgo('deny', 0, '1h', { syncOverrun: true })];
    expect(go(windows, minutesAgo(60))).not.toBeNull();
  });

  it('lets a sync started inside an allow window with syncOverrun run past its end', () => {
    expect(go([startingAgo('allow', 1, '30m', { syncOverrun: true })], minutesAgo(45))).toBeNull();
    expect(go([startingAgo('allow', 1, '30m')], minutesAgo(45))).toMatch(
      /\(not every allow window allows syncOverrun\)$/,
    );
  });

  it('needs syncOverrun on every allow window when they have all closed', () => {
    const windows = [startingAgo('allow', 1, '30m', { syncOverrun: true }), startingAgo('allow', 5, '30m')];
    expect(go(windows, minutesAgo(45))).not.toBeNull();
  });

  it('judges a closing allow window turning into a deny window by the deny window’s syncOverrun', () => {
    const allowOverrun = startingAgo('allow', 1, '30m', { syncOverrun: true });
    const allowPlain = startingAgo('allow', 1, '30m');
    const denyOverrun = startingAgo('deny', 0, '1h', { syncOverrun: true });
    const denyPlain = startingAgo('deny', 0, '1h');
    expect(go([allowOverrun, denyPlain], minutesAgo(45))).not.toBeNull();
    expect(go([allowPlain, denyOverrun], minutesAgo(45))).toBeNull();
    expect(go([allowOverrun, denyOverrun], minutesAgo(45))).toBeNull();
  });

  it('lets a manual sync go on where manualSync lets manual syncs through now', () => {
    expect(go([window('deny', '* * * * *', '1h', { manualSync: true })], minutesAgo(5), true)).toBeNull();
  });

  it('does not hold up a sync no window applies to', () => {
    expect(go([{ ...window('deny', '* * * * *', '1h'), applications: ['other'] }], minutesAgo(5))).toBeNull();
  });
});

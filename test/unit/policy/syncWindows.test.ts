// Argo CD's sync windows, rule by rule: when a window is active (cron schedule, duration, time
// zone), which windows apply to an application (any selector, or all with andOperator), and
// whether a manual or automated sync may run (deny beats allow, allow windows close the rest of
// the time, manualSync lets manual syncs through).
import { describe, expect, it } from 'vitest';
import type { SyncWindow } from '../../../engine/model/index.ts';
import {
  matchingWindows,
  syncWindowState,
  windowActivity,
  type WindowTarget,
} from '../../../engine/policy/syncWindows.ts';

const at = (iso: string) => new Date(iso);
const nightly: SyncWindow = { kind: 'deny', schedule: '0 22 * * *', duration: '8h', applications: ['*'] };
const target: WindowTarget = {
  name: 'shop',
  namespace: 'prod',
  cluster: { name: 'eu-1', server: 'https://eu-1:6443' },
};

describe('windowActivity', () => {
  it('is active from a scheduled time for its duration', () => {
    expect(windowActivity(nightly, at('2026-11-26T21:59:00Z'))).toMatchObject({
      active: false,
      changesAt: '2026-11-26T22:00:00.000Z',
    });
    expect(windowActivity(nightly, at('2026-11-26T22:00:00Z'))).toMatchObject({
      active: true,
      changesAt: '2026-11-27T06:00:00.000Z',
    });
    expect(windowActivity(nightly, at('2026-11-27T05:59:59Z')).active).toBe(true);
    expect(windowActivity(nightly, at('2026-11-27T06:00:00Z')).active).toBe(false);
  });

  it('reads the schedule in the window’s time zone', () => {
    const berlin = { ...nightly, timeZone: 'Europe/Berlin' };
    // 22:00 in Berlin is 21:00 UTC in November
    expect(windowActivity(berlin, at('2026-11-26T21:30:00Z')).active).toBe(true);
    expect(windowActivity(nightly, at('2026-11-26T21:30:00Z')).active).toBe(false);
    expect(windowActivity({ ...nightly, timeZone: 'UTC' }, at('2026-11-26T22:30:00Z')).active).toBe(true);
  });

  it('counts days of the week from 0 (Sunday)', () => {
    const weekend = { ...nightly, schedule: '0 0 * * 6', duration: '48h' };
    expect(windowActivity(weekend, at('2026-11-28T12:00:00Z')).active).toBe(true); // Saturday
    expect(windowActivity(weekend, at('2026-11-30T00:00:01Z')).active).toBe(false); // Monday
  });

  it('refuses a schedule that is not five cron fields, saying why', () => {
    expect(() =>
      windowActivity({ ...nightly, schedule: '0 0 22 * * *' }, at('2026-11-26T00:00:00Z')),
    ).toThrow(/sync window schedule "0 0 22 \* \* \*": five fields expected/);
    expect(() => windowActivity({ ...nightly, schedule: '61 * * * *' }, at('2026-11-26T00:00:00Z'))).toThrow(
      /sync window schedule "61 \* \* \* \*"/,
    );
    expect(() =>
      windowActivity({ ...nightly, timeZone: 'Mars/Olympus' }, at('2026-11-26T00:00:00Z')),
    ).toThrow(/time zone/);
  });
});

describe('matchingWindows', () => {
  it('takes a window when any of its selectors matches, by glob', () => {
    const windows: SyncWindow[] = [
      { ...nightly, applications: ['shop*'] },
      { ...nightly, applications: undefined, namespaces: ['prod'] },
      { ...nightly, applications: undefined, clusters: ['eu-*'] },
      { ...nightly, applications: undefined, clusters: ['https://eu-1:6443'] },
      { ...nightly, applications: ['other'], namespaces: ['dev'] },
      { ...nightly, applications: undefined },
    ];
    expect(matchingWindows(windows, target).map((w) => windows.indexOf(w))).toEqual([0, 1, 2, 3]);
  });

  it('with andOperator takes it only when every selector it has matches', () => {
    const both = { ...nightly, applications: ['shop'], namespaces: ['dev'], andOperator: true };
    expect(matchingWindows([both], target)).toEqual([]);
    expect(matchingWindows([{ ...both, namespaces: ['prod'] }], target)).toHaveLength(1);
  });
});

describe('syncWindowState', () => {
  const allowDay: SyncWindow = { kind: 'allow', schedule: '0 9 * * *', duration: '8h', applications: ['*'] };
  const noon = at('2026-11-26T12:00:00Z');
  const night = at('2026-11-26T23:00:00Z');

  it('allows everything where no window applies', () => {
    expect(syncWindowState([], target, noon)).toMatchObject({ automated: true, manual: true, windows: [] });
  });

  it('blocks while a deny window is active, manual syncs too unless it allows them', () => {
    expect(syncWindowState([nightly], target, night)).toMatchObject({
      automated: false,
      manual: false,
      message: 'a deny sync window (0 22 * * *, 8h) is active until 2026-11-27T06:00:00.000Z',
    });
    expect(syncWindowState([{ ...nightly, manualSync: true }], target, night)).toMatchObject({
      automated: false,
      manual: true,
    });
    expect(syncWindowState([nightly], target, noon)).toMatchObject({ automated: true, manual: true });
  });

  it('lets manual syncs through an active deny window only when every active deny window allows them', () => {
    const other = { ...nightly, schedule: '0 23 * * *', duration: '1h' };
    expect(syncWindowState([{ ...nightly, manualSync: true }, other], target, night).manual).toBe(false);
  });

  it('allows only inside an allow window, and manual syncs outside when one allows them', () => {
    expect(syncWindowState([allowDay], target, noon)).toMatchObject({ automated: true, manual: true });
    expect(syncWindowState([allowDay], target, night)).toMatchObject({
      automated: false,
      manual: false,
      message: 'no allow sync window is active; the next opens at 2026-11-27T09:00:00.000Z',
    });
    expect(syncWindowState([{ ...allowDay, manualSync: true }], target, night).manual).toBe(true);
  });

  it('lets an active deny window beat an active allow window', () => {
    const denyNoon = { ...nightly, schedule: '0 12 * * *', duration: '1h' };
    expect(syncWindowState([allowDay, denyNoon], target, noon)).toMatchObject({
      automated: false,
      manual: false,
    });
  });

  it('says when the first window changes, and lists every window that applies', () => {
    const state = syncWindowState([allowDay, nightly], target, noon);
    expect(state.changesAt).toBe('2026-11-26T17:00:00.000Z');
    expect(state.windows.map((w) => [w.kind, w.active])).toEqual([
      ['allow', true],
      ['deny', false],
    ]);
  });

  it('treats a window it cannot read as a deny window that is active, with the reason', () => {
    const broken = { ...allowDay, schedule: 'every day' };
    const state = syncWindowState([broken], target, noon);
    expect(state).toMatchObject({ automated: false, manual: false });
    expect(state.message).toMatch(/sync window schedule "every day"/);
  });
});

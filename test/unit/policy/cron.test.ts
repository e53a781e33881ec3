// Which schedules Argo CD's sync windows accept (robfig/cron with the five standard fields, no
// descriptors), and the times a schedule selects.
import { describe, expect, it } from 'vitest';
import { nextWallClock, parseCron } from '../../../engine/policy/cron.ts';

const next = (spec: string, from: string) =>
  nextWallClock(parseCron(spec), new Date(from))?.toISOString() ?? null;

describe('parseCron: what robfig’s parser accepts', () => {
  it.each([
    '* * * * *',
    '0 22 * * *',
    '*/15 9-17 * * MON-FRI',
    '0 0 1,15 * *',
    '5/20 * * * *',
    '0 0 * JAN-mar sun',
    '? ? ? ? ?',
    '0 0 * * 0-6',
    '+5 * * * *',
    '05 * * * *',
    '0 0 * * 1,',
    'CRON_TZ=Europe/Berlin 0 9 * * *',
    'TZ=UTC 0 9 * * *',
    '0  9\t*  *  *',
    '*/100 * * * *',
  ])('accepts %j', (spec) => {
    expect(() => parseCron(spec)).not.toThrow();
  });

  it.each([
    ['* 10 * * 7', /end of range \(7\) above maximum \(6\)/],
    ['60 * * * *', /above maximum \(59\)/],
    ['0 24 * * *', /above maximum \(23\)/],
    ['0 0 0 * *', /below minimum \(1\)/],
    ['0 0 32 * *', /above maximum \(31\)/],
    ['0 0 * 13 *', /above maximum \(12\)/],
    ['0 0 * * 5-1', /beyond end of range/],
    ['*/0 * * * *', /step of range should be a positive number/],
    ['@daily', /does not accept descriptors/],
    ['@every 1h', /does not accept descriptors/],
    ['* * *', /expected exactly 5 fields, found 3/],
    ['0 0 22 * * *', /expected exactly 5 fields, found 6/],
    ['', /empty spec string/],
    ['0 0 L * *', /failed to parse int from L/],
    ['0 0 * * 1#2', /failed to parse int/],
    ['0 0 * * MONDAY', /failed to parse int from MONDAY/],
    ['1-2-3 * * * *', /too many hyphens/],
    ['1/2/3 * * * *', /too many slashes/],
    ['-1 * * * *', /failed to parse int/],
    ['CRON_TZ=Mars/Olympus 0 9 * * *', /bad location Mars\/Olympus/],
    ['CRON_TZ=UTC', /bad location/],
    ['every day', /expected exactly 5 fields, found 2/],
    ['99999999999999999999 * * * *', /failed to parse int/],
  ])('refuses %j', (spec, reason) => {
    expect(() => parseCron(spec)).toThrow(reason);
  });

  it('reads a TZ prefix as the zone of the schedule', () => {
    expect(parseCron('CRON_TZ=Europe/Berlin 0 9 * * *').zone).toBe('Europe/Berlin');
    expect(parseCron('0 9 * * *').zone).toBeNull();
  });
});

describe('nextWallClock', () => {
  it('finds the first selected minute at or after a whole minute', () => {
    expect(next('0 22 * * *', '2026-11-26T21:59:00Z')).toBe('2026-11-26T22:00:00.000Z');
    expect(next('0 22 * * *', '2026-11-26T22:00:00Z')).toBe('2026-11-26T22:00:00.000Z');
    expect(next('0 22 * * *', '2026-11-26T22:01:00Z')).toBe('2026-11-27T22:00:00.000Z');
    expect(next('*/15 * * * *', '2026-11-26T10:16:00Z')).toBe('2026-11-26T10:30:00.000Z');
    expect(next('5/20 * * * *', '2026-11-26T10:26:00Z')).toBe('2026-11-26T10:45:00.000Z');
  });

  it('matches either day field when both are restricted, both when one is *', () => {
    // 2026-12-01 is a Tuesday: the 15th or a Monday, whichever comes first
    expect(next('0 0 15 * MON', '2026-12-01T00:01:00Z')).toBe('2026-12-07T00:00:00.000Z');
    // the 15th that is also any day of the week
    expect(next('0 0 15 * *', '2026-12-01T00:01:00Z')).toBe('2026-12-15T00:00:00.000Z');
    // a step over the weekdays is a restriction: either field again
    expect(next('0 0 15 * */2', '2026-12-01T00:01:00Z')).toBe('2026-12-03T00:00:00.000Z');
  });

  it('finds a leap day, and nothing for a day that never comes', () => {
    expect(next('0 0 29 2 *', '2026-03-01T00:00:00Z')).toBe('2028-02-29T00:00:00.000Z');
    expect(next('0 0 30 2 *', '2026-03-01T00:00:00Z')).toBeNull();
    expect(next('0 0 * * ,', '2026-03-01T00:00:00Z')).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import type { SyncWindowStatus } from '../../../engine/api/contract.ts';
import { describeSyncWindows, formatWhen } from '../../../renderer/src/views/apps/sync/syncWindowText.ts';

const now = new Date('2026-11-26T12:00:00Z');
const deny = {
  kind: 'deny' as const,
  schedule: '0 22 * * *',
  duration: '8h',
  timeZone: null,
  manualSync: false,
  active: true,
  changesAt: '2026-11-27T06:00:00.000Z',
  problem: null,
};
const state = (change: Partial<SyncWindowStatus>): SyncWindowStatus => ({
  automated: false,
  manual: false,
  message: 'engine words',
  changesAt: '2026-11-27T06:00:00.000Z',
  windows: [deny],
  ...change,
});

describe('formatWhen', () => {
  it('says today, tomorrow, or the day', () => {
    expect(formatWhen('2026-11-26T22:00:00Z', now, 'UTC')).toBe('today 22:00');
    expect(formatWhen('2026-11-27T06:00:00Z', now, 'UTC')).toBe('tomorrow 06:00');
    expect(formatWhen('2026-11-28T09:30:00Z', now, 'UTC')).toBe('Sat 28 Nov 09:30');
    expect(formatWhen('2026-11-27T06:00:00Z', now, 'Asia/Tokyo')).toBe('tomorrow 15:00');
  });
});

describe('describeSyncWindows', () => {
  it('says what blocks and until when', () => {
    expect(describeSyncWindows(state({}), now, 'UTC')).toBe(
      'Syncs are blocked: a deny window (0 22 * * *, 8h) is active until tomorrow 06:00.',
    );
  });

  it('says when only manual syncs may run', () => {
    expect(describeSyncWindows(state({ manual: true }), now, 'UTC')).toBe(
      'Auto-sync waits: a deny window (0 22 * * *, 8h) is active until tomorrow 06:00. Manual syncs are allowed.',
    );
  });

  it('says when no allow window is open, and when syncs are allowed', () => {
    const allow = { ...deny, kind: 'allow' as const, active: false, changesAt: '2026-11-26T22:00:00.000Z' };
    expect(describeSyncWindows(state({ windows: [allow], changesAt: allow.changesAt }), now, 'UTC')).toBe(
      'Syncs are blocked: no allow window is open until today 22:00.',
    );
    expect(
      describeSyncWindows(
        state({ automated: true, manual: true, windows: [{ ...allow, active: true }] }),
        now,
        'UTC',
      ),
    ).toBe('Sync windows allow syncs now; the next change is tomorrow 06:00.');
  });

  it('names a window that cannot be read', () => {
    const broken = { ...deny, problem: 'sync window schedule "every day": five fields expected, found 2' };
    expect(describeSyncWindows(state({ windows: [broken] }), now, 'UTC')).toMatch(
      /^A sync window cannot be read/,
    );
  });
});

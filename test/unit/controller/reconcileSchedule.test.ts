// The reconciliation period: each application is refreshed once per period plus its own jitter,
// a refresh restarts the period, a period of 0 turns it off, and stop cancels everything.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ReconcileSchedule } from '../../../engine/controller/reconcileSchedule.ts';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('reconcile schedule', () => {
  it('refreshes after the period plus the jitter drawn for that application', () => {
    const due: string[] = [];
    const draws = [0.5, 0];
    const schedule = new ReconcileSchedule(
      180_000,
      60_000,
      (name) => due.push(name),
      () => draws.shift() ?? 0,
    );
    schedule.restart('api'); // 180 s + 30 s
    schedule.restart('web'); // 180 s
    vi.advanceTimersByTime(180_000);
    expect(due).toEqual(['web']);
    vi.advanceTimersByTime(30_000);
    expect(due).toEqual(['web', 'api']);
  });

  it('restarts the period on every refresh, so a busy application is not refreshed twice', () => {
    const due: string[] = [];
    const schedule = new ReconcileSchedule(1_000, 0, (name) => due.push(name));
    schedule.restart('api');
    vi.advanceTimersByTime(900);
    schedule.restart('api');
    vi.advanceTimersByTime(900);
    expect(due).toEqual([]);
    vi.advanceTimersByTime(100);
    expect(due).toEqual(['api']);
  });

  it('does nothing with a period of 0, and nothing after stop', () => {
    const due: string[] = [];
    const off = new ReconcileSchedule(0, 0, (name) => due.push(name));
    off.restart('api');
    const stopped = new ReconcileSchedule(1_000, 0, (name) => due.push(name));
    stopped.restart('api');
    stopped.stop();
    stopped.restart('web');
    vi.advanceTimersByTime(10_000);
    expect(due).toEqual([]);
  });
});

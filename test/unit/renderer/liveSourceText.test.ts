import { describe, expect, it } from 'vitest';
import {
  formatObservedAt,
  liveSourceDetail,
  liveSourceLabel,
  offlineActionReason,
  reasonHeadline,
} from '../../../renderer/src/components/liveSourceText.ts';

// Local times, so the expectations hold in any time zone the tests run in.
const now = new Date(2026, 11, 2, 15, 0);
const today = new Date(2026, 11, 2, 9, 5).toISOString();
const lastWeek = new Date(2026, 10, 25, 18, 30).toISOString();
const lastYear = new Date(2025, 10, 25, 18, 30).toISOString();

describe('formatObservedAt', () => {
  it('says only the time for today, the day for this year, the year before that', () => {
    expect(formatObservedAt(today, now, 'en-GB')).toBe('09:05');
    expect(formatObservedAt(lastWeek, now, 'en-GB')).toBe('25 Nov, 18:30');
    expect(formatObservedAt(lastYear, now, 'en-GB')).toBe('25 Nov 2025, 18:30');
  });

  it('gives back what is not a time as it came', () => {
    expect(formatObservedAt('not a time', now)).toBe('not a time');
  });
});

describe('the not-live mark', () => {
  const unreachable = {
    kind: 'snapshot' as const,
    asOf: today,
    reason: 'cluster unreachable: connect ECONNREFUSED 127.0.0.1:6443',
  };

  it('says when and why for a cluster that does not answer', () => {
    expect(liveSourceLabel(unreachable, now, 'en-GB')).toBe('as of 09:05 — cluster unreachable');
    expect(liveSourceDetail(unreachable, 'en-GB')).toMatch(
      /last known live state.*\(observed .*09:05.*\)\. Cluster unreachable: connect ECONNREFUSED 127\.0\.0\.1:6443\.$/,
    );
  });

  it('says "demo snapshot" for the demo, whatever its time', () => {
    const demo = { kind: 'demo' as const, asOf: lastWeek, reason: 'demo snapshot' };
    expect(liveSourceLabel(demo, now)).toBe('demo snapshot');
    expect(liveSourceDetail(demo)).toMatch(
      /^The statuses, tree and diff come from the demo snapshot bundled with Plumbline, not from a live cluster \(observed [^)]+\)\.$/,
    );
  });

  it('keeps an imported snapshot’s reason whole when it has no detail', () => {
    expect(reasonHeadline('imported snapshot prod.json.gz')).toBe('imported snapshot prod.json.gz');
    expect(reasonHeadline('cluster unreachable: timeout')).toBe('cluster unreachable');
    expect(reasonHeadline('cluster context:dev unreachable: connect ECONNREFUSED')).toBe(
      'cluster unreachable',
    );
    expect(reasonHeadline('waiting for cluster registered:prod to answer')).toBe('cluster not answering yet');
    expect(reasonHeadline('')).toBe('not live');
  });

  it('gives the reason sync and rollback wait, and none when live', () => {
    expect(offlineActionReason({})).toBeNull();
    expect(offlineActionReason({ liveSource: unreachable })).toBe(
      'The cluster is not live (cluster unreachable): syncing waits until it answers again',
    );
    expect(
      offlineActionReason({ liveSource: { kind: 'demo', asOf: today, reason: 'demo snapshot' } }),
    ).toMatch(/demo cluster exists only as a snapshot/);
  });
});

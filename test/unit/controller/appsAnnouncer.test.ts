// The applications' change events: only what differs from the last announcement, removals by
// name, nothing when nothing changed, and a burst of requests coalesced into one event.
import { describe, expect, it, vi } from 'vitest';
import type { AppSummary } from '../../../engine/api/contract.ts';
import { AppsAnnouncer, type AppsChanged } from '../../../engine/controller/appsAnnouncer.ts';

const app = (name: string, revision = 'a') => ({ name, revision }) as unknown as AppSummary;

function announcer(initial: AppSummary[]) {
  let list = initial;
  const events: AppsChanged[] = [];
  const announce = new AppsAnnouncer(
    () => list,
    (payload) => events.push(payload),
    10,
  );
  return { announce, events, set: (next: AppSummary[]) => (list = next) };
}

describe('AppsAnnouncer', () => {
  it('announces every application first, then only what changed', () => {
    const { announce, events, set } = announcer([app('api'), app('web')]);
    announce.flush();
    set([app('api'), app('web', 'b')]);
    announce.flush();
    expect(events).toEqual([
      { changed: [app('api'), app('web')], removed: [] },
      { changed: [app('web', 'b')], removed: [] },
    ]);
  });

  it('announces removals by name and stays quiet when nothing changed', () => {
    const { announce, events, set } = announcer([app('api'), app('web')]);
    announce.flush();
    set([app('api')]);
    announce.flush();
    announce.flush();
    expect(events.slice(1)).toEqual([{ changed: [], removed: ['web'] }]);
  });

  it('coalesces a burst of requests into one event', async () => {
    vi.useFakeTimers();
    try {
      const { announce, events, set } = announcer([app('api')]);
      for (let i = 0; i < 100; i++) {
        set([app('api', `r${i}`)]);
        announce.request();
      }
      expect(events).toEqual([]);
      await vi.advanceTimersByTimeAsync(10);
      expect(events).toEqual([{ changed: [app('api', 'r99')], removed: [] }]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('sends nothing after it is closed', async () => {
    const { announce, events } = announcer([app('api')]);
    announce.request();
    announce.close();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(events).toEqual([]);
  });
});

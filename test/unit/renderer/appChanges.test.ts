// How the renderer applies apps.changed: changed summaries replace old ones in place, removed
// names go, new names land in name order, a reset replaces the list, and a change before the
// first list is dropped.
import { describe, expect, it } from 'vitest';
import type { AppSummary } from '../../../engine/api/contract.ts';
import { mergeAppChanges } from '../../../renderer/src/stores/appChanges.ts';

const app = (name: string, revision = 'a') => ({ name, revision }) as unknown as AppSummary;
const names = (apps: AppSummary[] | null) => apps?.map((a) => a.name);

describe('mergeAppChanges', () => {
  const list = [app('api'), app('db'), app('web')];

  it('replaces a changed summary where it stands', () => {
    const next = mergeAppChanges(list, { changed: [app('db', 'b')], removed: [] });
    expect(names(next)).toEqual(['api', 'db', 'web']);
    expect(next?.[1]).toEqual(app('db', 'b'));
    expect(next?.[0]).toBe(list[0]);
  });

  it('removes names and adds new ones in name order', () => {
    const next = mergeAppChanges(list, { changed: [app('cache'), app('zeta')], removed: ['web'] });
    expect(names(next)).toEqual(['api', 'cache', 'db', 'zeta']);
  });

  it('keeps the same list when nothing changed', () => {
    expect(mergeAppChanges(list, { changed: [], removed: [] })).toBe(list);
  });

  it('replaces everything on a reset, sorted', () => {
    expect(names(mergeAppChanges(list, { changed: [app('b'), app('a')], removed: [], reset: true }))).toEqual(
      ['a', 'b'],
    );
  });

  it('drops a change that arrives before the first list', () => {
    expect(mergeAppChanges(null, { changed: [app('api')], removed: [] })).toBeNull();
  });
});

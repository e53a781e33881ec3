// A listing of a repository's refs answers only those who asked before it started: a refresh
// asked while a listing is under way (perhaps begun before a push) gets a listing of its own,
// shared with everyone else who asked meanwhile; a burst costs a few listings, not one per caller.
import { describe, expect, it } from 'vitest';
import { useHistoryAndCache } from '../../support/gitFixtures.ts';

const repo = useHistoryAndCache();

describe('listing the refs of a repository', () => {
  it('is not shared with callers who asked after it started; they share the next one', async () => {
    const url = repo.history.remote.bare;
    const first = repo.cache.lsRemote(url);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const later = await Promise.all(Array.from({ length: 20 }, () => repo.cache.lsRemote(url)));
    const earlier = await first;
    expect(later.every((answer) => answer !== earlier)).toBe(true);
    // one listing at a time, shared by all who waited for it: not one per caller
    expect(new Set(later).size).toBeLessThan(5);
    expect(later[0]!.get('refs/heads/main')).toBe(repo.history.main);
  });
});

// What a log panel keeps and shows: the newest lines up to the cap, the lines a search finds,
// and a line split around its matches (any case) for marking.
import { describe, expect, it } from 'vitest';
import { keepNewest, matching, splitAtMatches } from '../../../renderer/src/views/apps/pod/logLines.ts';

describe('log panel lines', () => {
  it('keeps the newest lines up to the cap', () => {
    expect(keepNewest(['1', '2'], ['3', '4', '5'], 3)).toEqual(['3', '4', '5']);
    expect(keepNewest(['1'], ['2'], 3)).toEqual(['1', '2']);
  });

  it('filters by the search, ignoring case', () => {
    expect(matching(['GET /a', 'post /b', 'get /c'], 'get')).toEqual(['GET /a', 'get /c']);
    expect(matching(['x'], '')).toEqual(['x']);
  });

  it('splits a line around every match', () => {
    expect(splitAtMatches('Error: error again', 'error')).toEqual([
      { text: 'Error', match: true },
      { text: ': ', match: false },
      { text: 'error', match: true },
      { text: ' again', match: false },
    ]);
    expect(splitAtMatches('plain', '')).toEqual([{ text: 'plain', match: false }]);
  });
});

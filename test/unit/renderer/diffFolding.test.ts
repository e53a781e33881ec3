import { describe, expect, it } from 'vitest';
import { foldRows, inChangedFields, nearChanges } from '../../../renderer/src/views/apps/live/diffFolding.ts';
import { diffRows } from '../../../renderer/src/views/apps/live/diffRows.ts';

const lines = (count: number, change?: number) =>
  Array.from({ length: count }, (_, i) => `k${i}: ${i === change ? 'new' : 'v'}`).join('\n') + '\n';

describe('diff folding', () => {
  const rows = diffRows(lines(40), lines(40, 20));

  it('folds unchanged lines away from the change into gaps that count them', () => {
    const blocks = foldRows(rows, nearChanges(rows, 3), new Set());
    expect(blocks.map((block) => [block.type, block.rows.length])).toEqual([
      ['gap', 17],
      ['rows', 8], // 3 context, removed, added, 3 context
      ['gap', 16],
    ]);
    const hidden = blocks
      .filter((block) => block.type === 'gap')
      .reduce((n, block) => n + block.rows.length, 0);
    expect(hidden + 8).toBe(rows.length); // nothing vanishes: every row is shown or counted
  });

  it('opens a gap the reader expanded, keyed by its first row', () => {
    const blocks = foldRows(rows, nearChanges(rows, 3), new Set([0]));
    expect(blocks[0]).toMatchObject({ type: 'gap', start: 0, expanded: true });
    expect(blocks[2]).toMatchObject({ type: 'gap', start: 25, expanded: false });
  });

  it('folds an unchanged object into one gap, and shows a one-line gap instead of an expander', () => {
    const same = diffRows(lines(10), lines(10));
    expect(foldRows(same, nearChanges(same, 3), new Set())).toMatchObject([
      { type: 'gap', start: 0, changed: 0 },
    ]);
    const close = diffRows(lines(9), lines(9, 4));
    expect(foldRows(close, nearChanges(close, 3), new Set()).map((block) => block.type)).toEqual(['rows']);
  });

  it('counts the differing lines a changed-fields gap holds', () => {
    const twoChanges = diffRows('a: 1\nb: 1\nc: 1\nd: 1\n', 'a: 2\nb: 1\nc: 1\nd: 2\n');
    // Only line 1 (a) is a changed field: d's change falls outside and must be announced.
    const blocks = foldRows(twoChanges, inChangedFields(twoChanges, new Set([1]), new Set([1])), new Set());
    expect(blocks).toMatchObject([
      { type: 'rows', rows: [{ text: 'a: 1' }, { text: 'a: 2' }] },
      { type: 'gap', changed: 2 },
    ]);
    expect(blocks[1]!.rows.map((row) => row.text)).toEqual(['b: 1', 'c: 1', 'd: 1', 'd: 2']);
  });
});

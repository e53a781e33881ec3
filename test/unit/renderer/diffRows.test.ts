import { describe, expect, it } from 'vitest';
import { changeCounts, diffRows, pairRows } from '../../../renderer/src/views/apps/live/diffRows.ts';

const live = 'kind: Deployment\nspec:\n  replicas: 3\n  paused: false\nstatus: {}\n';
const desired = 'kind: Deployment\nspec:\n  replicas: 5\n  paused: false\n';

describe('diff rows', () => {
  it('keeps every line of both sides in order, numbered on its side', () => {
    const rows = diffRows(live, desired);
    expect(rows).toEqual([
      { kind: 'context', text: 'kind: Deployment', oldNumber: 1, newNumber: 1 },
      { kind: 'context', text: 'spec:', oldNumber: 2, newNumber: 2 },
      { kind: 'removed', text: '  replicas: 3', oldNumber: 3, newNumber: null },
      { kind: 'added', text: '  replicas: 5', oldNumber: null, newNumber: 3 },
      { kind: 'context', text: '  paused: false', oldNumber: 4, newNumber: 4 },
      { kind: 'removed', text: 'status: {}', oldNumber: 5, newNumber: null },
    ]);
    expect(changeCounts(rows)).toEqual({ added: 1, removed: 2 });
  });

  it('shows a missing object as all additions and an extraneous one as all removals', () => {
    expect(diffRows('', 'a: 1\nb: 2\n').map((row) => row.kind)).toEqual(['added', 'added']);
    expect(diffRows('a: 1\n', '').map((row) => row.kind)).toEqual(['removed']);
    expect(diffRows('', '')).toEqual([]);
  });

  it('does not report a change for a missing final newline', () => {
    expect(changeCounts(diffRows('a: 1\nb: 2', 'a: 1\nb: 2\n'))).toEqual({ added: 0, removed: 0 });
  });

  it('pairs a run of removals with the additions that replace them, side by side', () => {
    const rows = diffRows('a: 1\nb: 1\nc: 1\nd: 1\n', 'a: 1\nb: 2\nc: 2\nx: 1\ny: 1\nd: 1\n');
    const pairs = pairRows(rows).map(({ left, right }) => [left?.text ?? null, right?.text ?? null]);
    expect(pairs).toEqual([
      ['a: 1', 'a: 1'],
      ['b: 1', 'b: 2'],
      ['c: 1', 'c: 2'],
      [null, 'x: 1'],
      [null, 'y: 1'],
      ['d: 1', 'd: 1'],
    ]);
  });
});

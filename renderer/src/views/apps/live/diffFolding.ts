// Which diff rows are on screen and which are folded behind an expander. A fold is never
// silent: every hidden run becomes a gap that says how many lines it holds and how many of
// them differ, and the reader can open and close it again.
import type { DiffRow } from './diffRows.ts';

export type DiffBlock =
  | { type: 'rows'; rows: DiffRow[] }
  | {
      type: 'gap';
      /** Index of the gap's first row: stable for one diff and one scope, so it keys the expansion. */
      start: number;
      rows: DiffRow[];
      /** Rows in the gap that are additions or removals (only outside the changed fields). */
      changed: number;
      expanded: boolean;
    };

export type DiffScope = 'whole' | 'changed';

/** Whole-object scope: every change plus `context` unchanged lines around it. */
export function nearChanges(rows: readonly DiffRow[], context: number): boolean[] {
  const shown = rows.map(() => false);
  rows.forEach((row, index) => {
    if (row.kind === 'context') return;
    for (let k = Math.max(0, index - context); k <= Math.min(rows.length - 1, index + context); k++) {
      shown[k] = true;
    }
  });
  return shown;
}

/** Changed-fields scope: the rows whose live or desired line holds one of the changed fields. */
export function inChangedFields(
  rows: readonly DiffRow[],
  liveLines: ReadonlySet<number>,
  desiredLines: ReadonlySet<number>,
): boolean[] {
  return rows.map(
    (row) =>
      (row.oldNumber !== null && liveLines.has(row.oldNumber)) ||
      (row.newNumber !== null && desiredLines.has(row.newNumber)),
  );
}

/** Gaps shorter than this are shown rather than folded: an expander would cost as much room. */
const MIN_GAP = 2;

export function foldRows(
  rows: readonly DiffRow[],
  shown: readonly boolean[],
  expanded: ReadonlySet<number>,
): DiffBlock[] {
  const blocks: DiffBlock[] = [];
  let i = 0;
  while (i < rows.length) {
    const start = i;
    const visible = shown[i] === true;
    while (i < rows.length && (shown[i] === true) === visible) i++;
    const run = rows.slice(start, i);
    const last = blocks[blocks.length - 1];
    if (visible || run.length < MIN_GAP) {
      if (last?.type === 'rows') last.rows.push(...run);
      else blocks.push({ type: 'rows', rows: run });
    } else {
      const changed = run.filter((row) => row.kind !== 'context').length;
      blocks.push({ type: 'gap', start, rows: run, changed, expanded: expanded.has(start) });
    }
  }
  return blocks;
}

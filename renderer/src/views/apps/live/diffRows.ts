// The line diff between an object's live YAML (old, left) and its desired YAML (new, right), as
// Argo CD shows it: every line of both texts in order, numbered on its side, built with the
// `diff` package. Folding and pairing work on these rows; nothing here drops a line.
import { diffLines } from 'diff';

export interface DiffRow {
  kind: 'context' | 'added' | 'removed';
  text: string;
  /** 1-based line in the live YAML (context and removed rows). */
  oldNumber: number | null;
  /** 1-based line in the desired YAML (context and added rows). */
  newNumber: number | null;
}

function splitLines(value: string): string[] {
  const lines = value.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

export function diffRows(liveYaml: string, desiredYaml: string): DiffRow[] {
  const rows: DiffRow[] = [];
  let oldNumber = 1;
  let newNumber = 1;
  // A final line without its newline would otherwise differ from the same line with one.
  const withEnd = (text: string): string => (text === '' || text.endsWith('\n') ? text : `${text}\n`);
  for (const change of diffLines(withEnd(liveYaml), withEnd(desiredYaml))) {
    for (const text of splitLines(change.value)) {
      if (change.added) rows.push({ kind: 'added', text, oldNumber: null, newNumber: newNumber++ });
      else if (change.removed) rows.push({ kind: 'removed', text, oldNumber: oldNumber++, newNumber: null });
      else rows.push({ kind: 'context', text, oldNumber: oldNumber++, newNumber: newNumber++ });
    }
  }
  return rows;
}

export function changeCounts(rows: readonly DiffRow[]): { added: number; removed: number } {
  let added = 0;
  let removed = 0;
  for (const row of rows) {
    if (row.kind === 'added') added++;
    else if (row.kind === 'removed') removed++;
  }
  return { added, removed };
}

export interface SplitRow {
  left: DiffRow | null;
  right: DiffRow | null;
}

/** Side-by-side rows: context on both sides, a run of removals facing the additions after it. */
export function pairRows(rows: readonly DiffRow[]): SplitRow[] {
  const paired: SplitRow[] = [];
  let i = 0;
  while (i < rows.length) {
    const row = rows[i] as DiffRow;
    if (row.kind === 'context') {
      paired.push({ left: row, right: row });
      i++;
      continue;
    }
    const removed: DiffRow[] = [];
    const added: DiffRow[] = [];
    while (i < rows.length && rows[i]?.kind === 'removed') removed.push(rows[i++] as DiffRow);
    while (i < rows.length && rows[i]?.kind === 'added') added.push(rows[i++] as DiffRow);
    for (let k = 0; k < Math.max(removed.length, added.length); k++) {
      paired.push({ left: removed[k] ?? null, right: added[k] ?? null });
    }
  }
  return paired;
}

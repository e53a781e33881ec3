// The line diff the UI shows between the YAML of two objects: hunks with context, each line
// numbered on its side, and how many unchanged lines lie between hunks so a view can fold
// and unfold them. Built on the `diff` package (Myers' algorithm), not a home-made LCS.
import { structuredPatch } from 'diff';

export interface DiffLine {
  kind: 'context' | 'added' | 'removed';
  text: string;
  /** 1-based line number in the old text (context and removed lines). */
  oldNumber?: number;
  /** 1-based line number in the new text (context and added lines). */
  newNumber?: number;
}

export interface DiffHunk {
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  /** Unchanged lines between the previous hunk (or the start) and this one: folded away. */
  hiddenBefore: number;
  lines: DiffLine[];
}

export interface TextDiff {
  hunks: DiffHunk[];
  /** Unchanged lines after the last hunk (all lines when nothing changed). */
  hiddenAfter: number;
  added: number;
  removed: number;
}

function lineCount(text: string): number {
  if (text === '') return 0;
  return text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}

export function diffLines(oldText: string, newText: string, options: { context?: number } = {}): TextDiff {
  const patch = structuredPatch('old', 'new', oldText, newText, undefined, undefined, {
    context: options.context ?? 3,
  });
  let previousEnd = 0;
  let added = 0;
  let removed = 0;
  const hunks = patch.hunks.map((hunk): DiffHunk => {
    // The diff package numbers an empty range by the line that follows it (not the one before).
    const start = hunk.oldStart - 1;
    let oldNumber = hunk.oldStart;
    let newNumber = hunk.newStart;
    const lines: DiffLine[] = [];
    for (const raw of hunk.lines) {
      const text = raw.slice(1);
      if (raw.startsWith('+')) {
        lines.push({ kind: 'added', text, newNumber: newNumber++ });
        added += 1;
      } else if (raw.startsWith('-')) {
        lines.push({ kind: 'removed', text, oldNumber: oldNumber++ });
        removed += 1;
      } else if (raw.startsWith(' ')) {
        lines.push({ kind: 'context', text, oldNumber: oldNumber++, newNumber: newNumber++ });
      } // `\ No newline at end of file` markers are not lines of either text
    }
    const hiddenBefore = start - previousEnd;
    previousEnd = start + hunk.oldLines;
    return { ...hunk, hiddenBefore, lines };
  });
  return { hunks, hiddenAfter: lineCount(oldText) - previousEnd, added, removed };
}

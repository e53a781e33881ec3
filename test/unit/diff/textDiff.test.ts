// The line diff and YAML the UI shows: hunks with context and line numbers, folded unchanged
// lines counted, and a stable key order.
import { describe, expect, it } from 'vitest';
import { diffLines, yamlOf } from '../../../engine/diff/index.ts';

const lines = (n: number, change?: [number, string]) =>
  Array.from({ length: n }, (_, i) => (change && change[0] === i + 1 ? change[1] : `line ${i + 1}`)).join(
    '\n',
  ) + '\n';

describe('diffLines', () => {
  it('nothing changed: no hunks, every line folded', () => {
    expect(diffLines(lines(5), lines(5))).toEqual({ hunks: [], hiddenAfter: 5, added: 0, removed: 0 });
  });

  it('one changed line: a hunk with 3 lines of context, numbered on each side', () => {
    const diff = diffLines(lines(20), lines(20, [10, 'changed']));
    expect(diff).toMatchObject({ added: 1, removed: 1, hiddenAfter: 7 });
    expect(diff.hunks).toHaveLength(1);
    const hunk = diff.hunks[0]!;
    expect(hunk).toMatchObject({ oldStart: 7, oldLines: 7, newStart: 7, newLines: 7, hiddenBefore: 6 });
    expect(hunk.lines.map((l) => [l.kind, l.text, l.oldNumber, l.newNumber])).toEqual([
      ['context', 'line 7', 7, 7],
      ['context', 'line 8', 8, 8],
      ['context', 'line 9', 9, 9],
      ['removed', 'line 10', 10, undefined],
      ['added', 'changed', undefined, 10],
      ['context', 'line 11', 11, 11],
      ['context', 'line 12', 12, 12],
      ['context', 'line 13', 13, 13],
    ]);
  });

  it('distant changes make separate hunks with the unchanged lines between them folded', () => {
    const diff = diffLines(lines(40), lines(40, [5, 'x']).replace('line 35\n', 'y\n'));
    expect(diff.hunks.map((h) => h.hiddenBefore)).toEqual([1, 23]); // lines 9..31
    expect(diff.hiddenAfter).toBe(2);
  });

  it('context can be widened to show the whole text (side-by-side view)', () => {
    const diff = diffLines(lines(20), lines(20, [10, 'changed']), { context: Number.MAX_SAFE_INTEGER });
    expect(diff.hunks).toHaveLength(1);
    expect(diff.hunks[0]!.hiddenBefore).toBe(0);
    expect(diff.hiddenAfter).toBe(0);
  });

  it('an inserted line is numbered on the new side only, after the unchanged ones', () => {
    const diff = diffLines('x\ny\n', 'x\nz\ny\n', { context: 0 });
    expect(diff.hunks[0]).toMatchObject({
      hiddenBefore: 1,
      lines: [{ kind: 'added', text: 'z', newNumber: 2 }],
    });
    expect(diff.hiddenAfter).toBe(1);
  });

  it('an object added from nothing is all added lines', () => {
    const diff = diffLines('', 'a: 1\nb: 2\n');
    expect(diff).toMatchObject({ added: 2, removed: 0, hiddenAfter: 0 });
    expect(diff.hunks[0]!.lines.map((l) => l.newNumber)).toEqual([1, 2]);
  });
});

describe('yamlOf', () => {
  it('puts apiVersion, kind, metadata first and sorts every other key', () => {
    const text = yamlOf({
      spec: { b: 1, a: { d: 1, c: 2 } },
      metadata: { name: 'x', labels: { z: '1', a: '2' } },
      kind: 'ConfigMap',
      apiVersion: 'v1',
    });
    expect(text).toBe(
      [
        'apiVersion: v1',
        'kind: ConfigMap',
        'metadata:',
        '  labels:',
        '    a: "2"',
        '    z: "1"',
        '  name: x',
        'spec:',
        '  a:',
        '    c: 2',
        '    d: 1',
        '  b: 1',
        '',
      ].join('\n'),
    );
  });

  it('renders the same object the same way whatever its key order; shared values get no anchors', () => {
    const shared = { app: 'web' };
    const a = yamlOf({ kind: 'K', spec: { selector: shared, template: { labels: shared } } });
    const b = yamlOf({ spec: { template: { labels: { app: 'web' } }, selector: { app: 'web' } }, kind: 'K' });
    expect(a).toBe(b);
    expect(a).not.toContain('&');
  });

  it('keeps long strings on one line', () => {
    const value = 'x'.repeat(300);
    expect(yamlOf({ data: { value } })).toBe(`data:\n  value: ${value}\n`);
  });

  it('is empty for no object', () => {
    expect(yamlOf(null)).toBe('');
  });
});

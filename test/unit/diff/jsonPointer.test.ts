// JSON pointers (RFC 6901), the way ignoreDifferences and changedPaths name fields.
import { describe, expect, it } from 'vitest';
import { getAt, parsePointer, removeAll, toPointer } from '../../../engine/diff/json.ts';

describe('JSON pointers', () => {
  it('escape ~ as ~0 and / as ~1, both ways', () => {
    expect(toPointer(['metadata', 'annotations', 'example.com/a~b'])).toBe(
      '/metadata/annotations/example.com~1a~0b',
    );
    expect(parsePointer('/metadata/annotations/example.com~1a~0b')).toEqual([
      'metadata',
      'annotations',
      'example.com/a~b',
    ]);
  });

  it('read through objects and list indices; a missing step reads undefined', () => {
    const doc = { a: [{ b: 1 }] };
    expect(getAt(doc, parsePointer('/a/0/b'))).toBe(1);
    expect(getAt(doc, parsePointer('/a/1/b'))).toBeUndefined();
    expect(getAt(doc, parsePointer('/a/01/b'))).toBeUndefined();
  });

  it('several removals from one list do not shift each other', () => {
    const doc = { items: ['a', 'b', 'c', 'd'], keep: { x: 1, y: 2 } };
    removeAll(doc, ['/items/1', '/items/3', '/keep/x', '/keep/x/deeper', '/missing']);
    expect(doc).toEqual({ items: ['a', 'c'], keep: { y: 2 } });
  });
});

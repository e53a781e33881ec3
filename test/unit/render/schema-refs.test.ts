// Which references of a values.schema.json would make helm's validator read outside the document.
import { describe, expect, it } from 'vitest';
import { externalReferences } from '../../../engine/render/schema-refs.ts';

const kinds = (schema: unknown) =>
  externalReferences(schema).map((ref) => `${ref.kind} ${ref.reference.target.href}`);

describe('schema references', () => {
  it('keeps references into the document', () => {
    const schema = {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      $id: 'https://example.com/values.json',
      $defs: { port: { type: 'integer' }, name: { $id: 'urn:plumbline:name', type: 'string' } },
      properties: { a: { $ref: '#/$defs/port' }, b: { $ref: 'urn:plumbline:name' } },
    };
    expect(externalReferences(schema)).toEqual([]);
  });

  it('resolves a relative reference against the file system root, as helm does', () => {
    expect(kinds({ properties: { a: { $ref: 'other.json' } } })).toEqual(['file file:///other.json']);
    expect(kinds({ properties: { a: { $ref: '../../etc/passwd' } } })).toEqual(['file file:///etc/passwd']);
  });

  it('finds file:// and http(s) references, and $dynamicRef and unknown $schema too', () => {
    expect(
      kinds({
        $schema: 'file:///etc/meta.json',
        properties: {
          a: { $ref: 'file:///etc/passwd#/x' },
          b: { $dynamicRef: 'https://example.com/s.json' },
          c: { items: [{ $recursiveRef: 'http://example.com/t.json' }] },
        },
      }).sort(),
    ).toEqual([
      'file file:///etc/meta.json',
      'file file:///etc/passwd#/x',
      'remote http://example.com/t.json',
      'remote https://example.com/s.json',
    ]);
  });

  it('follows $id as a base: a relative reference under a remote or file $id goes there', () => {
    expect(kinds({ $id: 'https://evil.example/', properties: { a: { $ref: 'x.json' } } })).toEqual([
      'remote https://evil.example/x.json',
    ]);
    expect(kinds({ properties: { a: { $id: 'file:///etc/', $ref: 'passwd' } } })).toEqual([
      'file file:///etc/passwd',
    ]);
  });

  it("reads draft-04's id both ways, since validators disagree on it", () => {
    const refs = kinds({ id: 'https://example.com/', properties: { a: { $ref: 'x.json' } } }).sort();
    expect(refs).toEqual(['file file:///x.json', 'remote https://example.com/x.json']);
  });

  it('is not fooled by a file or http $id that declares the target', () => {
    expect(
      kinds({
        $defs: { p: { $id: 'file:///etc/passwd' } },
        properties: { a: { $ref: 'file:///etc/passwd' } },
      }),
    ).toEqual(['file file:///etc/passwd']);
  });

  it('walks a deeply nested schema without overflowing the stack', () => {
    let schema: Record<string, unknown> = { $ref: 'http://example.com/deep.json' };
    for (let depth = 0; depth < 100_000; depth += 1) schema = { properties: { a: schema } };
    expect(kinds(schema)).toEqual(['remote http://example.com/deep.json']);
  });

  it('refuses an $id or reference that is not a URL', () => {
    expect(() => externalReferences({ $id: 'http://[::1' })).toThrow(/is not a valid URL/);
  });
});

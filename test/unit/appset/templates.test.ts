// The default template mode and parameter helpers, from the facts of Argo CD's utils tests:
// fasttemplate substitution, Go's %v of values, flattening, normalize.
import { describe, expect, it } from 'vitest';
import { replaceDeep, replaceTags } from '../../../engine/appset/fasttemplate.ts';
import { flatten, goValueString, sanitizeName } from '../../../engine/appset/params.ts';

describe('default template substitution (fasttemplate)', () => {
  it('replaces string parameters, with spaces inside the braces trimmed', () => {
    expect(replaceTags('{{one}}-{{ two }}', { one: 'a', two: 'b' })).toBe('a-b');
  });
  it('leaves an unknown parameter as written, spaces included', () => {
    expect(replaceTags('x-{{ missing }}-{{one}}', { one: 'a' })).toBe('x-{{ missing }}-a');
  });
  it('leaves a parameter that is not a string as written', () => {
    expect(replaceTags('{{n}} {{m}}', { n: 3, m: { a: 'b' } })).toBe('{{n}} {{m}}');
  });
  it('leaves empty braces as written', () => {
    expect(replaceTags('{{}}{{ }}', { '': 'x' })).toBe('{{}}{{ }}');
  });
  it('does not expand a value holding {{...}} again', () => {
    expect(replaceTags('{{a}}', { a: '{{b}}', b: 'secret' })).toBe('{{b}}');
  });
  it("leaves a text whose braces span lines untouched, as Argo CD's templated check does", () => {
    expect(replaceTags('{{a\n}}', { a: 'x' })).toBe('{{a\n}}');
  });
  it('refuses a tag that is never closed', () => {
    expect(() => replaceTags('{{a}} {{b', { a: 'x' })).toThrow(/never closed/);
  });
  it('substitutes map keys and nested strings, dropping null values', () => {
    const out = replaceDeep({ labels: { '{{k}}': '{{v}}' }, list: ['{{v}}', 1], gone: null }, (text) =>
      replaceTags(text, { k: 'env', v: 'prod' }),
    );
    expect(out).toEqual({ labels: { env: 'prod' }, list: ['prod', 1] });
  });
});

describe('parameter values', () => {
  it("writes numbers as Go's %v of a float64", () => {
    expect([3, 1.5, 123456, 1000000, 1234567, 0.0001, 0.00001, -2].map(goValueString)).toEqual([
      '3',
      '1.5',
      '123456',
      '1e+06',
      '1.234567e+06',
      '0.0001',
      '1e-05',
      '-2',
    ]);
  });
  it('writes booleans, null, lists and maps as Go does', () => {
    expect([true, null, ['a', 1], { b: 1, a: 'x' }].map(goValueString)).toEqual([
      'true',
      '<nil>',
      '[a 1]',
      'map[a:x b:1]',
    ]);
  });
  it('flattens nested maps and lists with dots, empty ones leaving no key', () => {
    expect(flatten({ a: { b: 'c', d: [1, { e: 'f' }] }, empty: {}, none: [] })).toEqual({
      'a.b': 'c',
      'a.d.0': 1,
      'a.d.1.e': 'f',
    });
  });
  it('normalizes names as Argo CD does', () => {
    expect(sanitizeName('Cluster_One.example.COM')).toBe('cluster-one.example.com');
    expect(sanitizeName('--a b--')).toBe('a-b');
    expect(sanitizeName('x'.repeat(300))).toHaveLength(253);
  });
});

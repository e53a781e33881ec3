// Request targets of the headless host: origin-form paths are decoded; what cannot be decoded,
// names another authority or holds NUL is null (answered 400), never an exception.
import { describe, expect, it } from 'vitest';
import { parseRequestTarget } from '../../../main/server/requestTarget.ts';

describe('parseRequestTarget', () => {
  it('decodes origin-form targets and their query', () => {
    const target = parseRequestTarget('/assets/a%20b.js?token=t%2B1');
    expect(target?.pathname).toBe('/assets/a b.js');
    expect(target?.searchParams.get('token')).toBe('t+1');
    expect(parseRequestTarget('/a/../b')?.pathname).toBe('/b');
  });

  it.each([
    ['/%'],
    ['/%c0%af'],
    ['/%e2%82'],
    ['/%00'],
    ['//evil.example/x'],
    ['/\\evil.example/x'],
    ['http://127.0.0.1/'],
    ['*'],
    [''],
    [undefined],
  ])('refuses %j', (raw) => {
    expect(parseRequestTarget(raw)).toBeNull();
  });
});

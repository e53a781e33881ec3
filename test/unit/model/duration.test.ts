import { describe, expect, it } from 'vitest';
import { parseBackoffDuration, parseGoDuration } from '../../../engine/model/duration.ts';

describe('parseGoDuration', () => {
  it.each([
    ['5s', 5_000],
    ['1h30m', 5_400_000],
    ['3m', 180_000],
    ['1.5h', 5_400_000],
    ['250ms', 250],
    ['1m0.5s', 60_500],
    ['-2s', -2_000],
    ['0', 0],
    ['100us', 0.1],
  ])('reads %s as %d ms', (text, ms) => {
    expect(parseGoDuration(text)).toBeCloseTo(ms, 9);
  });

  it.each(['', '5', '1x', 'h', '1h 30m', '.h', 'abc'])('rejects %j with a message naming it', (text) => {
    expect(() => parseGoDuration(text)).toThrow(`invalid duration "${text}"`);
  });
});

describe('parseBackoffDuration', () => {
  it('reads a bare integer as seconds, like Argo CD', () => {
    expect(parseBackoffDuration('5')).toBe(5_000);
  });

  it('reads Go durations', () => {
    expect(parseBackoffDuration('2m')).toBe(120_000);
  });

  it('rejects nonsense', () => {
    expect(() => parseBackoffDuration('soon')).toThrow('invalid duration "soon"');
  });
});

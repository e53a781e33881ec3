import { describe, expect, it } from 'vitest';
import { durationSeconds, positiveInteger } from '../../../main/cli/optionValues.ts';

describe('durationSeconds', () => {
  const parse = durationSeconds(86_400);
  it('reads durations as kubectl --since does, and plain seconds', () => {
    expect(parse('30s')).toBe(30);
    expect(parse('5m')).toBe(300);
    expect(parse('1h30m')).toBe(5400);
    expect(parse('45')).toBe(45);
  });
  it('refuses anything else', () => {
    for (const value of [
      '',
      '0',
      '0s',
      '-5m',
      '5d',
      '1.5h',
      '5m30',
      'm',
      '--follow',
      '1h 2m',
      '9'.repeat(30),
      '25h',
    ])
      expect(() => parse(value), value).toThrow(/expected a duration/);
  });
});

describe('positiveInteger', () => {
  const parse = positiveInteger(1000);
  it('reads whole numbers in range and refuses the rest', () => {
    expect(parse('1')).toBe(1);
    expect(parse('1000')).toBe(1000);
    for (const value of ['0', '1001', '-1', '1e3', '0x10', '', ' 5', '--tail', '9'.repeat(40)])
      expect(() => parse(value), value).toThrow(/expected a whole number/);
  });
});

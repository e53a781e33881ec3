// Parsers of option values shared by the commands: repeatable options collect into a list.
import { InvalidArgumentError } from 'commander';

/** For an option given several times: each value appended to the list. */
export function collect(value: string, list: string[]): string[] {
  return [...list, value];
}

/** Like collect, for values that must match `pattern`; `expected` says what they look like. */
export function collectMatching(
  pattern: RegExp,
  expected: string,
): (value: string, list: string[]) => string[] {
  return (value, list) => {
    if (!pattern.test(value)) throw new InvalidArgumentError(`expected ${expected}, got ${value}`);
    return collect(value, list);
  };
}

/** A whole number from 1 to `max`, e.g. --tail. */
export function positiveInteger(max: number): (value: string) => number {
  return (value) => {
    if (!/^\d{1,16}$/.test(value) || Number(value) < 1 || Number(value) > max)
      throw new InvalidArgumentError(`expected a whole number from 1 to ${max}, got ${value}`);
    return Number(value);
  };
}

const durationUnits: Record<string, number> = { h: 3600, m: 60, s: 1 };

/** A duration as kubectl's --since takes it (`90s`, `5m`, `1h30m`; plain seconds too), in seconds. */
export function durationSeconds(max: number): (value: string) => number {
  return (value) => {
    const text = /^\d{1,9}$/.test(value) ? `${value}s` : value;
    const parts = text.match(/\d{1,9}[hms]/g);
    const seconds = parts?.reduce(
      (sum, part) => sum + Number(part.slice(0, -1)) * durationUnits[part.at(-1)!]!,
      0,
    );
    if (!parts || parts.join('') !== text || !seconds || seconds > max)
      throw new InvalidArgumentError(
        `expected a duration such as 30s, 5m or 1h30m (at most ${max} s), got ${value}`,
      );
    return seconds;
  };
}

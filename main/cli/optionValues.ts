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

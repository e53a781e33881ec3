// The filters of the scmProvider and pullRequest generators are Go regular expressions (RE2
// syntax, matched anywhere in the text as Go's MatchString does). They come from the set, so they
// run on RE2's linear-time engine (re2js): no pattern can make a match take exponential time, and
// what Go refuses (look-arounds, back-references) is refused here too.
import { RE2JS } from 're2js';
import { GeneratorError } from '../errors.ts';

const MAX_PATTERN_CHARS = 4096;

export type TextMatcher = (text: string) => boolean;

/** Argo CD's compile step: `field` names the filter in the error, as Argo CD's message does. */
export function goRegexp(pattern: unknown, field: string): TextMatcher {
  if (typeof pattern !== 'string') throw new GeneratorError(`${field} is not a string`);
  if (pattern.length > MAX_PATTERN_CHARS)
    throw new GeneratorError(`${field} is longer than ${MAX_PATTERN_CHARS} characters`);
  let compiled: RE2JS;
  try {
    compiled = RE2JS.compile(pattern);
  } catch (error) {
    throw new GeneratorError(
      `error compiling ${field} regexp ${JSON.stringify(pattern.slice(0, 200))}: ${(error as Error).message}`,
    );
  }
  return (text) => compiled.matcher(text).find();
}

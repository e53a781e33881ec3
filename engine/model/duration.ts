// Go duration strings as Argo CD writes them (`5s`, `1h30m`, `250ms`): sync windows, retry backoff.
// Parsed the way Go's time.ParseDuration does, so a value Argo CD accepts is accepted here too.
import { z } from 'zod';

const unitMs: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  μs: 1e-3,
  ms: 1,
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
};

const numberAtStart = /^(\d*)(?:\.(\d*))?/;
const unitAtStart = /^[^\d.]*/;

/** Milliseconds in a Go duration (`1h30m` → 5_400_000). Throws with the text and what is wrong. */
export function parseGoDuration(text: string): number {
  const fail = (why: string): never => {
    throw new Error(`invalid duration "${text}": ${why}`);
  };
  let rest = text;
  let sign = 1;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    sign = rest.startsWith('-') ? -1 : 1;
    rest = rest.slice(1);
  }
  if (rest === '0') return 0;
  if (rest === '') fail('empty');
  let total = 0;
  while (rest !== '') {
    const [number = '', whole = '', fraction] = numberAtStart.exec(rest) ?? [];
    if (whole === '' && !fraction) fail('expected a number');
    rest = rest.slice(number.length);
    const unit = unitAtStart.exec(rest)?.[0] ?? '';
    if (unit === '') fail('missing unit');
    const scale = unitMs[unit] ?? fail(`unknown unit "${unit}"`);
    rest = rest.slice(unit.length);
    total += Number(`${whole || '0'}.${fraction ?? ''}0`) * scale;
  }
  return sign * total;
}

/**
 * Milliseconds in a retry backoff duration. Argo CD reads a bare integer there as seconds
 * (`duration: "5"`) before trying a Go duration.
 */
export function parseBackoffDuration(text: string): number {
  if (/^[-+]?\d+$/.test(text)) return Number(text) * 1_000;
  return parseGoDuration(text);
}

function durationString(parse: (text: string) => number) {
  return z.string().superRefine((text, ctx) => {
    try {
      parse(text);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: (error as Error).message });
    }
  });
}

/** A string field holding a Go duration (sync window `duration`). */
export const goDurationSchema = durationString(parseGoDuration);

/** A string field holding a retry backoff duration (`5s`, or `5` meaning seconds). */
export const backoffDurationSchema = durationString(parseBackoffDuration);

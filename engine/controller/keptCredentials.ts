// An edited definition comes back through the contract, which shows credentials scrubbed
// (`https://***@host/…`). Saving it must not write `***` into the workspace file: each value
// still in its scrubbed form gets the stored original back. A value the user changed, or whose
// `***@` they deleted, is taken as written.
import { scrub } from '../git/scrub.ts';

export function keepScrubbedCredentials(
  edited: Record<string, unknown>,
  stored: Record<string, unknown>,
): Record<string, unknown> {
  const originals = new Map<string, string>();
  collectStrings(stored, (value) => {
    const shown = scrub(value);
    if (shown !== value) originals.set(shown, value);
  });
  if (originals.size === 0) return edited;
  return restore(edited, originals) as Record<string, unknown>;
}

function collectStrings(value: unknown, visit: (text: string) => void): void {
  if (typeof value === 'string') visit(value);
  else if (Array.isArray(value)) for (const item of value) collectStrings(item, visit);
  else if (value !== null && typeof value === 'object')
    for (const item of Object.values(value)) collectStrings(item, visit);
}

function restore(value: unknown, originals: ReadonlyMap<string, string>): unknown {
  if (typeof value === 'string') return originals.get(value) ?? value;
  if (Array.isArray(value)) return value.map((item) => restore(item, originals));
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, restore(item, originals)]));
  return value;
}

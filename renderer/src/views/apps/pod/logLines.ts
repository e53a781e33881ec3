// The lines a log panel keeps and what it shows of them: the newest lines up to a cap (a huge
// log must not freeze the page), filtered by a search, and split around the matches to mark them.

/** Lines kept in memory; older ones are dropped as new ones arrive. */
export const KEPT_LINES = 10_000;

export function keepNewest(lines: readonly string[], added: readonly string[], cap = KEPT_LINES): string[] {
  const all = lines.concat(added);
  return all.length > cap ? all.slice(all.length - cap) : all;
}

/** Lines containing the search, ignoring case; all lines for an empty search. */
export function matching(lines: readonly string[], search: string): string[] {
  if (!search) return [...lines];
  const needle = search.toLowerCase();
  return lines.filter((line) => line.toLowerCase().includes(needle));
}

/** A line cut into plain and matching parts, in order. */
export function splitAtMatches(line: string, search: string): { text: string; match: boolean }[] {
  if (!search) return [{ text: line, match: false }];
  const parts: { text: string; match: boolean }[] = [];
  const lower = line.toLowerCase();
  const needle = search.toLowerCase();
  let from = 0;
  for (let at = lower.indexOf(needle); at !== -1; at = lower.indexOf(needle, from)) {
    if (at > from) parts.push({ text: line.slice(from, at), match: false });
    parts.push({ text: line.slice(at, at + needle.length), match: true });
    from = at + needle.length;
  }
  if (from < line.length) parts.push({ text: line.slice(from), match: false });
  return parts;
}

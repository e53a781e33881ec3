// The wizard's text fields as the contract wants them: labels as `key=value` lines, namespaces
// separated by commas or spaces; and back, for editing.

/** Labels from `key=value` lines (or commas); the problem line when one is not that. */
export function parseLabels(text: string): { labels: Record<string, string> } | { problem: string } {
  const labels: Record<string, string> = {};
  for (const entry of text.split(/[\n,]/).map((line) => line.trim())) {
    if (!entry) continue;
    const match = /^([^=\s]+)=(\S*)$/.exec(entry);
    if (!match) return { problem: `"${entry}" is not key=value` };
    labels[match[1]!] = match[2]!;
  }
  return { labels };
}

export function formatLabels(labels: Record<string, string>): string {
  return Object.entries(labels)
    .map(([key, value]) => `${key}=${value}`)
    .join('\n');
}

export function parseNamespaces(text: string): string[] {
  return [...new Set(text.split(/[\s,]+/).filter(Boolean))];
}

/** A registrable name from a context's: no spaces. */
export function suggestedName(context: string): string {
  return context.trim().replace(/\s+/g, '-');
}

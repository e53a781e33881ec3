// Which `spec.info` values open as links: only an absolute http or https URL, normalised by the
// URL parser (which also drops the tabs and newlines a `java\tscript:` hides behind). Anything
// else — javascript:, data:, file:, a relative path, text — stays plain text.

export function infoLink(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
}

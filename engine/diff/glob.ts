// Argo CD's glob.Match (gobwas/glob without separators), which ignoreDifferences uses for
// group and kind: `*` matches any run of characters, dots and slashes included; `?` one
// character; `[abc]`, `[!abc]`, `[a-z]` a class; `{a,b}` alternatives; `\` escapes.

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function translate(pattern: string): string {
  let out = '';
  let depth = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === '\\' && i + 1 < pattern.length) out += escapeRegExp(pattern[++i] as string);
    else if (c === '*') out += '.*';
    else if (c === '?') out += '.';
    else if (c === '{') {
      depth += 1;
      out += '(?:';
    } else if (c === '}' && depth > 0) {
      depth -= 1;
      out += ')';
    } else if (c === ',' && depth > 0) out += '|';
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 2);
      if (end < 0) throw new Error(`unclosed "[" in glob ${JSON.stringify(pattern)}`);
      const body = pattern.slice(i + 1, end);
      out += body.startsWith('!')
        ? `[^${body.slice(1).replace(/[\\\]^]/g, '\\$&')}]`
        : `[${body.replace(/[\\\]^]/g, '\\$&')}]`;
      i = end;
    } else out += escapeRegExp(c);
  }
  if (depth > 0) throw new Error(`unclosed "{" in glob ${JSON.stringify(pattern)}`);
  return out;
}

/** Whether `text` matches `pattern`; a malformed pattern matches nothing, as in Argo CD. */
export function globMatch(pattern: string, text: string): boolean {
  try {
    return new RegExp(`^${translate(pattern)}$`, 's').test(text);
  } catch {
    return false;
  }
}

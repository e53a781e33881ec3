// The default template mode: Argo CD's fasttemplate substitution. Every string of the template
// (and every map key) has each `{{ name }}` replaced by the parameter `name` when that parameter
// is a string; any other tag stays exactly as written. Replacements are not scanned again, so a
// value holding `{{...}}` is inserted as text and never expanded.
import { GeneratorError } from './errors.ts';
import { isRecord, type Params } from './params.ts';

// Argo CD's isTemplatedRegex: `.` does not cross a line break, so `{{` and `}}` on one line
const TAGGED = /\{\{[^\n]*\}\}/;

/** One string with its `{{tag}}`s replaced, as Argo CD's Render.Replace does without goTemplate. */
export function replaceTags(text: string, params: Params): string {
  if (!TAGGED.test(text)) return text;
  let out = '';
  let rest = text;
  for (;;) {
    const start = rest.indexOf('{{');
    if (start < 0) break;
    const end = rest.indexOf('}}', start + 2);
    // fasttemplate refuses a tag that is never closed, and so does Argo CD
    if (end < 0)
      throw new GeneratorError(
        `invalid template ${JSON.stringify(text.slice(0, 200))}: a {{ is never closed`,
      );
    const tag = rest.slice(start + 2, end);
    const name = tag.trim();
    const value = params[name];
    out += rest.slice(0, start) + (name !== '' && typeof value === 'string' ? value : `{{${tag}}}`);
    rest = rest.slice(end + 2);
  }
  return out + rest;
}

/** A template value with every string and map key substituted; other values copied unchanged. */
export function replaceDeep(value: unknown, replace: (text: string) => string): unknown {
  if (typeof value === 'string') return replace(value);
  if (Array.isArray(value)) return value.map((item) => replaceDeep(item, replace));
  if (isRecord(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      if (item === null) continue;
      out[replace(key)] = replaceDeep(item, replace);
    }
    return out;
  }
  return value;
}

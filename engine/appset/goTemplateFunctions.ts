// Argo CD's own template functions, `normalize` and `slugify`, which helm (our Go text/template
// with sprig) lacks: each call is rewritten into an `include` of a named template that computes
// the same, defined in the generated chart. The rewrite reads the actions as Go's lexer does
// (string, raw string and character literals, comments, fields and variables are left alone), so
// only a call of the function itself changes: `normalize X` and `X | normalize` become
// `include "argocd.normalize" X`; `slugify [MAX [SMART]] NAME` passes its arguments as a list.
import { GeneratorError } from './errors.ts';

/** Argo CD's SanitizeName and SlugifyName (gosimple/slug after it), as helm named templates. */
export const ARGO_FUNCTIONS_TEMPLATE = `{{- define "argocd.normalize" -}}
{{- $name := toString . | lower -}}
{{- regexReplaceAll "[^-a-z0-9.]" $name "-" | trunc 253 | trimAll "-." -}}
{{- end -}}
{{- define "argocd.slugify" -}}
{{- $args := . -}}
{{- if not (kindIs "slice" $args) }}{{ $args = list $args }}{{ end -}}
{{- $max := 50 -}}{{- $smart := true -}}
{{- if gt (len $args) 1 }}{{ $max = index $args 0 | int }}{{ end -}}
{{- if gt (len $args) 2 }}{{ $smart = index $args 1 }}{{ end -}}
{{- $slug := include "argocd.normalize" (last $args) -}}
{{- if and (not $smart) (ge (len $slug) $max) }}{{ $slug = substr 0 $max $slug }}{{ end -}}
{{- $slug = regexReplaceAll "[^a-zA-Z0-9_-]" $slug "-" -}}
{{- $slug = regexReplaceAll "-+" $slug "-" | trimAll "-_" -}}
{{- if and $smart (gt $max 0) (gt (len $slug) $max) -}}
{{- $head := regexFind "^.*-" (substr 0 (add $max 1 | int) $slug) -}}
{{- $slug = ternary (trimSuffix "-" $head) (substr 0 $max $slug) (ne $head "") -}}
{{- end -}}
{{- $slug -}}
{{- end -}}`;

const FUNCTIONS = new Set(['normalize', 'slugify']);

/** The end of the literal, comment or word starting at `start` in an action. */
function skipToken(action: string, start: number): number {
  const quote = action[start]!;
  if (quote === '"' || quote === "'") {
    let at = start + 1;
    while (at < action.length && action[at] !== quote) at += action[at] === '\\' ? 2 : 1;
    return at + 1;
  }
  if (quote === '`') {
    const end = action.indexOf('`', start + 1);
    return end < 0 ? action.length : end + 1;
  }
  if (action.startsWith('/*', start)) {
    const end = action.indexOf('*/', start + 2);
    return end < 0 ? action.length : end + 2;
  }
  let at = start;
  while (at < action.length && /[\w.$]/.test(action[at]!)) at++;
  return Math.max(at, start + 1);
}

/** Where the arguments of a call starting at `from` end: a `|` or an unmatched `)`, or the end. */
function argumentsEnd(action: string, from: number): number {
  let depth = 0;
  for (let at = from; at < action.length;) {
    const char = action[at]!;
    if (char === '(') depth++;
    else if (char === ')' && depth-- === 0) return at;
    else if (char === '|' && depth === 0) return at;
    at = /["'`/\w.$]/.test(char) ? skipToken(action, at) : at + 1;
  }
  return action.length;
}

/** One action with its calls of Argo CD's functions rewritten. */
function rewriteAction(action: string): string {
  let out = '';
  for (let at = 0; at < action.length;) {
    const char = action[at]!;
    if (!/["'`/\w.$]/.test(char)) {
      out += char;
      at++;
      continue;
    }
    const end = skipToken(action, at);
    const word = action.slice(at, end);
    if (!FUNCTIONS.has(word)) {
      out += word;
      at = end;
      continue;
    }
    const argsEnd = argumentsEnd(action, end);
    const args = rewriteAction(action.slice(end, argsEnd)).trim();
    const count = args === '' ? 0 : countArguments(args);
    if (word === 'normalize' && count > 1)
      throw new GeneratorError(`wrong number of args for normalize: want 1 got ${count}`);
    const data = count > 1 ? `(list ${args})` : args;
    out += `include "argocd.${word}"${data === '' ? '' : ` ${data}`} `;
    at = argsEnd;
  }
  return out;
}

/** How many operands a call's argument text holds (parentheses count as one). */
function countArguments(args: string): number {
  let count = 0;
  for (let at = 0; at < args.length;) {
    const char = args[at]!;
    if (/\s/.test(char)) {
      at++;
      continue;
    }
    count++;
    if (char === '(') at = argumentsEnd(args, at + 1) + 1;
    else at = /["'`/\w.$]/.test(char) ? skipToken(args, at) : at + 1;
  }
  return count;
}

/** `text` with every call of `normalize` and `slugify` made an include of its named template. */
export function withArgoFunctions(text: string): string {
  if (!/normalize|slugify/.test(text)) return text;
  return text.replace(/(\{\{-?)([\s\S]*?)(-?\}\})/g, (_, open: string, action: string, close: string) =>
    action.trimStart().startsWith('/*')
      ? `${open}${action}${close}`
      : `${open}${rewriteAction(action)}${close}`,
  );
}

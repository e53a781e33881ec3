// A linear pass over a YAML text before it is parsed: how deep its collections nest (block
// indentation and flow brackets together) and how many documents it holds. The parser and every
// piece of code that walks what it returns recurse once per level, so a text nested past the
// limit is refused here, in time proportional to its length and with no recursion at all.
// The count is an estimate that errs on the high side by at most one level per line; the loader
// checks the parsed tree exactly afterwards.
import { limitError, type YamlLimits } from './limits.ts';

interface ScanState {
  /** Open flow collections (`[`, `{`). */
  flow: number;
  /** Block depth of the line where the open flow collection started. */
  flowBase: number;
  /** The quote of a quoted scalar that continues on the next line. */
  quote: '"' | "'" | null;
  /** Indentation of the line that opened a block scalar (`|`, `>`); its content is skipped. */
  blockScalarParent: number | null;
  /** Indentation of each open block collection. */
  indents: number[];
}

const BLOCK_SCALAR_HEADER = /^[|>][0-9+-]*[ \t]*(?:#.*)?$/;

function indentOf(line: string): number {
  let i = 0;
  while (line.charCodeAt(i) === 32) i++;
  return i;
}

function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === undefined;
}

/**
 * Scans the rest of a line from `from`, following quotes, comments and flow brackets.
 * `blockDepth` is the depth of the line's block content; returns the deepest level reached.
 */
function scanLine(line: string, from: number, blockDepth: number, indent: number, state: ScanState): number {
  let deepest = blockDepth + state.flow;
  // Whether the next character starts a scalar (after indentation, `- `, `: `, `? `, a flow indicator).
  let atValueStart = true;
  for (let i = from; i < line.length; i++) {
    const c = line[i]!;
    if (state.quote === '"') {
      if (c === '\\') i++;
      else if (c === '"') state.quote = null;
      continue;
    }
    if (state.quote === "'") {
      if (c === "'") {
        if (line[i + 1] === "'") i++;
        else state.quote = null;
      }
      continue;
    }
    if (c === ' ' || c === '\t') continue;
    if (c === '#' && isSpace(line[i - 1])) return deepest;
    if (atValueStart && (c === '"' || c === "'")) {
      state.quote = c;
      atValueStart = false;
      continue;
    }
    if ((c === '&' || c === '!') && atValueStart) {
      // An anchor or a tag stands before the value it names: skip it, the value is still to come.
      while (i + 1 < line.length && !isSpace(line[i + 1])) i++;
      continue;
    }
    if (
      state.flow === 0 &&
      atValueStart &&
      (c === '|' || c === '>') &&
      BLOCK_SCALAR_HEADER.test(line.slice(i))
    ) {
      state.blockScalarParent = indent;
      return deepest;
    }
    if ((c === '[' || c === '{') && (state.flow > 0 || atValueStart)) {
      if (state.flow === 0) state.flowBase = blockDepth;
      state.flow++;
      deepest = Math.max(deepest, state.flowBase + state.flow);
      atValueStart = true;
      continue;
    }
    if (state.flow > 0 && (c === ']' || c === '}')) {
      state.flow--;
      atValueStart = false;
      continue;
    }
    if (state.flow > 0 && c === ',') {
      atValueStart = true;
      continue;
    }
    if ((c === ':' || c === '-' || c === '?') && isSpace(line[i + 1])) {
      atValueStart = true;
      continue;
    }
    atValueStart = false;
  }
  return deepest;
}

/**
 * Block depth of a line that starts at `indent` in block context: the open block collections,
 * plus one for each compact nested sequence (`- - x`) and one for a mapping that starts after
 * a dash (`- key: value`). Returns the depth and where the line's content begins.
 */
function blockDepthOf(
  line: string,
  indent: number,
  state: ScanState,
): { depth: number; contentStart: number } {
  while (state.indents.length > 0 && state.indents[state.indents.length - 1]! > indent) state.indents.pop();
  if (state.indents.length === 0 || state.indents[state.indents.length - 1]! < indent)
    state.indents.push(indent);
  let i = indent;
  let dashes = 0;
  while ((line[i] === '-' || line[i] === '?') && isSpace(line[i + 1])) {
    dashes++;
    i++;
    while (line[i] === ' ' || line[i] === '\t') i++;
  }
  const mappingAfterDash = dashes > 0 && /^[^\s#[{"'|>][^#]*?:(?:\s|$)/.test(line.slice(i)) ? 1 : 0;
  return { depth: state.indents.length + Math.max(0, dashes - 1) + mappingAfterDash, contentStart: i };
}

/** Throws a YamlError when `text` nests deeper or holds more documents than `limits` allow. */
export function preScanYaml(
  text: string,
  source: string,
  limits: Pick<YamlLimits, 'depth' | 'documents'>,
): void {
  const state: ScanState = { flow: 0, flowBase: 0, quote: null, blockScalarParent: null, indents: [] };
  let documents = 1;
  let lineNumber = 0;
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    let line = text.slice(lineStart, lineEnd);
    if (line.endsWith('\r')) line = line.slice(0, -1);
    lineStart = lineEnd + 1;
    lineNumber++;

    const indent = indentOf(line);
    if (state.blockScalarParent !== null) {
      if (indent >= line.length || indent > state.blockScalarParent) continue;
      state.blockScalarParent = null;
    }
    let depth: number;
    if (state.quote !== null || state.flow > 0) {
      depth = scanLine(line, 0, state.flowBase, indent, state);
    } else if (/^(?:---|\.\.\.)(?:[ \t]|$)/.test(line)) {
      if (line.startsWith('---')) documents++;
      if (documents > limits.documents + 1)
        throw limitError(
          source,
          'documents',
          limits.documents,
          `more than ${limits.documents} documents`,
          lineNumber,
        );
      state.indents = [];
      depth = scanLine(line, 3, 0, -1, state);
    } else if (indent >= line.length || line[indent] === '#' || (indent === 0 && line[0] === '%')) {
      continue;
    } else {
      const { depth: blockDepth, contentStart } = blockDepthOf(line, indent, state);
      depth = scanLine(line, contentStart, blockDepth, indent, state);
    }
    if (depth > limits.depth)
      throw limitError(source, 'depth', limits.depth, `collections nested ${depth} levels deep`, lineNumber);
  }
}

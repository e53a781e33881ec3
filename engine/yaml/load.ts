// The one way the engine turns YAML text into documents and values. Every text is held to the
// YAML limits (size, nesting, documents, aliases, key size) before and after parsing, so no
// input can exhaust the engine's memory or stack; a mapping key given twice is accepted with the
// last value winning, as Argo CD's Go YAML does, and reported as a warning.
import {
  isAlias,
  isCollection,
  isMap,
  isPair,
  isScalar,
  LineCounter,
  parseAllDocuments,
  type Document,
  type Node,
} from 'yaml';
import { activeYamlLimits, limitError, YamlError, type YamlLimits } from './limits.ts';
import { preScanYaml } from './preScan.ts';
import { checkValueDepth } from './valueDepth.ts';

export interface YamlWarning {
  /** Complete on its own: document, key, lines, what was done. */
  message: string;
  /** 0-based document of the stream. */
  documentIndex: number;
  /** 1-based. */
  line?: number;
}

export interface YamlParseOptions {
  /** The file or tool output the text came from, for messages. */
  source: string;
  limits?: YamlLimits;
  /** YAML 1.1 merge keys (`<<`), which Go's YAML and so Argo CD read in manifests. */
  merge?: boolean;
  /** Error messages with the piece of text they point at. */
  prettyErrors?: boolean;
}

export interface ParsedYaml {
  text: string;
  /** Documents in order; a document's own syntax errors are in its `errors`. */
  documents: Document.Parsed[];
  lineCounter: LineCounter;
  /** Duplicate mapping keys, at most MAX_WARNINGS of them (the last one says how many more). */
  warnings: YamlWarning[];
  /** Documents whose values pass through aliases, checked for depth again once expanded. */
  aliased: ReadonlySet<number>;
}

const MAX_WARNINGS = 20;
const MAX_KEY_SHOWN = 80;

function shownKey(key: string): string {
  return key.length > MAX_KEY_SHOWN ? `${key.slice(0, MAX_KEY_SHOWN)}…` : key;
}

/**
 * Splits `text` into documents, after checking its size and shape against the limits.
 * Throws YamlError for a limit; syntax errors stay on their documents.
 */
export function parseYamlDocuments(text: string, options: YamlParseOptions): ParsedYaml {
  const limits = options.limits ?? activeYamlLimits();
  const { source } = options;
  // A string's length counts UTF-16 units; a byte count over the limit is only possible above it.
  if (text.length > limits.fileBytes || Buffer.byteLength(text, 'utf8') > limits.fileBytes) {
    throw limitError(source, 'fileBytes', limits.fileBytes, `${Buffer.byteLength(text, 'utf8')} bytes`);
  }
  preScanYaml(text, source, limits);
  const lineCounter = new LineCounter();
  let parsed;
  try {
    parsed = parseAllDocuments(text, {
      lineCounter,
      merge: options.merge ?? false,
      prettyErrors: options.prettyErrors ?? false,
      // Go's YAML takes the last value of a repeated key; checking in the parser is also quadratic.
      uniqueKeys: false,
    });
  } catch (error) {
    throw new YamlError(`${source}: ${(error as Error).message}`, source, 'syntax');
  }
  // A stream that is not a list of documents at all (a bare `...`) parses as an empty stream.
  const documents = Array.isArray(parsed) ? parsed : [];
  if (documents.length > limits.documents) {
    throw limitError(source, 'documents', limits.documents, `${documents.length} documents`);
  }
  const result: ParsedYaml = { text, documents, lineCounter, warnings: [], aliased: new Set() };
  let duplicates = 0;
  documents.forEach((document, index) => {
    if (document.errors.length > 0) return;
    const found = inspectDocument(document, index, source, limits, lineCounter, options.merge ?? false);
    if (found.aliases > 0) (result.aliased as Set<number>).add(index);
    for (const warning of found.warnings) {
      duplicates++;
      if (result.warnings.length < MAX_WARNINGS) result.warnings.push(warning);
    }
  });
  if (duplicates > MAX_WARNINGS) {
    result.warnings.push({
      message: `${source}: ${duplicates - MAX_WARNINGS} more duplicate mapping keys`,
      documentIndex: documents.length - 1,
    });
  }
  return result;
}

interface Inspection {
  aliases: number;
  warnings: YamlWarning[];
}

/**
 * Walks one document's tree without recursion: exact nesting depth, key sizes, anchors and
 * aliases counted, and keys given twice in one mapping.
 */
function inspectDocument(
  document: Document.Parsed,
  index: number,
  source: string,
  limits: YamlLimits,
  lineCounter: LineCounter,
  merge: boolean,
): Inspection {
  const lineAt = (node: Node | null | undefined): number | undefined =>
    node?.range ? lineCounter.linePos(node.range[0]).line : undefined;
  const inspection: Inspection = { aliases: 0, warnings: [] };
  const counted = { aliases: 0, anchors: 0 };
  // Anchors and aliases share one limit: each alias is resolved by a scan over both.
  const count = (what: keyof typeof counted, node: Node): void => {
    if (++counted[what] > limits.aliases)
      throw limitError(
        source,
        'aliases',
        limits.aliases,
        `more than ${limits.aliases} ${what} in document ${index + 1}`,
        lineAt(node),
      );
  };
  const stack: Array<[unknown, number]> = [[document.contents, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (isAlias(node)) {
      count('aliases', node);
      continue;
    }
    if (!isScalar(node) && !isCollection(node)) continue;
    if (node.anchor) count('anchors', node);
    if (!isCollection(node)) continue;
    const level = depth + 1;
    if (level > limits.depth)
      throw limitError(
        source,
        'depth',
        limits.depth,
        `collections nested ${level} levels deep`,
        lineAt(node),
      );
    if (!isMap(node)) {
      for (const item of node.items) stack.push([item, level]);
      continue;
    }
    const seen = new Map<string, number | undefined>();
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      stack.push([pair.key, level], [pair.value, level]);
      if (!isScalar(pair.key)) continue;
      const key = String(pair.key.value);
      if (Buffer.byteLength(key, 'utf8') > limits.keyBytes)
        throw limitError(
          source,
          'keyBytes',
          limits.keyBytes,
          `a mapping key of ${Buffer.byteLength(key, 'utf8')} bytes`,
          lineAt(pair.key),
        );
      // A merge key (its value is yaml's merge symbol) may be given more than once.
      if (merge && typeof pair.key.value === 'symbol') continue;
      const line = lineAt(pair.key);
      if (seen.has(key)) {
        const first = seen.get(key);
        const lines = first !== undefined && line !== undefined ? ` (lines ${first} and ${line})` : '';
        inspection.warnings.push({
          message: `${source}: document ${index + 1}: mapping key "${shownKey(key)}" is given more than once${lines}; the last value is used, as Argo CD does`,
          documentIndex: index,
          ...(line !== undefined ? { line } : {}),
        });
      } else {
        seen.set(key, line);
      }
    }
  }
  inspection.aliases = counted.aliases;
  return inspection;
}

/**
 * The plain value of one parsed document (objects, arrays, scalars). Aliases are expanded within
 * the alias limit; throws YamlError when that or the depth limit is met, or the document has a
 * syntax error.
 */
export function documentValue(parsed: ParsedYaml, index: number, options: YamlParseOptions): unknown {
  const limits = options.limits ?? activeYamlLimits();
  const document = parsed.documents[index];
  if (!document) return undefined;
  const error = document.errors[0];
  if (error) {
    const line = error.linePos?.[0].line ?? parsed.lineCounter.linePos(error.pos[0]).line;
    throw new YamlError(
      `${options.source}: ${error.message.split('\n')[0] ?? error.message}`,
      options.source,
      'syntax',
      undefined,
      line,
    );
  }
  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount: limits.aliases });
  } catch (cause) {
    const message = (cause as Error).message;
    const line = parsed.lineCounter.linePos(document.range[0]).line;
    if (/Excessive alias count/.test(message))
      throw limitError(
        options.source,
        'aliases',
        limits.aliases,
        `aliases in document ${index + 1} expand too far`,
        line,
      );
    throw new YamlError(
      `${options.source}: document ${index + 1}: ${message}`,
      options.source,
      'syntax',
      undefined,
      line,
    );
  }
  // Aliases inside aliases can nest a value deeper than the text does.
  if (parsed.aliased.has(index)) checkValueDepth(value, limits.depth, options.source);
  return value;
}

/** Every document's value in order (null for an empty one); throws YamlError at the first problem. */
export function parseYamlValues(
  text: string,
  options: YamlParseOptions,
): { values: unknown[]; parsed: ParsedYaml } {
  const parsed = parseYamlDocuments(text, options);
  return { values: parsed.documents.map((_, index) => documentValue(parsed, index, options)), parsed };
}

/** The value of a text that holds one document (a kubeconfig, a values file); null when empty. */
export function parseYamlValue(text: string, options: YamlParseOptions): unknown {
  const parsed = parseYamlDocuments(text, options);
  if (parsed.documents.length > 1)
    throw new YamlError(
      `${options.source}: holds ${parsed.documents.length} documents where one is expected`,
      options.source,
      'syntax',
    );
  return parsed.documents.length === 0 ? null : (documentValue(parsed, 0, options) ?? null);
}

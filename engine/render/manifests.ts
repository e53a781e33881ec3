// Turns manifest text (a YAML stream, a JSON document, a tool's output) into Kubernetes objects:
// documents split on `---`, empty ones skipped, `kind: List` (and `*List` kinds) flattened.
import {
  activeYamlLimits,
  checkValueDepth,
  documentValue,
  parseYamlDocuments,
  YamlError,
  type YamlLimits,
} from '../yaml/index.ts';
import type { KubeObject } from './types.ts';
import { RenderError, describeError } from './errors.ts';

/** A document that is not valid YAML/JSON, or not a Kubernetes object; line is 1-based. */
export class ManifestError extends Error {
  constructor(
    message: string,
    readonly line: number | undefined,
  ) {
    super(message);
    this.name = 'ManifestError';
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function toObject(value: unknown, line: number | undefined): KubeObject {
  if (!isRecord(value)) throw new ManifestError('the document is not a mapping', line);
  if (typeof value.apiVersion !== 'string' || value.apiVersion === '') {
    throw new ManifestError("Object 'apiVersion' is missing", line);
  }
  if (typeof value.kind !== 'string' || value.kind === '')
    throw new ManifestError("Object 'kind' is missing", line);
  if (value.metadata !== undefined && !isRecord(value.metadata)) {
    throw new ManifestError("Object 'metadata' is not a mapping", line);
  }
  return { ...value, metadata: value.metadata ?? {} } as KubeObject;
}

/**
 * Items of a list object (`kind: List`, `ConfigMapList`, ...), or the object itself. Argo CD treats
 * any object with an `items` array as a list; Plumbline requires the kind to say so too, so a
 * custom resource with a top-level `items` field is kept whole.
 */
export function flattenLists(objects: KubeObject[]): KubeObject[] {
  return objects.flatMap((object) => {
    if (!object.kind.endsWith('List')) return [object];
    const { items } = object;
    if (Array.isArray(items)) return flattenLists(items.map((item) => toObject(item, undefined)));
    // `items: null` is an empty list as Go writes it.
    if (items === null && !('spec' in object) && !('status' in object)) return [];
    return [object];
  });
}

/**
 * Objects of a YAML stream, read by the safe loader with Go's YAML rules (merge keys; a repeated
 * key takes the last value, its warning added to `warnings`). A document that fails throws with
 * its line; a text over a YAML limit throws a YamlError, which names `source` and the limit.
 */
export function parseYamlStream(
  text: string,
  source = 'manifest',
  limits?: YamlLimits,
  warnings?: string[],
): KubeObject[] {
  const parsed = parseYamlDocuments(text, { source, merge: true, ...(limits ? { limits } : {}) });
  const objects: KubeObject[] = [];
  for (const [index, document] of parsed.documents.entries()) {
    let value: unknown;
    try {
      value = documentValue(parsed, index, { source, merge: true, ...(limits ? { limits } : {}) });
    } catch (error) {
      if (error instanceof YamlError && error.reason === 'syntax')
        throw new ManifestError(error.message.replace(`${source}: `, ''), error.line);
      throw error;
    }
    if (value === null || value === undefined) continue;
    const start = document.contents?.range[0] ?? 0;
    objects.push(toObject(value, parsed.lineCounter.linePos(start).line));
  }
  warnings?.push(...parsed.warnings.map((warning) => warning.message));
  return flattenLists(objects);
}

function lineAt(text: string, index: number): number {
  return text.slice(0, index).split('\n').length;
}

/** Where V8's JSON.parse message says the error is: a position, or a quoted piece of the text. */
function jsonErrorLine(text: string, message: string): number | undefined {
  const position = /position (\d+)/.exec(message)?.[1];
  if (position !== undefined) return lineAt(text, Number(position));
  if (message.includes('end of JSON input')) return lineAt(text, text.trimEnd().length);
  const quoted = /^Unexpected token '(.+?)', (?:\.\.\.)?"([\s\S]*?)"(?:\.\.\.)? is not valid JSON/.exec(
    message,
  );
  if (!quoted) return undefined;
  const [, token = '', piece = ''] = quoted;
  const start = text.indexOf(piece);
  if (start < 0) return undefined;
  const tokenIndex = text.indexOf(token, start);
  return lineAt(text, tokenIndex >= 0 ? tokenIndex : start);
}

/**
 * The object of a JSON file: Argo CD allows exactly one document per JSON file. JSON is held to
 * the YAML nesting limit too, as the code that walks objects recurses (YamlError past it).
 */
export function parseJsonDocument(text: string, source = 'JSON manifest'): KubeObject[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new ManifestError(message.split('\n').join(' '), jsonErrorLine(text, message));
  }
  checkValueDepth(value, activeYamlLimits().depth, source);
  return flattenLists([toObject(value, 1)]);
}

/**
 * A tool's YAML output as objects; output that does not parse names the tool and the line, a
 * repeated mapping key is a warning added to `warnings`. Its
 * size was bounded by the render's output limit as the tool ran; that limit, not the one for
 * files, is what the loader holds it to.
 */
export function parseToolOutput(
  stdout: string,
  what: string,
  tool: string,
  author = tool,
  maxBytes = activeYamlLimits().fileBytes,
  warnings?: string[],
): KubeObject[] {
  try {
    return parseYamlStream(
      stdout,
      `${what}: ${author} output`,
      { ...activeYamlLimits(), fileBytes: maxBytes },
      warnings,
    );
  } catch (error) {
    // A limit names the tool's output and the setting already.
    if (error instanceof YamlError && error.reason === 'limit')
      throw new RenderError(error.message, { tool });
    const at = error instanceof ManifestError && error.line ? ` (line ${error.line} of its output)` : '';
    throw new RenderError(`${what}: ${author} wrote invalid YAML${at}: ${describeError(error)}`, { tool });
  }
}

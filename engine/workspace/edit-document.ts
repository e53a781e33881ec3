// Rewrites one document of a YAML file to hold a new value while keeping what the user wrote:
// the new value is merged into the parsed document node by node, so unchanged nodes keep their
// comments, quoting, anchors and order, and the other documents of the file keep their bytes.
import { isDeepStrictEqual } from 'node:util';
import { Document, isMap, isNode, isScalar, isSeq, type Node } from 'yaml';
import type { FileDocument, ParsedFile } from './documents.ts';

/** The text of `file` with document `index` holding `value`. */
export function replaceDocument(file: ParsedFile, index: number, value: unknown): string {
  const target = documentAt(file, index);
  const { doc } = target;
  doc.contents = merge(doc, doc.contents as Node | null, value) as typeof doc.contents;
  const rewritten = doc.toString(stringifyOptions(file.text.slice(target.start, target.end)));
  return file.text.slice(0, target.start) + rewritten + file.text.slice(target.end);
}

/** The text of `file` without document `index`; empty when it was the only one. */
export function removeDocument(file: ParsedFile, index: number): string {
  const target = documentAt(file, index);
  return file.text.slice(0, target.start) + file.text.slice(target.end);
}

/** A new single-document file holding `value`. */
export function newDocumentText(value: unknown): string {
  return new Document(value).toString(stringifyOptions(''));
}

function documentAt(file: ParsedFile, index: number): FileDocument {
  const target = file.documents[index];
  if (!target)
    throw new Error(`document ${index + 1} does not exist (the file has ${file.documents.length})`);
  if (target.doc.errors.length)
    throw new Error(`document ${index + 1} does not parse: ${target.doc.errors[0]?.message}`);
  return target;
}

function merge(doc: Document, node: Node | null, value: unknown): unknown {
  if (isNode(node) && isDeepStrictEqual(node.toJS(doc), value)) return node;
  if (isMap(node) && isPlainObject(value)) {
    // Keys compare as text: `200: ok` in YAML is the key "200" in the plain value.
    const keyOf = (key: unknown) => (isScalar(key) ? String(key.value) : undefined);
    node.items = node.items.filter((pair) => {
      const key = keyOf(pair.key);
      return key === undefined || Object.hasOwn(value, key);
    });
    for (const [key, item] of Object.entries(value)) {
      const pair = node.items.find((p) => keyOf(p.key) === key);
      if (pair) pair.value = merge(doc, pair.value as Node | null, item);
      else node.set(key, doc.createNode(item));
    }
    return node;
  }
  if (isSeq(node) && Array.isArray(value)) {
    node.items.splice(value.length);
    value.forEach((item, i) => {
      node.items[i] =
        i < node.items.length ? merge(doc, node.items[i] as Node | null, item) : doc.createNode(item);
    });
    return node;
  }
  // A scalar that keeps its type keeps its node, and with it its quoting and comments.
  if (
    isScalar(node) &&
    typeof node.value === typeof value &&
    !isPlainObject(value) &&
    !Array.isArray(value)
  ) {
    node.value = value;
    return node;
  }
  const replacement = doc.createNode(value);
  if (isNode(node)) {
    replacement.comment = node.comment;
    replacement.commentBefore = node.commentBefore;
  }
  return replacement;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Stringify options matching the existing text: block sequences indented under their key
 * (`key:\n  - a`) or level with it (`key:\n- a`, kubectl's style); no folding of long lines.
 */
function stringifyOptions(existing: string) {
  const match = /^( *)[^\s#-][^\n]*:[ \t]*(?:#[^\n]*)?\n(?: *#[^\n]*\n)*( *)- /m.exec(existing);
  const indentSeq = match ? (match[2]?.length ?? 0) > (match[1]?.length ?? 0) : true;
  return { indentSeq, lineWidth: 0 };
}

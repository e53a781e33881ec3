// One YAML file as a list of documents, each with the span of text it owns, so that one document
// can be rewritten or removed without touching the bytes of the others.
// Parsed by the safe loader, so a file over a YAML limit throws a YamlError instead.
import type { LineCounter } from 'yaml';
import { isMap, isScalar, isSeq, type Document, type Node } from 'yaml';
import { parseYamlDocuments, type ParsedYaml, type YamlLimits, type YamlWarning } from '../yaml/index.ts';

export interface FileDocument {
  index: number;
  doc: Document.Parsed;
  /** The text this document owns: [start, end) of the file, separators and comments included. */
  start: number;
  end: number;
}

export interface ParsedFile {
  text: string;
  documents: FileDocument[];
  lineCounter: LineCounter;
  /** Mapping keys given twice (the last value is used). */
  warnings: YamlWarning[];
  /** What the safe loader found, for documentValue. */
  yaml: ParsedYaml;
}

/** `source` names the file in messages; throws YamlError when the text is over a YAML limit. */
export function parseFile(text: string, source = 'YAML text', limits?: YamlLimits): ParsedFile {
  const yaml = parseYamlDocuments(text, { source, prettyErrors: true, ...(limits ? { limits } : {}) });
  const { lineCounter, documents: list } = yaml;
  const documents = list.map((doc, index) => ({
    index,
    doc,
    start: index === 0 ? 0 : doc.range[0],
    end: index === list.length - 1 ? text.length : (list[index + 1]?.range[0] ?? text.length),
  }));
  return { text, documents, lineCounter, warnings: yaml.warnings, yaml };
}

/** 1-based line of a character offset. */
export function lineOf(file: ParsedFile, offset: number): number {
  return file.lineCounter.linePos(offset).line;
}

/** 1-based line where the document's content starts. */
export function documentLine(file: ParsedFile, document: FileDocument): number {
  const contents = document.doc.contents as Node | null;
  return lineOf(file, contents?.range?.[0] ?? document.start);
}

/**
 * 1-based line of the deepest node that exists along `path` (a key's own line for a map entry),
 * so a problem with a missing field points at its parent.
 */
export function lineOfPath(file: ParsedFile, document: FileDocument, path: readonly PropertyKey[]): number {
  let line = documentLine(file, document);
  let node: unknown = document.doc.contents;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find(
        (item) => isScalar(item.key) && String(item.key.value) === String(segment),
      );
      if (!pair) break;
      const keyStart = (pair.key as Node).range?.[0];
      if (keyStart !== undefined) line = lineOf(file, keyStart);
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number' && node.items[segment]) {
      node = node.items[segment];
      const start = (node as Node).range?.[0];
      if (start !== undefined) line = lineOf(file, start);
    } else {
      break;
    }
  }
  return line;
}

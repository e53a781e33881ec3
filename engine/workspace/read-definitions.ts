// Turns the documents of one YAML file into workspace definitions. Each document stands alone:
// one that does not parse, has no name or fails its schema becomes a condition, never an
// exception, and the documents around it still load.
import type { z } from 'zod';
import {
  ARGOPROJ_GROUP,
  type AppProject,
  appProjectSchema,
  applicationSchema,
  applicationSetSchema,
  argoprojKinds,
  type ArgoprojKind,
} from '../model/index.ts';
import { documentValue, YamlError, type YamlLimits } from '../yaml/index.ts';
import {
  documentLine,
  lineOf,
  lineOfPath,
  parseFile,
  type FileDocument,
  type ParsedFile,
} from './documents.ts';
import type {
  LoadedApplication,
  LoadedApplicationSet,
  LoadedDefinition,
  WorkspaceCondition,
} from './types.ts';

export interface Definitions {
  applications: LoadedApplication[];
  // Read from files, so always with an origin; the workspace adds the built-in default later.
  projects: LoadedDefinition<AppProject>[];
  applicationSets: LoadedApplicationSet[];
  problems: WorkspaceCondition[];
  /** The line of a field of a loaded definition, for conditions found after loading. */
  lineOfField: Map<LoadedDefinition<unknown>, (path: readonly PropertyKey[]) => number>;
}

export function emptyDefinitions(): Definitions {
  return { applications: [], projects: [], applicationSets: [], problems: [], lineOfField: new Map() };
}

const schemas = {
  Application: applicationSchema,
  AppProject: appProjectSchema,
  ApplicationSet: applicationSetSchema,
} satisfies Record<ArgoprojKind, z.ZodType>;

const buckets = {
  Application: 'applications',
  AppProject: 'projects',
  ApplicationSet: 'applicationSets',
} as const satisfies Record<ArgoprojKind, keyof Definitions>;

/** A YAML error of a whole file (a limit, a text that cannot be read) as a workspace problem. */
export function yamlProblem(file: string, error: YamlError): WorkspaceCondition {
  return {
    type: error.reason === 'limit' ? 'LimitError' : error.reason === 'read' ? 'ReadError' : 'ParseError',
    // The condition names the file itself.
    message: error.message.startsWith(`${file}: `) ? error.message.slice(file.length + 2) : error.message,
    file,
    ...(error.line !== undefined ? { line: error.line } : {}),
  };
}

/** Reads every argoproj.io definition in `text`, the content of workspace file `file`. */
export function readDefinitions(file: string, text: string, limits?: YamlLimits): Definitions {
  const found = emptyDefinitions();
  let parsed: ParsedFile;
  try {
    parsed = parseFile(text, file, limits);
  } catch (error) {
    if (!(error instanceof YamlError)) throw error;
    found.problems.push(yamlProblem(file, error));
    return found;
  }
  const byDocument = new Map<number, LoadedDefinition<unknown>>();
  for (const document of parsed.documents) {
    const loaded = readDocument(file, parsed, document, found, limits);
    if (loaded) byDocument.set(document.index, loaded);
  }
  // A repeated key is a warning on the definition it is in, or on the file.
  for (const warning of parsed.warnings) {
    const condition: WorkspaceCondition = {
      type: 'DuplicateKeyWarning',
      message: warning.message.replace(`${file}: `, ''),
      file,
      ...(warning.line !== undefined ? { line: warning.line } : {}),
    };
    (byDocument.get(warning.documentIndex)?.conditions ?? found.problems).push(condition);
  }
  return found;
}

function readDocument(
  file: string,
  parsed: ParsedFile,
  document: FileDocument,
  into: Definitions,
  limits: YamlLimits | undefined,
): LoadedDefinition<unknown> | undefined {
  const where = `document ${document.index + 1}`;
  const error = document.doc.errors[0];
  if (error) {
    const position = error.linePos?.[0];
    into.problems.push({
      type: 'ParseError',
      message: `${where}: ${error.message.split('\n')[0]?.replace(/:$/, '')}`,
      file,
      line: position?.line ?? lineOf(parsed, error.pos[0]),
      ...(position ? { column: position.col } : {}),
    });
    return;
  }
  let raw: unknown;
  try {
    raw = documentValue(parsed.yaml, document.index, { source: file, ...(limits ? { limits } : {}) });
  } catch (error) {
    // An alias bomb or a broken anchor parses but cannot be turned into data.
    if (!(error instanceof YamlError)) throw error;
    into.problems.push({
      ...yamlProblem(file, error),
      line: error.line ?? documentLine(parsed, document),
    });
    return;
  }
  if (!isRecord(raw) || typeof raw.apiVersion !== 'string') return;
  // Other kinds (a kustomization, a ConfigMap) may share the folder; they are not ours to judge.
  if (!raw.apiVersion.startsWith(`${ARGOPROJ_GROUP}/`)) return;

  const kind = argoprojKinds.find((known) => known === raw.kind);
  if (!kind) {
    into.problems.push({
      type: 'UnknownKindError',
      message: `${ARGOPROJ_GROUP} kind ${String(raw.kind)} (${where}) is not one Plumbline reads: ${argoprojKinds.join(', ')}`,
      file,
      line: lineOfPath(parsed, document, ['kind']),
    });
    return;
  }
  const metadata = isRecord(raw.metadata) ? raw.metadata : {};
  if (typeof metadata.name !== 'string' || metadata.name === '') {
    into.problems.push({
      type: 'InvalidSpecError',
      message: `${kind} (${where}) has no metadata.name`,
      file,
      line: lineOfPath(parsed, document, ['metadata', 'name']),
    });
    return;
  }
  const loaded = checkDefinition(kind, metadata.name, raw, file, parsed, document);
  (into[buckets[kind]] as LoadedDefinition<unknown>[]).push(loaded);
  into.lineOfField.set(loaded, (path) => lineOfPath(parsed, document, path));
  return loaded;
}

function checkDefinition(
  kind: ArgoprojKind,
  name: string,
  raw: Record<string, unknown>,
  file: string,
  parsed: ParsedFile,
  document: FileDocument,
): LoadedDefinition<unknown> {
  const origin = { file, documentIndex: document.index, line: documentLine(parsed, document) };
  const result = schemas[kind].safeParse(raw);
  if (result.success) return { name, origin, definition: result.data, raw, conditions: [] };
  const conditions = result.error.issues.map((issue): WorkspaceCondition => ({
    type: 'InvalidSpecError',
    message: issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message,
    file,
    line: lineOfPath(parsed, document, issue.path),
  }));
  return { name, origin, definition: null, raw, conditions };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// What a loaded workspace is: every definition found in its YAML files, each with the file and
// document it came from, and the conditions that say what is wrong with it.
import type { AppProject, Application, ApplicationConditionType, ApplicationSet } from '../model/index.ts';

/**
 * Problems with no Argo CD name: `ParseError` (the YAML does not parse), `UnknownKindError`
 * (an argoproj.io kind Plumbline does not read), `ReadError` (a file or folder cannot be read),
 * `LimitError` (a file over a YAML limit: size, nesting, documents, aliases, key size), and
 * `DuplicateKeyWarning` (a mapping key given twice: read as Argo CD reads it, the last value wins).
 */
export type WorkspaceProblemType =
  'ParseError' | 'UnknownKindError' | 'ReadError' | 'LimitError' | 'DuplicateKeyWarning';
export type WorkspaceConditionType = ApplicationConditionType | WorkspaceProblemType;

export interface WorkspaceCondition {
  type: WorkspaceConditionType;
  message: string;
  /** Path relative to the workspace folder, `/`-separated. */
  file: string;
  /** 1-based. */
  line?: number;
  /** 1-based. */
  column?: number;
}

export interface DefinitionOrigin {
  /** Path relative to the workspace folder, `/`-separated. */
  file: string;
  /** 0-based position of the document in a multi-document file. */
  documentIndex: number;
  /** 1-based line where the document's content starts. */
  line: number;
}

export interface LoadedDefinition<T> {
  name: string;
  origin: DefinitionOrigin;
  /** The checked definition; null when it failed its schema (the conditions say why). */
  definition: T | null;
  /** The document as written, unknown fields included. */
  raw: Record<string, unknown>;
  conditions: WorkspaceCondition[];
}

export type LoadedApplication = LoadedDefinition<Application>;
export type LoadedApplicationSet = LoadedDefinition<ApplicationSet>;
export interface LoadedProject extends Omit<LoadedDefinition<AppProject>, 'origin'> {
  /** null for the built-in `default` project, which exists when no file defines one. */
  origin: DefinitionOrigin | null;
}

export interface Workspace {
  /** Absolute path of the workspace folder. */
  dir: string;
  applications: LoadedApplication[];
  projects: LoadedProject[];
  applicationSets: LoadedApplicationSet[];
  /** Conditions that belong to no named definition. */
  problems: WorkspaceCondition[];
}

// Creates, updates and deletes Applications and AppProjects in the workspace's YAML files, and
// updates ApplicationSets.
// An update edits the document where the definition lives (comments and unknown fields kept);
// every write is atomic, and in a git workspace it is committed as well.
import { mkdir, stat, unlink } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { z } from 'zod';
import {
  DEFAULT_PROJECT,
  appProjectName,
  appProjectSchema,
  applicationSchema,
  applicationSetSchema,
  type AppProject,
  type Application,
  type ApplicationSet,
} from '../model/index.ts';
import { writeFileAtomic } from './atomic-write.ts';
import { documentValue, readYamlFile } from '../yaml/index.ts';
import { parseFile } from './documents.ts';
import { newDocumentText, removeDocument, replaceDocument } from './edit-document.ts';
import { commitFiles } from './git.ts';
import { loadWorkspace } from './load.ts';
import { isRecord } from './read-definitions.ts';
import type { LoadedDefinition, Workspace } from './types.ts';

export interface WriteResult {
  /** The file written or removed, relative to the workspace. */
  file: string;
  /** The commit that recorded the write; null outside a git workspace or when the file did not change. */
  commit: string | null;
}

interface Kind {
  kind: 'Application' | 'AppProject' | 'ApplicationSet';
  noun: 'application' | 'project' | 'ApplicationSet';
  schema: z.ZodType<{ metadata: { name: string } }>;
  /** Where new definitions go. */
  folder: string;
  loaded(workspace: Workspace): LoadedDefinition<unknown>[];
}

const applicationKind: Kind = {
  kind: 'Application',
  noun: 'application',
  schema: applicationSchema,
  folder: 'applications',
  loaded: (workspace) => workspace.applications,
};

const projectKind: Kind = {
  kind: 'AppProject',
  noun: 'project',
  schema: appProjectSchema,
  folder: 'projects',
  // The built-in default project has no file: updating it creates one.
  loaded: (workspace) =>
    workspace.projects.filter((project) => project.origin !== null) as LoadedDefinition<unknown>[],
};

const applicationSetKind: Kind = {
  kind: 'ApplicationSet',
  noun: 'ApplicationSet',
  schema: applicationSetSchema,
  folder: 'applicationsets',
  loaded: (workspace) => workspace.applicationSets,
};

export const createApplication = (dir: string, app: Application) => create(applicationKind, dir, app);
export const updateApplication = (dir: string, app: Application) => update(applicationKind, dir, app);
export const deleteApplication = (dir: string, name: string) => remove(applicationKind, dir, name);
export const createProject = (dir: string, project: AppProject) => create(projectKind, dir, project);
export const updateProject = (dir: string, project: AppProject) => update(projectKind, dir, project);
export const deleteProject = (dir: string, name: string) => remove(projectKind, dir, name);
export const updateApplicationSet = (dir: string, set: ApplicationSet) =>
  update(applicationSetKind, dir, set);

function create(kind: Kind, dir: string, value: unknown): Promise<WriteResult> {
  return serialised(dir, (root) => createIn(kind, root, value));
}

async function createIn(kind: Kind, root: string, value: unknown): Promise<WriteResult> {
  const name = checked(kind, value);
  const existing = findLoaded(kind, await loadWorkspace(root), name);
  if (existing) {
    throw new Error(`${kind.noun} ${name} already exists in ${existing.origin.file}:${existing.origin.line}`);
  }
  const file = `${kind.folder}/${name}.yaml`;
  const path = join(root, file);
  if (await exists(path)) throw new Error(`cannot create ${kind.noun} ${name}: ${file} already exists`);
  await mkdir(dirname(path), { recursive: true });
  await writeFileAtomic(path, newDocumentText(value));
  return { file, commit: await commitFiles(root, [file], `plumbline: create ${kind.noun} ${name}`) };
}

function update(kind: Kind, dir: string, value: unknown): Promise<WriteResult> {
  return serialised(dir, async (root) => {
    const name = checked(kind, value);
    const existing = findLoaded(kind, await loadWorkspace(root), name);
    if (!existing && kind === projectKind && name === DEFAULT_PROJECT) return createIn(kind, root, value);
    if (!existing) throw new Error(`${kind.noun} ${name} not found in the workspace`);
    const { file, documentIndex } = existing.origin;
    const parsed = await readDocumentOf(kind, root, existing);
    await writeFileAtomic(join(root, file), replaceDocument(parsed, documentIndex, value));
    return { file, commit: await commitFiles(root, [file], `plumbline: update ${kind.noun} ${name}`) };
  });
}

function remove(kind: Kind, dir: string, name: string): Promise<WriteResult> {
  return serialised(dir, async (root) => {
    const workspace = await loadWorkspace(root);
    const existing = findLoaded(kind, workspace, name);
    if (!existing && kind === projectKind && name === DEFAULT_PROJECT) {
      throw new Error('the default project is built in; there is no file to delete');
    }
    if (!existing) throw new Error(`${kind.noun} ${name} not found in the workspace`);
    if (kind === projectKind) refuseIfUsed(workspace, name);
    const { file, documentIndex } = existing.origin;
    const rest = removeDocument(await readDocumentOf(kind, root, existing), documentIndex);
    if (rest.trim() === '') await unlink(join(root, file));
    else await writeFileAtomic(join(root, file), rest);
    return { file, commit: await commitFiles(root, [file], `plumbline: delete ${kind.noun} ${name}`) };
  });
}

/** Validates a definition about to be written and returns its name. */
function checked(kind: Kind, value: unknown): string {
  const result = kind.schema.safeParse(value);
  if (result.success) return result.data.metadata.name;
  const metadata = isRecord(value) && isRecord(value.metadata) ? value.metadata : {};
  const issues = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
  throw new Error(`invalid ${kind.noun} ${String(metadata.name ?? '(unnamed)')}: ${issues}`);
}

function findLoaded(kind: Kind, workspace: Workspace, name: string): LoadedDefinition<unknown> | undefined {
  return kind.loaded(workspace).find((definition) => definition.name === name);
}

/** The parsed file holding `existing`, after checking the document is still the one loaded. */
async function readDocumentOf(kind: Kind, root: string, existing: LoadedDefinition<unknown>) {
  const { file, documentIndex } = existing.origin;
  const text = await readYamlFile(join(root, file), { what: 'workspace file', name: file });
  const parsed = parseFile(text, file);
  const raw: unknown = parsed.documents[documentIndex]
    ? documentValue(parsed.yaml, documentIndex, { source: file })
    : undefined;
  const metadata = isRecord(raw) && isRecord(raw.metadata) ? raw.metadata : undefined;
  if (!isRecord(raw) || raw.kind !== kind.kind || metadata?.name !== existing.name) {
    throw new Error(`${file} changed while ${kind.noun} ${existing.name} was being written; try again`);
  }
  return parsed;
}

function refuseIfUsed(workspace: Workspace, project: string): void {
  const users = workspace.applications.filter(
    (app) => app.definition && appProjectName(app.definition) === project,
  );
  if (users.length) {
    throw new Error(`project ${project} is used by application ${users.map((app) => app.name).join(', ')}`);
  }
}

function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

// One write at a time per workspace: each write reads the files, edits and commits them, and two
// interleaved writes would lose one edit or race for git's index lock.
const queues = new Map<string, Promise<unknown>>();

function serialised<T>(dir: string, write: (root: string) => Promise<T>): Promise<T> {
  const root = resolve(dir);
  const previous = queues.get(root) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(() => write(root));
  queues.set(root, next);
  void next
    .finally(() => {
      if (queues.get(root) === next) queues.delete(root);
    })
    .catch(() => undefined);
  return next;
}

// The Lua actions of the user's customizations folder (the health customizations setting), in
// Argo CD's resource_customizations layout: `<group>/<kind>/actions/discovery.lua` lists the
// actions of a kind (core kinds: `<kind>/actions/…`) and `actions/<name>/action.lua` runs one.
// Read when asked (an action is a user's click, not a loop), never outside the folder: the
// group, kind and action name become path segments only when they are plain names.
import { realpath } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { FileReadError, readRegularTextFile } from '../files/regularFile.ts';
import { compileScript, type CompiledScript } from '../health/lua/sandbox.ts';

const DISCOVERY_FILE = 'discovery.lua';
const ACTION_FILE = 'action.lua';
/** A script larger than this is refused unread. */
export const MAX_SCRIPT_BYTES = 1024 * 1024;

export const plainGroup = /^[A-Za-z0-9]([A-Za-z0-9.-]{0,252})?$/;
export const plainKind = /^[A-Za-z][A-Za-z0-9]{0,62}$/;
/** Argo CD's catalogue names actions like `restart`, `create-job`, `suspend_now`. */
export const plainActionName = /^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$/;

export type LoadedScript = { script: CompiledScript } | { error: string } | undefined;

function actionsFolder(dir: string, group: string, kind: string): string | undefined {
  if (!plainKind.test(kind) || (group !== '' && !plainGroup.test(group))) return undefined;
  return group === '' ? join(dir, kind, 'actions') : join(dir, group, kind, 'actions');
}

/** A script may be a link, but not to a file outside the folder (its text would show in errors). */
async function insideFolder(dir: string, path: string): Promise<boolean> {
  try {
    const [root, real] = await Promise.all([realpath(dir), realpath(path)]);
    return real.startsWith(`${root}${sep}`);
  } catch {
    return true; // missing: the read below says so
  }
}

async function load(dir: string, path: string, name: string): Promise<LoadedScript> {
  if (!(await insideFolder(dir, path)))
    return { error: `${name}: the script links to a file outside the customizations folder` };
  let source: string;
  try {
    source = await readRegularTextFile(path, { maxBytes: MAX_SCRIPT_BYTES, what: 'action script' });
  } catch (error) {
    if (error instanceof FileReadError && (error.code === 'ENOENT' || error.code === 'ENOTDIR'))
      return undefined;
    return { error: `read ${name}: ${(error as Error).message}` };
  }
  // scripts of a customizations folder get the open libraries, as Argo CD's catalogue does
  const compiled = compileScript(name, source, true);
  return 'error' in compiled ? { error: `${name}: ${compiled.error}` } : { script: compiled.script };
}

function relativeName(group: string, kind: string, ...rest: string[]): string {
  return [...(group ? [group] : []), kind, 'actions', ...rest].join('/');
}

export function discoveryScript(dir: string, group: string, kind: string): Promise<LoadedScript> {
  const folder = actionsFolder(dir, group, kind);
  if (!folder) return Promise.resolve(undefined);
  return load(dir, join(folder, DISCOVERY_FILE), relativeName(group, kind, DISCOVERY_FILE));
}

export function actionScript(
  dir: string,
  group: string,
  kind: string,
  action: string,
): Promise<LoadedScript> {
  const folder = actionsFolder(dir, group, kind);
  if (!folder || !plainActionName.test(action)) return Promise.resolve(undefined);
  return load(dir, join(folder, action, ACTION_FILE), relativeName(group, kind, action, ACTION_FILE));
}

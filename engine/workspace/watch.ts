// Notices hand edits to a workspace (YAML files created, changed, deleted, at any depth) and
// reloads it, reporting by name what changed. A burst of events (an editor's save, our own
// atomic write) becomes one reload after a quiet period; a reload that finds nothing different
// reports nothing, so Plumbline's own writes are reported once, as the change they made.
import { watch, type FSWatcher } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { diffWorkspaces, type WorkspaceChange } from './diff.ts';
import { loadWorkspace } from './load.ts';
import { isHiddenPath, isYamlFile } from './scan.ts';
import type { Workspace } from './types.ts';

export interface WatchOptions {
  /** Quiet period before a reload; 150 ms unless given. */
  debounceMs?: number;
  /** Called when the watcher itself fails (the folder vanished, too many watches). */
  onError?: (error: Error) => void;
}

export interface WorkspaceWatcher {
  /** The workspace as last loaded. */
  readonly workspace: Workspace;
  close(): void;
}

/** Loads `dir` (creating it when missing) and calls `onChange` after each edit that changes it. */
export async function watchWorkspace(
  dir: string,
  onChange: (change: WorkspaceChange) => void,
  options: WatchOptions = {},
): Promise<WorkspaceWatcher> {
  const root = resolve(dir);
  await mkdir(root, { recursive: true });
  const debounceMs = options.debounceMs ?? 150;
  let timer: NodeJS.Timeout | undefined;
  let loading = false;
  let again = false;
  let closed = false;

  const reload = async (): Promise<void> => {
    if (loading) {
      again = true;
      return;
    }
    loading = true;
    try {
      const next = await loadWorkspace(root);
      const change = diffWorkspaces(current, next);
      current = next;
      if (change && !closed) onChange(change);
    } finally {
      loading = false;
      if (again && !closed) {
        again = false;
        schedule();
      }
    }
  };
  const schedule = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => void reload().catch((error: Error) => options.onError?.(error)), debounceMs);
  };

  // Watch before the first load, so an edit made while loading is not missed.
  const watcher: FSWatcher = watch(root, { recursive: true }, (_event, filename) => {
    if (concernsWorkspace(filename)) schedule();
  });
  watcher.on('error', (error) => options.onError?.(error));
  let current = await loadWorkspace(root);

  return {
    get workspace() {
      return current;
    },
    close() {
      closed = true;
      clearTimeout(timer);
      watcher.close();
    },
  };
}

/** YAML files and folders (a folder renamed or removed takes its files along); not hidden paths. */
function concernsWorkspace(filename: string | Buffer | null): boolean {
  if (filename === null) return true;
  const path = filename.toString();
  if (isHiddenPath(path)) return false;
  const last = path.split(/[\\/]/).pop() ?? '';
  return isYamlFile(last) || !last.includes('.');
}

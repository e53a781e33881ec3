// One step of a sync: apply an object (a resource or a hook in one phase) or prune one, with
// its place in the order: phase, wave, kind, name.
import { keyOfObject } from '../cluster/index.ts';
import type { KubeObject } from '../diff/index.ts';
import { kindRank } from './kindOrder.ts';
import { metadataString } from './objectMeta.ts';
import { SYNC_PHASES, type SyncPhase } from './types.ts';

export interface SyncTask {
  /** keyOfObject of the object (for a generateName hook, of its name in this sync). */
  id: string;
  action: 'apply' | 'prune';
  /** What to apply, or the live object to prune. */
  obj: KubeObject;
  live?: KubeObject;
  phase: SyncPhase;
  wave: number;
  hook: boolean;
}

export function taskId(obj: KubeObject): string {
  return keyOfObject(obj);
}

function nameOf(task: SyncTask): string {
  return metadataString(task.obj, 'name') ?? '';
}

export function compareTasks(a: SyncTask, b: SyncTask): number {
  return (
    SYNC_PHASES.indexOf(a.phase) - SYNC_PHASES.indexOf(b.phase) ||
    a.wave - b.wave ||
    kindRank(String(a.obj.kind ?? '')) - kindRank(String(b.obj.kind ?? '')) ||
    nameOf(a).localeCompare(nameOf(b))
  );
}

type DependencyKey = (obj: KubeObject) => string | undefined;

/**
 * Moves each dependency (a Namespace, a CRD) right before the first task that needs it, taking
 * that task's phase and wave, as gitops-engine does after sorting.
 */
function moveDependenciesFirst(tasks: SyncTask[], providedBy: DependencyKey, neededBy: DependencyKey): void {
  const firstUser = new Map<string, number>();
  for (let i = 0; i < tasks.length; i++) {
    const task = tasks[i] as SyncTask;
    if (task.action !== 'apply') continue;
    const provided = providedBy(task.obj);
    if (provided !== undefined) {
      const index = firstUser.get(provided);
      if (index === undefined) continue;
      const user = tasks[index] as SyncTask;
      tasks.splice(i, 1);
      tasks.splice(index, 0, { ...task, phase: user.phase, wave: user.wave });
      for (const [key, at] of firstUser) if (at >= index) firstUser.set(key, at + 1);
      continue;
    }
    const needed = neededBy(task.obj);
    if (needed !== undefined && !firstUser.has(needed)) firstUser.set(needed, i);
  }
}

const namespaceName: DependencyKey = (obj) =>
  obj.kind === 'Namespace' && !String(obj.apiVersion ?? '').includes('/')
    ? metadataString(obj, 'name')
    : undefined;
const namespaceOf: DependencyKey = (obj) => metadataString(obj, 'namespace') || undefined;

function crdGroupKind(obj: KubeObject): string | undefined {
  if (obj.kind !== 'CustomResourceDefinition') return undefined;
  const spec = obj.spec as { group?: string; names?: { kind?: string } } | undefined;
  return spec?.group && spec.names?.kind ? `${spec.group}/${spec.names.kind}` : undefined;
}
const groupKindOf: DependencyKey = (obj) => {
  const apiVersion = String(obj.apiVersion ?? '');
  const slash = apiVersion.lastIndexOf('/');
  return slash < 0 ? undefined : `${apiVersion.slice(0, slash)}/${String(obj.kind)}`;
};

export function sortTasks(tasks: readonly SyncTask[]): SyncTask[] {
  const sorted = [...tasks].sort(compareTasks);
  moveDependenciesFirst(sorted, namespaceName, namespaceOf);
  moveDependenciesFirst(sorted, crdGroupKind, groupKindOf);
  return sorted;
}

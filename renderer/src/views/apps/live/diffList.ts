// Which resources the Diff tab lists and in what order: those that are not Synced (or all of
// them), differing ones first, then by kind, namespace and name, as the tree orders them.
import type { ResourceDiff, ResourceKey } from '../../../../../engine/api/contract.ts';
import type { DiffRow } from './diffRows.ts';
import { inChangedFields, nearChanges, type DiffScope } from './diffFolding.ts';
import { linesOfPointers } from './yamlPointers.ts';

export function describeKey(key: ResourceKey): string {
  return `${key.kind} ${key.namespace ? `${key.namespace}/` : ''}${key.name}`;
}

export function compareKeys(a: ResourceKey, b: ResourceKey): number {
  return (
    a.kind.localeCompare(b.kind) || a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name)
  );
}

export function resourcesToShow(resources: readonly ResourceDiff[], showAll: boolean): ResourceDiff[] {
  return resources
    .filter((resource) => showAll || resource.status !== 'Synced')
    .sort(
      (a, b) => Number(a.status === 'Synced') - Number(b.status === 'Synced') || compareKeys(a.key, b.key),
    );
}

/** Whether a resource opens unfolded: a differing one, while few differ. */
export function opensByDefault(resource: ResourceDiff, differing: number): boolean {
  return resource.status !== 'Synced' && differing <= 30;
}

/**
 * The changed-fields scope applies to a changed object with a field list; a missing or
 * extraneous object is all change, so it is shown whole.
 */
export function effectiveScope(resource: ResourceDiff, scope: DiffScope): DiffScope {
  return scope === 'changed' && resource.reason === 'changed' && resource.changedPaths.length > 0
    ? 'changed'
    : 'whole';
}

export const CONTEXT_LINES = 3;

/** The rows a resource's diff shows unfolded in a scope. */
export function shownRows(resource: ResourceDiff, rows: readonly DiffRow[], scope: DiffScope): boolean[] {
  if (effectiveScope(resource, scope) === 'whole') return nearChanges(rows, CONTEXT_LINES);
  return inChangedFields(
    rows,
    linesOfPointers(resource.liveYaml, resource.changedPaths),
    linesOfPointers(resource.desiredYaml, resource.changedPaths),
  );
}

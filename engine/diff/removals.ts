// Fields that a previous apply from git set and git no longer sets: applying git again
// removes them, so the client-side prediction must too. Two records tell what was applied:
// Plumbline's own server-side-apply field manager in managedFields, and kubectl's
// last-applied-configuration annotation (client-side apply, as Argo CD's default sync does).
import { isObject, toPointer, type PathSegment } from './json.ts';
import { itemKeyFor, pairItems } from './lists.ts';
import { locate, ownedFields, type ManagedFieldsEntry } from './managedFields.ts';
import type { KubeObject } from './types.ts';

function isPresent(value: unknown): boolean {
  return value !== undefined && value !== null;
}

/** Walks last-applied beside desired and live; what only last-applied and live have goes. */
function walkLastApplied(
  applied: unknown,
  desired: unknown,
  live: unknown,
  path: PathSegment[],
  out: string[],
): void {
  if (isObject(applied) && isObject(live)) {
    const wanted = isObject(desired) ? desired : {};
    for (const [k, value] of Object.entries(applied)) {
      if (!isPresent(live[k])) continue;
      const bothNested =
        (isObject(value) && isObject(live[k])) || (Array.isArray(value) && Array.isArray(live[k]));
      if (isPresent(wanted[k]) || bothNested) walkLastApplied(value, wanted[k], live[k], [...path, k], out);
      else out.push(toPointer([...path, k]));
    }
    return;
  }
  if (!Array.isArray(applied) || !Array.isArray(live)) return;
  const wanted = Array.isArray(desired) ? desired : [];
  const key = itemKeyFor(path[path.length - 1], [applied, wanted, live]);
  if (key === undefined) return; // lists without keys are replaced whole by git's list
  const wantedKeys = new Set(wanted.map(key));
  const wantedByKey = new Map(wanted.map((item) => [key(item), item]));
  for (const pair of pairItems(applied, live, key)) {
    if (pair.a === undefined || pair.b === undefined) continue;
    const itemKey = key(applied[pair.a]);
    if (wantedKeys.has(itemKey)) {
      walkLastApplied(applied[pair.a], wantedByKey.get(itemKey), live[pair.b], [...path, pair.b], out);
    } else {
      out.push(toPointer([...path, pair.b]));
    }
  }
}

/** Fields Plumbline's field manager applied that desired no longer has, located in live. */
function ownRemovals(desired: KubeObject, live: KubeObject, records: AppliedRecords): string[] {
  const out: string[] = [];
  for (const entry of records.managedFields) {
    if (entry.manager !== records.fieldManager || entry.operation !== 'Apply' || entry.subresource) continue;
    for (const owned of ownedFields(entry.fieldsV1)) {
      const lastStep = owned.steps[owned.steps.length - 1];
      // A `.` on a map only says the map exists; on a list item it owns the item itself.
      if (owned.self && (lastStep === undefined || 'field' in lastStep)) continue;
      if (locate(desired, owned.steps) !== undefined) continue;
      const pointer = locate(live, owned.steps);
      if (pointer !== undefined) out.push(pointer);
    }
  }
  return out;
}

export interface AppliedRecords {
  /** The last-applied-configuration, normalised like desired. */
  lastApplied?: KubeObject;
  /** Live's managedFields (normalisation strips them from live itself). */
  managedFields: ManagedFieldsEntry[];
  fieldManager: string;
}

/** Pointers into `live` of what applying `desired` would remove. */
export function removedByApply(desired: KubeObject, live: KubeObject, records: AppliedRecords): string[] {
  const out = ownRemovals(desired, live, records);
  if (records.lastApplied !== undefined) walkLastApplied(records.lastApplied, desired, live, [], out);
  return [...new Set(out)];
}

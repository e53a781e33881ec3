// ignoreDifferences' managedFieldsManagers, as Argo CD applies it: where git and the cluster
// disagree on a field that one of the trusted managers owns (an HPA's replicas, a mutating
// controller's annotation), that manager wins and the field leaves the comparison on both sides.
import { deepEqual, getAt, parsePointer, removeAll } from './json.ts';
import { locate, ownedFields, type ManagedFieldsEntry } from './managedFields.ts';
import type { KubeObject } from './types.ts';

/** Removes in place, from both objects, trusted-manager fields whose values differ. */
export function dropTrustedManagerFields(
  managers: readonly string[],
  managedFields: readonly ManagedFieldsEntry[],
  desired: KubeObject,
  live: KubeObject,
): void {
  if (managers.length === 0) return;
  const fromDesired: string[] = [];
  const fromLive: string[] = [];
  for (const entry of managedFields) {
    if (entry.manager === undefined || !managers.includes(entry.manager)) continue;
    for (const owned of ownedFields(entry.fieldsV1)) {
      if (owned.self) continue;
      const inDesired = locate(desired, owned.steps);
      const inLive = locate(live, owned.steps);
      if (inDesired === undefined || inLive === undefined) continue;
      if (deepEqual(getAt(desired, parsePointer(inDesired)), getAt(live, parsePointer(inLive)))) continue;
      fromDesired.push(inDesired);
      fromLive.push(inLive);
    }
  }
  removeAll(desired, fromDesired);
  removeAll(live, fromLive);
}

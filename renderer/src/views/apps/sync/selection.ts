// Selective sync: which of an application's resources the reader can pick (hooks run only in a
// full sync, so they are not offered), the quick selections, and what the sync call is given —
// no list at all when everything is picked, so hooks and new objects still take part.
import type { ResourceDiff } from '../../../../../engine/api/contract.ts';
import { compareKeys } from '../live/diffList.ts';

export function selectableResources(resources: readonly ResourceDiff[]): ResourceDiff[] {
  return resources
    .filter((resource) => !resource.hook)
    .sort(
      (a, b) => Number(a.status === 'Synced') - Number(b.status === 'Synced') || compareKeys(a.key, b.key),
    );
}

export function allIds(resources: readonly ResourceDiff[]): Set<string> {
  return new Set(resources.map((resource) => resource.id));
}

export function outOfSyncIds(resources: readonly ResourceDiff[]): Set<string> {
  return new Set(resources.filter((resource) => resource.status !== 'Synced').map((r) => r.id));
}

export function toggled(selected: ReadonlySet<string>, id: string): Set<string> {
  const next = new Set(selected);
  if (!next.delete(id)) next.add(id);
  return next;
}

/** The `resources` of apps.sync: undefined for a full sync, else the picked ids in list order. */
export function selectiveResources(
  resources: readonly ResourceDiff[],
  selected: ReadonlySet<string>,
): string[] | undefined {
  const picked = resources.filter((resource) => selected.has(resource.id)).map((r) => r.id);
  return picked.length === resources.length ? undefined : picked;
}

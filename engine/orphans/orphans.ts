// Argo CD's orphaned resources (AppProject `orphanedResources`): the top-level objects (no
// owner) of an application's destination namespace that no application tracks. Left out, as in
// Argo CD: what the application itself has, objects another existing application tracks, the
// objects every namespace has (the `default` ServiceAccount, the `kube-root-ca.crt` ConfigMap,
// the `kubernetes` Service of `default`), the project's `ignore` list (group/kind/name globs;
// an empty kind or name matches any) and kinds the project does not permit. The kinds Argo CD
// never watches (Events, Leases, metrics, Endpoints…) are never listed at all (listOrphanCandidates).
import { objectKey, type KubeObject } from '../diff/index.ts';
import { trackingIdOf } from '../diff/tracking.ts';
import type { AppProject } from '../model/index.ts';
import { policyGlobMatch as globMatch } from '../policy/glob.ts';

export interface Orphan {
  /** `group/kind/namespace/name`, as tree ids are. */
  id: string;
  group: string;
  kind: string;
  namespace: string;
  name: string;
}

export interface OrphanInput {
  /** The objects of the namespace (any order); those with owners are not top-level and skipped. */
  objects: readonly KubeObject[];
  project: AppProject;
  /** Ids of the application's own objects (its tree). */
  own: ReadonlySet<string>;
  /** Applications that exist: an object tracked by one of them is theirs. */
  applications: ReadonlySet<string>;
}

type Ignored = { group?: string; kind?: string; name?: string };

/** The objects every namespace has, which nobody deploys. */
export function isKnownExclusion(key: {
  group: string;
  kind: string;
  namespace: string;
  name: string;
}): boolean {
  if (key.group !== '') return false;
  return (
    (key.kind === 'Service' && key.name === 'kubernetes' && key.namespace === 'default') ||
    (key.kind === 'ServiceAccount' && key.name === 'default') ||
    (key.kind === 'ConfigMap' && key.name === 'kube-root-ca.crt')
  );
}

function ignoredBy(list: readonly Ignored[], key: { group: string; kind: string; name: string }): boolean {
  return list.some(
    (item) =>
      (!item.kind || globMatch(item.kind, key.kind)) &&
      globMatch(item.group ?? '', key.group) &&
      (!item.name || globMatch(item.name, key.name)),
  );
}

type GroupKind = { group?: string; kind?: string };
const listed = (list: readonly GroupKind[] | undefined, group: string, kind: string) =>
  (list ?? []).some((entry) => globMatch(entry.group || '', group) && globMatch(entry.kind || '', kind));

/** Argo CD's IsGroupKindNamePermitted for a namespaced kind: not blacklisted, whitelisted when a whitelist exists. */
function permitted(project: AppProject, group: string, kind: string): boolean {
  const whitelist = project.spec.namespaceResourceWhitelist;
  if (listed(project.spec.namespaceResourceBlacklist, group, kind)) return false;
  return !whitelist || listed(whitelist, group, kind);
}

function hasOwner(obj: KubeObject): boolean {
  const owners = (obj.metadata as { ownerReferences?: unknown[] } | undefined)?.ownerReferences;
  return Array.isArray(owners) && owners.length > 0;
}

export function findOrphans({ objects, project, own, applications }: OrphanInput): Orphan[] {
  const ignore = (project.spec.orphanedResources?.ignore ?? []) as Ignored[];
  const orphans: Orphan[] = [];
  for (const obj of objects) {
    const key = objectKey(obj);
    const id = `${key.group}/${key.kind}/${key.namespace}/${key.name}`;
    if (!key.namespace || hasOwner(obj) || own.has(id)) continue;
    if (isKnownExclusion(key) || ignoredBy(ignore, key) || !permitted(project, key.group, key.kind)) continue;
    const tracked = trackingIdOf(obj);
    if (tracked && applications.has(tracked.appName)) continue;
    orphans.push({ id, ...key });
  }
  return orphans.sort((a, b) => a.id.localeCompare(b.id));
}

/** Argo CD's condition, when the project asks for warnings (`warn: true`). */
export function orphanWarning(project: AppProject, orphans: readonly Orphan[]): string | null {
  if (project.spec.orphanedResources?.warn !== true || orphans.length === 0) return null;
  return `Application has ${orphans.length} orphaned resources`;
}

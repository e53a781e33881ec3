// The project rules every write to a cluster passes, as Argo CD's AppProject states them: a
// namespaced object's destination (cluster and namespace) must be one of the project's; a
// cluster-scoped object has no namespace to check — Argo CD checks only its kind, which must be
// whitelisted (an empty whitelist allows none) — but its cluster must still be the project's,
// as Argo CD's check of the application's own destination makes it. A namespaced kind must not
// be blacklisted and, when a namespaced whitelist exists, must be on it.
import { objectKey, type KubeObject } from '../diff/index.ts';
import { policyGlobMatch as globMatch } from './glob.ts';
import type { AppProject } from '../model/index.ts';

export type Verdict = { allowed: true } | { allowed: false; message: string };

export interface WriteTarget {
  /** The destination cluster as the application names it (context name or server URL). */
  cluster: string;
  /** The namespace the object lives in; '' for cluster-scoped objects. */
  namespace: string;
  /** The application's destination namespace: what a cluster-scoped object's cluster is checked with. */
  destinationNamespace?: string;
  obj: KubeObject;
}

type GroupKind = { group?: string; kind?: string };

function listed(list: readonly GroupKind[] | undefined, group: string, kind: string): boolean {
  return (list ?? []).some(
    (entry) => globMatch(entry.group || '', group) && globMatch(entry.kind || '', kind),
  );
}

/** Argo CD's glob match for destinations: a leading `!` inverts it, a plain `*` matches anything. */
function matches(pattern: string, value: string): boolean {
  if (pattern.startsWith('!')) return !globMatch(pattern.slice(1), value);
  return pattern === '*' || globMatch(pattern, value);
}

const denies = (pattern: string | undefined) => pattern?.startsWith('!') ?? false;

/**
 * Argo CD's destination rule: any destination matching (cluster by name or server, and
 * namespace) permits, unless an entry with a `!` cluster or namespace refuses first. The
 * application names its cluster by one string, which stands for both its name and server here.
 */
function destinationAllowed(project: AppProject, cluster: string, namespace: string): boolean {
  let anyMatched = false;
  for (const item of project.spec.destinations ?? []) {
    const nameMatched = cluster !== '' && matches(item.name ?? '', cluster);
    const serverMatched = cluster !== '' && matches(item.server ?? '', cluster);
    const namespaceMatched = matches(item.namespace ?? '', namespace);
    if ((serverMatched || nameMatched) && namespaceMatched) anyMatched = true;
    else if (
      (!nameMatched && denies(item.name)) ||
      (!serverMatched && denies(item.server) && namespaceMatched)
    )
      return false;
    else if (!namespaceMatched && denies(item.namespace) && serverMatched) return false;
  }
  return anyMatched;
}

export function authorizeWrite(project: AppProject, target: WriteTarget): Verdict {
  const { group, kind, name } = objectKey(target.obj);
  const projectName = project.metadata.name;
  const what = `${group ? `${group}/` : ''}${kind} ${target.namespace ? `${target.namespace}/` : ''}${name}`;
  const namespace = target.namespace || (target.destinationNamespace ?? '');
  if (!destinationAllowed(project, target.cluster, namespace)) {
    return {
      allowed: false,
      message: target.namespace
        ? `project ${projectName} does not allow deploying to ${target.cluster}/${target.namespace} (${what})`
        : `project ${projectName} does not allow the application's destination ${target.cluster}/${namespace || '(no namespace)'} (${what})`,
    };
  }
  if (!target.namespace) {
    if (
      !listed(project.spec.clusterResourceWhitelist, group, kind) ||
      listed(project.spec.clusterResourceBlacklist, group, kind)
    ) {
      return {
        allowed: false,
        message: `project ${projectName} does not allow the cluster-scoped kind ${group ? `${group}/` : ''}${kind} (${what})`,
      };
    }
    return { allowed: true };
  }
  const whitelist = project.spec.namespaceResourceWhitelist;
  if (
    listed(project.spec.namespaceResourceBlacklist, group, kind) ||
    (whitelist && !listed(whitelist, group, kind))
  ) {
    return {
      allowed: false,
      message: `project ${projectName} does not allow the kind ${group ? `${group}/` : ''}${kind} (${what})`,
    };
  }
  return { allowed: true };
}

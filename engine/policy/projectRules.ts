// The project rules every write to a cluster passes, as Argo CD's AppProject states them: the
// destination (cluster and namespace) must be one of the project's, a cluster-scoped kind must be
// whitelisted (an empty whitelist allows none), a namespaced kind must not be blacklisted and,
// when a namespaced whitelist exists, must be on it.
import { objectKey, type KubeObject } from '../diff/index.ts';
import { globMatch } from '../diff/glob.ts';
import type { AppProject } from '../model/index.ts';

export type Verdict = { allowed: true } | { allowed: false; message: string };

export interface WriteTarget {
  /** The destination cluster as the application names it (context name or server URL). */
  cluster: string;
  /** The namespace the object lives in; '' for cluster-scoped objects. */
  namespace: string;
  obj: KubeObject;
}

type GroupKind = { group?: string; kind?: string };

function listed(list: readonly GroupKind[] | undefined, group: string, kind: string): boolean {
  return (list ?? []).some(
    (entry) => globMatch(entry.group || '', group) && globMatch(entry.kind || '', kind),
  );
}

/** A destination pattern; a leading `!` excludes, as in Argo CD. */
function matches(pattern: string | undefined, value: string): boolean {
  return pattern === undefined || globMatch(pattern.replace(/^!/, ''), value) !== pattern.startsWith('!');
}

function destinationAllowed(project: AppProject, cluster: string, namespace: string): boolean {
  const destinations = project.spec.destinations ?? [];
  const clusterMatches = (d: { server?: string; name?: string }) =>
    matches(d.name ?? d.server ?? '*', cluster);
  const excluded = destinations.some(
    (d) =>
      (d.namespace?.startsWith('!') || (d.name ?? d.server)?.startsWith('!')) &&
      !(clusterMatches(d) && matches(d.namespace, namespace)),
  );
  return !excluded && destinations.some((d) => clusterMatches(d) && matches(d.namespace, namespace));
}

export function authorizeWrite(project: AppProject, target: WriteTarget): Verdict {
  const { group, kind, name } = objectKey(target.obj);
  const projectName = project.metadata.name;
  const what = `${group ? `${group}/` : ''}${kind} ${target.namespace ? `${target.namespace}/` : ''}${name}`;
  if (!destinationAllowed(project, target.cluster, target.namespace || '*')) {
    return {
      allowed: false,
      message: `project ${projectName} does not allow deploying to ${target.cluster}/${target.namespace || '(cluster)'} (${what})`,
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

// A cluster registered with a list of namespaces is managed in those namespaces only, as Argo CD's
// namespace-scoped clusters are: Plumbline writes nothing elsewhere and nothing cluster-scoped
// there (its credentials are usually not allowed to, and the user said so when registering it).
import { objectKey, type KubeObject } from '../diff/index.ts';
import type { Verdict } from './projectRules.ts';

export function clusterNamespacesAllow(
  cluster: { label: string; namespaces?: readonly string[] | undefined },
  target: { namespace: string; obj: KubeObject },
): Verdict {
  const namespaces = cluster.namespaces ?? [];
  if (namespaces.length === 0) return { allowed: true };
  const { group, kind, name } = objectKey(target.obj);
  const what = `${group ? `${group}/` : ''}${kind} ${target.namespace ? `${target.namespace}/` : ''}${name}`;
  if (!target.namespace)
    return {
      allowed: false,
      message: `cluster ${cluster.label} is registered for namespaces ${namespaces.join(', ')} only: it takes no cluster-scoped objects (${what})`,
    };
  if (namespaces.includes(target.namespace)) return { allowed: true };
  return {
    allowed: false,
    message: `cluster ${cluster.label} is registered for namespaces ${namespaces.join(', ')} only (${what})`,
  };
}

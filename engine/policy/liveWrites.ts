// The gate for a user's write to one live object of an application (an action, a delete, an
// edit): the same rules a sync passes — the registered cluster's namespaces, then the project's
// destinations and kinds — so no click reaches what a sync could not.
import { objectKey, type KubeObject } from '../diff/index.ts';
import type { AppProject, Application } from '../model/index.ts';
import { clusterNamespacesAllow } from './clusterNamespaces.ts';
import { authorizeWrite, type Verdict } from './projectRules.ts';

export function authorizeLiveWrite(
  app: Application,
  project: AppProject,
  cluster: { label: string; namespaces?: readonly string[] | undefined },
  obj: KubeObject,
): Verdict {
  const target = { namespace: objectKey(obj).namespace, obj };
  const inCluster = clusterNamespacesAllow(cluster, target);
  if (!inCluster.allowed) return inCluster;
  return authorizeWrite(project, {
    cluster: app.spec.destination.name ?? app.spec.destination.server ?? '',
    destinationNamespace: app.spec.destination.namespace ?? '',
    ...target,
  });
}

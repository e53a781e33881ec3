// Every object of one namespace, as metadata only: what orphaned resources are looked for in.
// One list per namespaced kind the cluster serves, except the kinds Argo CD never watches —
// high-churn bookkeeping nobody deploys (Events, Leases, metrics, Endpoints and their slices,
// the review kinds) — a few lists at a time.
import type { ClusterConnection } from '../cluster/clusterConnection.ts';
import type { ApiResource } from '../cluster/discovery.ts';
import type { KubeObject } from '../diff/index.ts';

const EXCLUDED_GROUPS = new Set([
  'events.k8s.io',
  'metrics.k8s.io',
  'authentication.k8s.io',
  'authorization.k8s.io',
]);
const EXCLUDED_KINDS = new Set([
  '/Event',
  'coordination.k8s.io/Lease',
  '/Endpoints',
  'discovery.k8s.io/EndpointSlice',
  '/Binding',
  '/ComponentStatus',
]);
/** Lists at once. */
const PARALLEL = 4;
/** Objects of one kind read at most (the first page). */
const PAGE = 2000;

export function consideredKind(resource: ApiResource): boolean {
  return (
    resource.namespaced &&
    resource.verbs.includes('list') &&
    !EXCLUDED_GROUPS.has(resource.group) &&
    !EXCLUDED_KINDS.has(`${resource.group}/${resource.kind}`)
  );
}

export async function listOrphanCandidates(
  conn: ClusterConnection,
  namespace: string,
): Promise<KubeObject[]> {
  const kinds = (await conn.apiResources()).filter(consideredKind);
  const objects: KubeObject[] = [];
  let next = 0;
  const worker = async () => {
    while (next < kinds.length) {
      const resource = kinds[next++]!;
      const apiVersion = resource.group ? `${resource.group}/${resource.version}` : resource.version;
      const list = await conn.requestJson<{ items?: Array<{ metadata?: Record<string, unknown> }> }>({
        verb: 'list',
        method: 'GET',
        path: conn.resourcePath(resource, namespace),
        query: { limit: PAGE },
        accept: 'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json',
        what: `list ${resource.plural} of namespace ${namespace}`,
      });
      for (const item of list.items ?? [])
        objects.push({ apiVersion, kind: resource.kind, metadata: { ...item.metadata, namespace } });
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, kinds.length) }, worker));
  return objects;
}

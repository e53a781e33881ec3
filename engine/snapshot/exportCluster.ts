// Reads a snapshot of a cluster that answers now: every listable kind the discovery names (but
// events and leases, which change every second and say nothing of drift), in the namespaces
// asked (plus cluster-scoped kinds), page by page, up to the snapshot's object limit. The
// objects lose managedFields (noise, and the bulk of an object); Secrets lose their values.
import type { ClusterConnection } from '../cluster/index.ts';
import type { ApiResource } from '../cluster/discovery.ts';
import type { KubeObject } from '../diff/index.ts';
import {
  SNAPSHOT_FORMAT,
  SNAPSHOT_LIMITS,
  SNAPSHOT_VERSION,
  SnapshotError,
  type SnapshotFile,
} from './format.ts';
import { compactObject } from './compactObject.ts';

const SKIPPED = new Set(['/Event', 'events.k8s.io/Event', 'coordination.k8s.io/Lease']);

interface ListPage {
  items?: Record<string, unknown>[];
  metadata?: { continue?: string };
}

export async function exportCluster(
  connection: ClusterConnection,
  cluster: { name: string; server: string | null },
  namespaces: readonly string[] | null,
): Promise<SnapshotFile> {
  const resources = (await connection.apiResources()).filter(
    (r) => r.verbs.includes('list') && !SKIPPED.has(`${r.group}/${r.kind}`) && !r.plural.includes('/'),
  );
  const objects: SnapshotFile['objects'] = [];
  for (const resource of resources) {
    const scopes = resource.namespaced && namespaces?.length ? namespaces : [undefined];
    for (const namespace of scopes) {
      for (const object of await listAll(connection, resource, namespace)) {
        if (objects.length >= SNAPSHOT_LIMITS.objects)
          throw new SnapshotError(
            `export of ${cluster.name}: more than ${SNAPSHOT_LIMITS.objects} objects; limit it to some namespaces`,
            'too-large',
          );
        objects.push({ observedAt: new Date().toISOString(), object: compactObject(object) as never });
      }
    }
  }
  return {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    cluster,
    exportedAt: new Date().toISOString(),
    namespaces: namespaces?.length ? [...namespaces] : null,
    objects,
  };
}

async function listAll(
  connection: ClusterConnection,
  resource: ApiResource,
  namespace: string | undefined,
): Promise<KubeObject[]> {
  const apiVersion = resource.group === '' ? resource.version : `${resource.group}/${resource.version}`;
  const objects: KubeObject[] = [];
  let token: string | undefined;
  do {
    const page = await connection.requestJson<ListPage>({
      verb: 'list',
      method: 'GET',
      path: connection.resourcePath(resource, namespace),
      query: { limit: 500, continue: token },
      what: `list ${apiVersion} ${resource.plural}${namespace ? ` in namespace ${namespace}` : ''} for a snapshot`,
    });
    // items of a list response carry no apiVersion/kind of their own
    for (const item of page.items ?? []) objects.push({ apiVersion, kind: resource.kind, ...item });
    token = page.metadata?.continue || undefined;
  } while (token);
  return objects;
}

// The Kubernetes Events of many objects at once — an application's events tab — read with one
// list per namespace instead of one per object, and matched to the objects by uid (or by kind,
// namespace and name for an object the cache has no uid for).
import { objectKey, type KubeObject } from '../diff/index.ts';
import type { ClusterConnection } from './clusterConnection.ts';
import { toObjectEvent, type CoreEvent, type ObjectEvent } from './objectEvents.ts';

/** Events per namespace read at most; the newest are kept. */
const LIST_LIMIT = 1000;

export interface EventOfObject extends ObjectEvent {
  /** The object's index in the list given. */
  object: number;
}

export async function eventsOfObjects(
  connection: ClusterConnection,
  objects: readonly KubeObject[],
): Promise<EventOfObject[]> {
  const byUid = new Map<string, number>();
  const byName = new Map<string, number>();
  const namespaces = new Set<string>();
  objects.forEach((obj, index) => {
    const { kind, namespace, name } = objectKey(obj);
    const uid = (obj.metadata as { uid?: string } | undefined)?.uid;
    if (uid) byUid.set(uid, index);
    byName.set(`${kind}/${namespace}/${name}`, index);
    namespaces.add(namespace);
  });
  const found: EventOfObject[] = [];
  for (const namespace of namespaces) {
    const path = namespace ? `/api/v1/namespaces/${encodeURIComponent(namespace)}/events` : '/api/v1/events';
    const list = await connection.requestJson<{ items?: CoreEvent[] }>({
      verb: 'list',
      method: 'GET',
      path,
      query: { limit: LIST_LIMIT },
      what: `list events${namespace ? ` of namespace ${namespace}` : ''}`,
    });
    for (const item of list.items ?? []) {
      const involved = item.involvedObject ?? {};
      const index =
        (involved.uid ? byUid.get(involved.uid) : undefined) ??
        byName.get(`${involved.kind ?? ''}/${involved.namespace ?? ''}/${involved.name ?? ''}`);
      if (index !== undefined) found.push({ ...toObjectEvent(item), object: index });
    }
  }
  const time = (e: ObjectEvent): number => Date.parse(e.lastSeen ?? '') || 0;
  return found.sort((a, b) => time(b) - time(a));
}

// The Kubernetes Events about one object, newest first: what the UI shows under a selected
// object (scheduling, pulls, probes, scaling). Matched by the object's uid when it has one,
// else by kind, name and namespace.
import { objectKey, type KubeObject } from '../diff/index.ts';
import type { ClusterConnection } from './clusterConnection.ts';

export interface ObjectEvent {
  name: string;
  /** `Normal` or `Warning`. */
  type: string;
  reason: string;
  message: string;
  count: number;
  firstSeen?: string;
  lastSeen?: string;
  /** The component that reported it (`default-scheduler`, `kubelet`…). */
  source: string;
}

export interface CoreEvent {
  involvedObject?: { uid?: string; kind?: string; name?: string; namespace?: string };
  metadata?: { name?: string; creationTimestamp?: string };
  type?: string;
  reason?: string;
  message?: string;
  count?: number;
  firstTimestamp?: string;
  lastTimestamp?: string;
  eventTime?: string;
  series?: { count?: number; lastObservedTime?: string };
  source?: { component?: string; host?: string };
  reportingComponent?: string;
}

/** Field selector values escape `\`, `,` and `=`. */
function selectorValue(value: string): string {
  return value.replace(/[\\,=]/g, (c) => `\\${c}`);
}

export function toObjectEvent(e: CoreEvent): ObjectEvent {
  const lastSeen =
    e.series?.lastObservedTime ?? e.lastTimestamp ?? e.eventTime ?? e.metadata?.creationTimestamp;
  return {
    name: e.metadata?.name ?? '',
    type: e.type ?? '',
    reason: e.reason ?? '',
    message: e.message ?? '',
    count: e.series?.count ?? e.count ?? 1,
    firstSeen: e.firstTimestamp ?? e.eventTime ?? e.metadata?.creationTimestamp,
    lastSeen,
    source: e.source?.component || e.reportingComponent || '',
  };
}

export async function events(connection: ClusterConnection, obj: KubeObject): Promise<ObjectEvent[]> {
  const { kind, namespace, name } = objectKey(obj);
  const uid = (obj.metadata as { uid?: string } | undefined)?.uid;
  const terms: Record<string, string> = uid
    ? { 'involvedObject.uid': uid }
    : { 'involvedObject.kind': kind, 'involvedObject.name': name, 'involvedObject.namespace': namespace };
  const fieldSelector = Object.entries(terms)
    .map(([field, value]) => `${field}=${selectorValue(value)}`)
    .join(',');
  // Events about cluster-scoped objects (nodes, namespaces) live in whichever namespace
  // the reporter chose, usually `default`: search them all.
  const path = namespace ? `/api/v1/namespaces/${encodeURIComponent(namespace)}/events` : '/api/v1/events';
  const list = await connection.requestJson<{ items?: CoreEvent[] }>({
    verb: 'list',
    method: 'GET',
    path,
    query: { fieldSelector, limit: 500 },
    what: `list events of ${kind} ${namespace ? `${namespace}/` : ''}${name}`,
  });
  const time = (e: ObjectEvent): number => Date.parse(e.lastSeen ?? '') || 0;
  return (list.items ?? []).map(toObjectEvent).sort((a, b) => time(b) - time(a));
}

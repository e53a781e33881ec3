// Writes what an action returned, as Argo CD's server does: every object passes the policy
// first and every create is dry-run first, so a refusal changes nothing; then each patch is a
// JSON merge patch from the live object (status through the status subresource when the kind
// has one) and each create a POST. The connection is the user's own: their credentials write.
import type { ClusterConnection } from '../cluster/clusterConnection.ts';
import { KubeApiError } from '../cluster/apiError.ts';
import { objectKey, type KubeObject } from '../diff/index.ts';
import type { Verdict } from '../policy/projectRules.ts';
import { createMergePatch } from './mergePatch.ts';
import type { ImpactedResource } from './types.ts';

const FIELD_MANAGER = 'plumbline';

export interface WrittenResource {
  operation: 'patch' | 'create';
  group: string;
  kind: string;
  namespace: string;
  name: string;
  /** false: the patch changed nothing, so nothing was sent */
  changed: boolean;
}

function describe(obj: KubeObject): string {
  const { group, kind, namespace, name } = objectKey(obj);
  return `${group ? `${group}/` : ''}${kind} ${namespace ? `${namespace}/` : ''}${name}`;
}

async function target(conn: ClusterConnection, obj: KubeObject, verb: string) {
  const key = objectKey(obj);
  const resource = await conn.resourceFor(key.group, key.kind);
  if (!resource) throw new Error(`${verb} ${describe(obj)}: ${conn.context} does not serve this kind`);
  return { key, resource, namespace: resource.namespaced ? key.namespace : undefined };
}

async function create(conn: ClusterConnection, obj: KubeObject, dryRun: boolean): Promise<KubeObject> {
  const { resource, namespace } = await target(conn, obj, 'create');
  return conn.requestJson<KubeObject>({
    verb: 'patch',
    method: 'POST',
    path: conn.resourcePath(resource, namespace),
    query: { fieldManager: FIELD_MANAGER, ...(dryRun ? { dryRun: 'All' } : {}) },
    body: JSON.stringify(obj),
    contentType: 'application/json',
    what: `${dryRun ? 'dry-run create' : 'create'} ${describe(obj)}`,
  });
}

async function patch(conn: ClusterConnection, live: KubeObject, next: KubeObject): Promise<boolean> {
  const diff = createMergePatch(live, next);
  if (Object.keys(diff).length === 0) return false;
  const { resource, namespace, key } = await target(conn, next, 'patch');
  const send = (body: Record<string, unknown>, subresource = '') =>
    conn.requestJson<KubeObject>({
      verb: 'patch',
      method: 'PATCH',
      path: `${conn.resourcePath(resource, namespace, key.name)}${subresource}`,
      query: { fieldManager: FIELD_MANAGER },
      body: JSON.stringify(body),
      contentType: 'application/merge-patch+json',
      what: `patch ${describe(next)}${subresource}`,
    });
  let rest: Record<string, unknown> | undefined = diff;
  if ('status' in diff) {
    try {
      await send(diff, '/status');
      const { status: _status, ...others } = diff;
      rest = Object.keys(others).length > 0 ? others : undefined;
    } catch (error) {
      // no status subresource: the whole patch goes to the object
      if (!(error instanceof KubeApiError && error.status === 404)) throw error;
    }
  }
  if (rest) await send(rest);
  return true;
}

export async function writeImpacted(
  conn: ClusterConnection,
  live: KubeObject,
  impacted: ImpactedResource[],
  authorize: (obj: KubeObject) => Verdict,
): Promise<WrittenResource[]> {
  for (const { resource } of impacted) {
    const verdict = authorize(resource);
    if (!verdict.allowed) throw new Error(verdict.message);
  }
  for (const item of impacted) if (item.operation === 'create') await create(conn, item.resource, true);
  const written: WrittenResource[] = [];
  for (const item of impacted) {
    const changed =
      item.operation === 'create'
        ? (await create(conn, item.resource, false), true)
        : await patch(conn, live, item.resource);
    const { group, kind, namespace, name } = objectKey(item.resource);
    written.push({ operation: item.operation, group, kind, namespace, name, changed });
  }
  return written;
}

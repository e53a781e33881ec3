// A user's direct writes to one live object, outside a sync: delete it with a propagation policy
// (and a grace period of 0 when forced), or merge-patch it (optionally as a server dry run, which
// answers with what the server would make of it: defaults, admission, validation).
import { objectKey, type ObjectKey, type KubeObject } from '../diff/index.ts';
import { KubeApiError } from './apiError.ts';
import type { ClusterConnection } from './clusterConnection.ts';

export type Propagation = 'foreground' | 'background' | 'orphan';
const policies: Record<Propagation, string> = {
  foreground: 'Foreground',
  background: 'Background',
  orphan: 'Orphan',
};

function describe(key: ObjectKey): string {
  return `${key.group ? `${key.group}/` : ''}${key.kind} ${key.namespace ? `${key.namespace}/` : ''}${key.name}`;
}

async function pathOf(conn: ClusterConnection, key: ObjectKey, verb: string): Promise<string> {
  const resource = await conn.resourceFor(key.group, key.kind);
  if (!resource) throw new Error(`${verb} ${describe(key)}: ${conn.context} does not serve this kind`);
  return conn.resourcePath(resource, resource.namespaced ? key.namespace : undefined, key.name);
}

/** Deletes the object; false when it was gone already. */
export async function deleteLiveObject(
  conn: ClusterConnection,
  key: ObjectKey,
  options: { propagation: Propagation; force: boolean },
): Promise<boolean> {
  try {
    // as query parameters: a DeleteOptions body sent with DELETE was not honoured by the test
    // cluster's API server (an orphan delete collected the ReplicaSets)
    await conn.request({
      verb: 'patch',
      method: 'DELETE',
      path: await pathOf(conn, key, 'delete'),
      query: {
        propagationPolicy: policies[options.propagation],
        ...(options.force ? { gracePeriodSeconds: 0 } : {}),
      },
      what: `delete ${describe(key)}`,
    });
    return true;
  } catch (error) {
    if (error instanceof KubeApiError && error.status === 404) return false;
    throw error;
  }
}

export async function patchLiveObject(
  conn: ClusterConnection,
  live: KubeObject,
  patch: Record<string, unknown>,
  options: { dryRun: boolean },
): Promise<KubeObject> {
  const key = objectKey(live);
  return conn.requestJson<KubeObject>({
    verb: 'patch',
    method: 'PATCH',
    path: await pathOf(conn, key, 'patch'),
    query: { fieldManager: 'plumbline', ...(options.dryRun ? { dryRun: 'All' } : {}) },
    body: JSON.stringify(patch),
    contentType: 'application/merge-patch+json',
    what: `${options.dryRun ? 'dry-run patch' : 'patch'} ${describe(key)}`,
  });
}

// The writes of a sync on one cluster: server-side apply (the default), client-side apply with
// kubectl's last-applied annotation, replace (PUT, or create), delete with a propagation policy
// and the read a wave waits on. Every write can be a dry run (dryRun=All).
import type { ApiResource, ClusterConnection } from '../cluster/index.ts';
import { KubeApiError } from '../cluster/index.ts';
import { describeKey, objectKey, type KubeObject, type ObjectKey } from '../diff/index.ts';
import { annotation, annotationsOf, isRecord, metadataOf, metadataString } from './objectMeta.ts';

export const FIELD_MANAGER = 'plumbline';
export const LAST_APPLIED_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';

export type ApplyMode = 'serverSide' | 'clientSide' | 'replace';
export type PropagationPolicy = 'Foreground' | 'Background' | 'Orphan';

export interface WriteOptions {
  dryRun: boolean;
  /** How long to wait for the kind to be served (a CRD applied just before); default 0. */
  waitForKindMs?: number;
  /** `Validate=false`: unknown fields are ignored instead of refused. */
  validate: boolean;
}

interface Target {
  resource: ApiResource;
  namespace: string | undefined;
  name: string;
  what: string;
}

/**
 * The resource serving the object's kind. A kind whose CRD this sync just created may take a
 * rediscovery (rate-limited by the connection) to appear, so a write can wait for it.
 */
async function resourceOf(conn: ClusterConnection, key: ObjectKey, waitMs: number) {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const resource = await conn.resourceFor(key.group, key.kind);
    if (resource || Date.now() >= deadline) return resource;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

async function targetOf(conn: ClusterConnection, key: ObjectKey, verb: string, waitMs = 0): Promise<Target> {
  const what = `${verb} ${describeKey(key)}`;
  const resource = await resourceOf(conn, key, waitMs);
  if (!resource) throw new KubeApiError(`${what}: ${conn.context} does not serve this kind`, 404, 'NotFound');
  const namespace = resource.namespaced ? key.namespace || conn.defaultNamespace : undefined;
  return { resource, namespace, name: key.name, what };
}

function withNamespace(obj: KubeObject, namespace: string | undefined): KubeObject {
  return { ...obj, metadata: { ...metadataOf(obj), ...(namespace ? { namespace } : {}) } };
}

function query(options: Omit<WriteOptions, 'waitForKindMs'>, extra: Record<string, string | boolean> = {}) {
  return {
    fieldManager: FIELD_MANAGER,
    fieldValidation: options.validate ? 'Strict' : 'Ignore',
    dryRun: options.dryRun ? 'All' : undefined,
    ...extra,
  };
}

/** The object as the cluster has it now; undefined when absent or its kind is not served. */
export async function readLiveObject(
  conn: ClusterConnection,
  key: ObjectKey,
): Promise<KubeObject | undefined> {
  try {
    const t = await targetOf(conn, key, 'read');
    return await conn.requestJson<KubeObject>({
      verb: 'get',
      method: 'GET',
      path: conn.resourcePath(t.resource, t.namespace, t.name),
      what: t.what,
    });
  } catch (error) {
    if (error instanceof KubeApiError && error.status === 404) return undefined;
    throw error;
  }
}

/** Fields of the last applied configuration that the new one drops: set to null to remove them. */
function removals(previous: unknown, next: unknown): unknown {
  if (!isRecord(previous) || !isRecord(next)) return next;
  const patch: Record<string, unknown> = { ...next };
  for (const key of Object.keys(previous)) {
    patch[key] = key in next ? removals(previous[key], next[key]) : null;
  }
  return patch;
}

/** What the previous client-side apply recorded; nothing when the annotation is absent. */
function lastApplied(live: KubeObject, what: string): unknown {
  const text = annotation(live, LAST_APPLIED_ANNOTATION);
  if (text === undefined) return {};
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`${what}: unreadable ${LAST_APPLIED_ANNOTATION}: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

function withLastApplied(obj: KubeObject): KubeObject {
  const annotations = { ...annotationsOf(obj), [LAST_APPLIED_ANNOTATION]: JSON.stringify(obj) };
  return { ...obj, metadata: { ...metadataOf(obj), annotations } };
}

export async function applyObject(
  conn: ClusterConnection,
  desired: KubeObject,
  live: KubeObject | undefined,
  mode: ApplyMode,
  options: WriteOptions,
): Promise<KubeObject> {
  const verb = mode === 'replace' ? 'replace' : 'apply';
  const t = await targetOf(conn, objectKey(desired), verb, options.waitForKindMs);
  const obj = withNamespace(desired, t.namespace);
  const path = conn.resourcePath(t.resource, t.namespace, t.name);
  const collection = conn.resourcePath(t.resource, t.namespace);
  const send = (
    method: 'PATCH' | 'PUT' | 'POST',
    at: string,
    body: unknown,
    contentType: string,
    q = query(options),
  ) =>
    conn.requestJson<KubeObject>({
      verb: 'patch',
      method,
      path: at,
      query: q,
      body: JSON.stringify(body),
      contentType,
      what: t.what,
    });

  if (mode === 'serverSide')
    return send('PATCH', path, obj, 'application/apply-patch+yaml', query(options, { force: true }));
  if (mode === 'replace' || live === undefined) {
    const body = mode === 'clientSide' ? withLastApplied(obj) : obj;
    if (live === undefined) return send('POST', collection, body, 'application/json');
    const resourceVersion = metadataString(live, 'resourceVersion');
    return send(
      'PUT',
      path,
      { ...body, metadata: { ...metadataOf(body), resourceVersion } },
      'application/json',
    );
  }
  // Client-side apply: a merge patch of the new configuration, removing what it no longer has.
  const previous = lastApplied(live, t.what);
  return send('PATCH', path, removals(previous, withLastApplied(obj)), 'application/merge-patch+json');
}

/** A JSON patch (RFC 6902) of the object, such as a managedFields migration. */
export async function jsonPatchObject(
  conn: ClusterConnection,
  key: ObjectKey,
  operations: readonly Record<string, unknown>[],
  verb: string,
): Promise<KubeObject> {
  const t = await targetOf(conn, key, verb);
  return conn.requestJson<KubeObject>({
    verb: 'patch',
    method: 'PATCH',
    path: conn.resourcePath(t.resource, t.namespace, t.name),
    body: JSON.stringify(operations),
    contentType: 'application/json-patch+json',
    what: t.what,
  });
}

/** Deletes the object; a missing object counts as deleted. */
export async function deleteObject(
  conn: ClusterConnection,
  obj: KubeObject,
  propagationPolicy: PropagationPolicy,
  options: Pick<WriteOptions, 'dryRun'>,
): Promise<void> {
  const t = await targetOf(conn, objectKey(obj), 'delete');
  const body = {
    kind: 'DeleteOptions',
    apiVersion: 'v1',
    propagationPolicy,
    ...(options.dryRun ? { dryRun: ['All'] } : {}),
  };
  try {
    await conn.request({
      verb: 'patch',
      method: 'DELETE',
      path: conn.resourcePath(t.resource, t.namespace, t.name),
      body: JSON.stringify(body),
      contentType: 'application/json',
      what: t.what,
    });
  } catch (error) {
    if (!(error instanceof KubeApiError && error.status === 404)) throw error;
  }
}

/** Removes one finalizer from the live object (if it is there), guarded by its resourceVersion. */
export async function removeFinalizer(
  conn: ClusterConnection,
  live: KubeObject,
  finalizer: string,
): Promise<void> {
  const finalizers = metadataOf(live).finalizers;
  if (!Array.isArray(finalizers) || !finalizers.includes(finalizer)) return;
  const t = await targetOf(conn, objectKey(live), `remove finalizer ${finalizer} from`);
  const metadata = {
    finalizers: finalizers.filter((f) => f !== finalizer),
    resourceVersion: metadataString(live, 'resourceVersion'),
  };
  try {
    await conn.request({
      verb: 'patch',
      method: 'PATCH',
      path: conn.resourcePath(t.resource, t.namespace, t.name),
      query: { fieldManager: FIELD_MANAGER },
      body: JSON.stringify({ metadata }),
      contentType: 'application/merge-patch+json',
      what: t.what,
    });
  } catch (error) {
    if (!(error instanceof KubeApiError && error.status === 404)) throw error;
  }
}

// The server-side-apply dry run behind the server-side diff: what the live object would become
// if `obj` were applied now (defaults, admission, field ownership), without changing anything.
// When the namespace or the kind does not exist yet the server cannot predict, and the result
// says so, so the diff can fall back to a client-side comparison.
import { objectKey, type KubeObject } from '../diff/index.ts';
import { KubeApiError, isUnreachableError, messageOf } from './apiError.ts';
import type { ClusterConnection } from './clusterConnection.ts';
import { describeType } from './resourceTypes.ts';

export type DryRunResult =
  | { outcome: 'predicted'; predictedLive: KubeObject }
  /** The object's namespace does not exist yet (a sync would create it first). */
  | { outcome: 'namespaceMissing'; namespace: string; message: string }
  /** The cluster does not serve the kind (its CRD is not installed yet). */
  | { outcome: 'kindNotServed'; message: string }
  /** The server refused the object: invalid (422), forbidden (403), conflict (409)… */
  | { outcome: 'rejected'; status: number; reason: string; message: string }
  | { outcome: 'unreachable'; message: string };

export interface DryRunOptions {
  /** Default `plumbline`: the manager a real sync applies with. */
  fieldManager?: string;
}

function withNamespace(obj: KubeObject, namespace: string | undefined): KubeObject {
  const metadata = { ...(obj.metadata ?? {}) };
  if (namespace === undefined) delete metadata.namespace;
  else metadata.namespace = namespace;
  return { ...obj, metadata };
}

export async function dryRunApply(
  connection: ClusterConnection,
  obj: KubeObject,
  options: DryRunOptions = {},
): Promise<DryRunResult> {
  const { group, kind, namespace: given, name } = objectKey(obj);
  const what = `dry-run apply ${describeType({ group, kind })} ${given ? `${given}/` : ''}${name}`;
  let resource;
  try {
    resource = await connection.resourceFor(group, kind);
  } catch (error) {
    return { outcome: 'unreachable', message: `${what}: ${messageOf(error)}` };
  }
  if (!resource)
    return { outcome: 'kindNotServed', message: `${what}: ${connection.context} does not serve this kind` };
  if (name === '')
    return {
      outcome: 'rejected',
      status: 0,
      reason: 'NoName',
      message: `${what}: the object has no metadata.name`,
    };

  // Like kubectl: a namespaced object without a namespace goes to the context's namespace.
  const namespace = resource.namespaced ? given || connection.defaultNamespace : undefined;
  try {
    const predictedLive = await connection.requestJson<KubeObject>({
      verb: 'patch',
      method: 'PATCH',
      path: connection.resourcePath(resource, namespace, name),
      query: { dryRun: 'All', fieldManager: options.fieldManager ?? 'plumbline', force: true },
      contentType: 'application/apply-patch+yaml',
      body: JSON.stringify(withNamespace(obj, namespace)), // JSON is YAML
      what,
    });
    return { outcome: 'predicted', predictedLive };
  } catch (error) {
    if (isUnreachableError(error)) return { outcome: 'unreachable', message: messageOf(error) };
    if (!(error instanceof KubeApiError))
      return { outcome: 'rejected', status: 0, reason: 'Error', message: messageOf(error) };
    if (error.status === 404 && error.details?.kind === 'namespaces')
      return { outcome: 'namespaceMissing', namespace: namespace ?? '', message: error.message };
    // Any other 404 on an apply means the resource path itself is gone (a CRD just deleted).
    if (error.status === 404) return { outcome: 'kindNotServed', message: error.message };
    return { outcome: 'rejected', status: error.status, reason: error.reason, message: error.message };
  }
}

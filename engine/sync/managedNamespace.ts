// The destination namespace of `CreateNamespace=true`, as Argo CD's syncNamespace decides it:
// created when it does not exist; when the application sets `managedNamespaceMetadata`, its
// labels and annotations are applied too — on a namespace that already exists as well — always
// with server-side apply, so what others set on the namespace stays. An existing namespace the
// application does not manage is left alone. A Namespace of that name among the application's
// own objects takes precedence over all of this. A managed namespace is never pruned.
import type { KubeObject } from '../diff/index.ts';
import type { Application } from '../model/index.ts';
import { metadataString } from './objectMeta.ts';
import { hasSyncOption, SYNC_OPTIONS_ANNOTATION } from './syncOptions.ts';
import { taskId, type SyncTask } from './syncTask.ts';
import type { ManagedNamespaceMetadata, SyncRequest } from './types.ts';

/** The Namespace object Argo CD generates: the metadata as given, and server-side apply. */
export function managedNamespaceObject(
  name: string,
  metadata: ManagedNamespaceMetadata | undefined,
): KubeObject {
  if (metadata === undefined) return { apiVersion: 'v1', kind: 'Namespace', metadata: { name } };
  const labels =
    metadata.labels && Object.keys(metadata.labels).length > 0 ? { labels: { ...metadata.labels } } : {};
  const annotations = { ...metadata.annotations, [SYNC_OPTIONS_ANNOTATION]: 'ServerSideApply=true' };
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, ...labels, annotations } };
}

/**
 * The namespace an application manages the metadata of (Argo CD's isManagedNamespace): its
 * destination namespace when it sets `managedNamespaceMetadata`. Argo CD compares it as one of
 * the app's objects and never prunes it, for the case where that metadata carries a tracking id.
 */
export function appManagedNamespace(app: Application): KubeObject | undefined {
  const name = app.spec.destination.namespace;
  const metadata = app.spec.syncPolicy?.managedNamespaceMetadata;
  return name && metadata ? managedNamespaceObject(name, metadata) : undefined;
}

/** The namespace `CreateNamespace=true` asks for, when this sync creates or updates it. */
export function createNamespaceName(request: SyncRequest): string | undefined {
  const name = request.namespace;
  if (!name || !hasSyncOption('CreateNamespace', 'true', undefined, request.options.syncOptions))
    return undefined;
  return name;
}

/**
 * The PreSync task of the destination namespace (untracked, never pruned), if any.
 * `namespaceExists` undefined means it could not be read: the task is planned, and its apply
 * says what the cluster answers.
 */
export function managedNamespaceTask(
  request: SyncRequest,
  applies: readonly SyncTask[],
  namespaceExists: boolean | undefined,
): SyncTask[] {
  const name = createNamespaceName(request);
  if (name === undefined) return [];
  const declared = applies.some((t) => t.obj.kind === 'Namespace' && metadataString(t.obj, 'name') === name);
  if (declared) return [];
  const metadata = request.managedNamespaceMetadata;
  if (namespaceExists === true && metadata === undefined) return [];
  const obj = managedNamespaceObject(name, metadata);
  return [{ id: taskId(obj), action: 'apply', obj, phase: 'PreSync', wave: 0, hook: false }];
}

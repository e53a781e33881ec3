// Watches one resource type for a live cache: finds it through discovery, watches it
// cluster-wide, and when a cluster-wide list is forbidden (a user with namespace-scoped RBAC)
// falls back to one watcher per namespace the engine says it needs. One watch per type per
// cluster, however many applications deploy that type.
import { KubeApiError, statusOf } from './apiError.ts';
import { Backoff } from './backoff.ts';
import type { ClusterConnection } from './clusterConnection.ts';
import type { ConnectionStateTracker } from './connectionState.ts';
import { describeResource, type ApiResource } from './discovery.ts';
import type { LiveStore } from './liveStore.ts';
import { describeType, typeKeyOf, type ResourceType } from './resourceTypes.ts';
import { ResourceWatcher, type WatcherOptions } from './resourceWatcher.ts';

export interface TypeWatchContext {
  connection: ClusterConnection;
  store: LiveStore;
  tracker: ConnectionStateTracker;
  options: WatcherOptions;
  /** The namespaces watched when a cluster-wide watch is forbidden. */
  namespaces: ReadonlySet<string>;
}

const CLUSTER_WIDE = '*';

export class TypeWatch {
  /** namespace (or CLUSTER_WIDE) → its watcher */
  private readonly watchers = new Map<string, ResourceWatcher>();
  private resource: ApiResource | undefined;
  private inFallback = false;
  private closed = false;
  private readonly backoff: Backoff;

  constructor(
    private readonly type: ResourceType,
    private readonly ctx: TypeWatchContext,
  ) {
    this.backoff = new Backoff(ctx.options.backoff);
    void this.resolve();
  }

  /** True once the type was resolved and every watcher has listed or failed at least once. */
  get settled(): boolean {
    const { tracker } = this.ctx;
    if (!this.resource) return tracker.hasOutcome(this.resolveId);
    if (!this.inFallback) return tracker.hasOutcome(this.id());
    return [...this.watchers.keys()].every((scope) => tracker.hasOutcome(this.id(scope)));
  }

  /** Whether objects of this type in the namespace (undefined: cluster-scoped) are listed and watched now. */
  covers(namespace: string | undefined): boolean {
    if (!this.resource || this.closed) return false;
    // a namespaced object named without its namespace goes to the context's: the server knows
    if (namespace === undefined && this.resource.namespaced) return false;
    if (!this.inFallback) return this.ctx.tracker.isOk(this.id());
    return (
      namespace !== undefined && this.watchers.has(namespace) && this.ctx.tracker.isOk(this.id(namespace))
    );
  }

  /** A namespace became needed: watched now if this type is in namespace fallback. */
  namespaceAdded(namespace: string): void {
    if (!this.inFallback || this.watchers.has(namespace)) return;
    this.watch(namespace);
    this.noteFallback();
  }

  wake(): void {
    this.backoff.wake();
    for (const watcher of this.watchers.values()) watcher.wake();
  }

  close(): void {
    this.closed = true;
    this.backoff.wake();
    for (const scope of [...this.watchers.keys()]) this.stop(scope);
    this.ctx.tracker.forget(this.resolveId);
    this.ctx.tracker.fallback(this.id(), undefined);
  }

  private id(scope = CLUSTER_WIDE): string {
    return `${typeKeyOf(this.type)}@${scope}`;
  }

  /** Outcomes of finding the type through discovery, apart from any watcher's. */
  private get resolveId(): string {
    return `${typeKeyOf(this.type)}#discovery`;
  }

  /** Finds the resource; after a 404 (`stale`) discovery is refreshed first (rate-limited). */
  private async resolve(stale = false): Promise<void> {
    const { connection, tracker } = this.ctx;
    while (!this.closed) {
      try {
        if (stale) await connection.refreshDiscovery();
        const resource = await connection.resourceFor(this.type.group, this.type.kind);
        const what = `watch ${describeType(this.type)} on ${connection.context}`;
        if (!resource)
          throw new KubeApiError(`${what}: the cluster does not serve this kind`, 404, 'NotFound');
        if (!resource.verbs.includes('list') || !resource.verbs.includes('watch'))
          throw new KubeApiError(`${what}: the kind cannot be listed and watched`, 405, 'MethodNotAllowed');
        this.resource = resource;
        this.watch(undefined);
        tracker.forget(this.resolveId);
        return;
      } catch (error) {
        if (this.closed) return;
        tracker.failed(this.resolveId, error);
        await this.backoff.wait();
      }
    }
  }

  private watch(namespace: string | undefined): void {
    if (this.closed || !this.resource) return;
    const scope = namespace ?? CLUSTER_WIDE;
    const { store, tracker, connection, options } = this.ctx;
    const watcher = new ResourceWatcher(
      connection,
      this.resource,
      namespace,
      {
        relisted: (objects) => store.replace(this.type, namespace, objects),
        changed: (type, obj) => store.apply(type, obj),
        succeeded: () => tracker.succeeded(this.id(scope)),
        failed: (error) => {
          const status = statusOf(error);
          if (status === 404) void this.rediscover(error);
          else if (namespace === undefined && status === 403 && this.resource?.namespaced) this.fallBack();
          else tracker.failed(this.id(scope), error);
        },
      },
      options,
    );
    this.watchers.set(scope, watcher);
  }

  /** The resource path is gone (a CRD deleted or its version dropped): find the type anew. */
  private async rediscover(error: unknown): Promise<void> {
    if (!this.resource) return; // another scope's watcher already started this
    this.ctx.tracker.failed(this.resolveId, error);
    for (const scope of [...this.watchers.keys()]) this.stop(scope);
    this.resource = undefined;
    this.inFallback = false;
    this.ctx.tracker.fallback(this.id(), undefined);
    // An unserved type has no objects, whether or not their deletions were seen.
    this.ctx.store.replace(this.type, undefined, []);
    await this.backoff.wait();
    await this.resolve(true);
  }

  private fallBack(): void {
    this.stop(CLUSTER_WIDE);
    this.inFallback = true;
    for (const namespace of this.ctx.namespaces) this.watch(namespace);
    this.noteFallback();
  }

  private noteFallback(): void {
    const resource = describeResource(this.resource as ApiResource);
    this.ctx.tracker.fallback(this.id(), { resource, namespaces: [...this.watchers.keys()] });
  }

  private stop(scope: string): void {
    this.watchers.get(scope)?.close();
    this.watchers.delete(scope);
    this.ctx.tracker.forget(this.id(scope));
  }
}

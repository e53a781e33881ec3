// The live state of one cluster: every object of the resource types the engine asked for, kept
// current by one list+watch per type (never per application), with changes reported in batches
// and the cluster's connection state reported as it changes.
import type { KubeObject, ObjectKey } from '../diff/index.ts';
import { DEFAULT_BACKOFF, type BackoffOptions } from './backoff.ts';
import type { ClusterConnection } from './clusterConnection.ts';
import { ConnectionStateTracker, type ConnectionState } from './connectionState.ts';
import { LiveStore } from './liveStore.ts';
import type { TypeQuery } from './objectIndex.ts';
import { typeKeyOf, type ResourceType } from './resourceTypes.ts';
import { TypeWatch, type TypeWatchContext } from './typeWatch.ts';

export interface LiveCacheOptions {
  /** Keys (`group/kind/namespace/name`) of objects added, changed or removed; at most once per batchMs. */
  onChange?: (changedKeys: ReadonlySet<string>) => void;
  onState?: (state: ConnectionState) => void;
  /** Default 100 ms. */
  batchMs?: number;
  /** Retry delays while a type fails; default 0.5 s doubling to 30 s. */
  backoff?: BackoffOptions;
  /** Objects per list page; default 500. */
  pageSize?: number;
  /** Server-side watch timeout before a resume; default 300 s (randomised up to twice that). */
  watchTimeoutSeconds?: number;
}

export class LiveCache {
  private readonly store: LiveStore;
  private readonly tracker: ConnectionStateTracker;
  private readonly types = new Map<string, TypeWatch>();
  private readonly namespaces = new Set<string>();
  private readonly watchContext: TypeWatchContext;
  private syncWaiters: (() => void)[] = [];
  private closed = false;

  constructor(
    readonly connection: ClusterConnection,
    options: LiveCacheOptions = {},
  ) {
    this.store = new LiveStore((keys) => options.onChange?.(keys), options.batchMs ?? 100);
    this.tracker = new ConnectionStateTracker({
      onState: (state) => {
        if (!this.closed) options.onState?.(state);
      },
      onReachable: () => this.wakeAll(),
      onOutcome: () => this.checkSynced(),
    });
    this.watchContext = {
      connection,
      store: this.store,
      tracker: this.tracker,
      namespaces: this.namespaces,
      options: {
        backoff: options.backoff ?? DEFAULT_BACKOFF,
        pageSize: options.pageSize ?? 500,
        watchTimeoutSeconds: options.watchTimeoutSeconds ?? 300,
      },
    };
  }

  /** Starts watching these types (no-op for types already watched). */
  ensureTypes(types: readonly ResourceType[]): void {
    if (this.closed) return;
    for (const type of types) {
      const key = typeKeyOf(type);
      if (this.types.has(key)) continue;
      this.types.set(key, new TypeWatch(type, this.watchContext));
    }
  }

  /**
   * Namespaces the engine needs. Only used where a cluster-wide watch is forbidden: such types
   * are then watched in each of these namespaces.
   */
  ensureNamespaces(namespaces: readonly string[]): void {
    for (const namespace of namespaces) {
      if (this.namespaces.has(namespace)) continue;
      this.namespaces.add(namespace);
      for (const watch of this.types.values()) watch.namespaceAdded(namespace);
    }
  }

  /** Resolves when every ensured type has been listed (or has failed) at least once. */
  synced(): Promise<void> {
    return new Promise((resolve) => {
      this.syncWaiters.push(resolve);
      this.checkSynced();
    });
  }

  get(key: ObjectKey | string): KubeObject | undefined {
    return this.store.index.get(key);
  }

  /**
   * The object as the watch last delivered it, when its type (in its namespace) is listed and
   * watched now; undefined when the cache cannot say (then only the API server can).
   */
  known(key: ObjectKey): { obj: KubeObject | undefined } | undefined {
    const watch = this.types.get(typeKeyOf(key));
    if (!watch?.covers(key.namespace || undefined)) return undefined;
    return { obj: this.get(key) };
  }

  list(query: TypeQuery): KubeObject[] {
    return this.store.index.list(query);
  }

  byOwner(uid: string): KubeObject[] {
    return this.store.index.byOwner(uid);
  }

  objectsTrackedBy(appName: string): KubeObject[] {
    return this.store.index.objectsTrackedBy(appName);
  }

  state(): ConnectionState {
    return this.tracker.state;
  }

  close(): void {
    this.closed = true;
    for (const watch of this.types.values()) watch.close();
    this.types.clear();
    this.store.close();
    this.checkSynced(); // nothing left to wait for
  }

  private wakeAll(): void {
    for (const watch of this.types.values()) watch.wake();
  }

  private checkSynced(): void {
    if (this.syncWaiters.length === 0 || ![...this.types.values()].every((watch) => watch.settled)) return;
    for (const resolve of this.syncWaiters) resolve();
    this.syncWaiters = [];
  }
}

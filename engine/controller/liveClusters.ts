// The live caches of the clusters applications deploy to: one per cluster key (a kubeconfig
// context or a registered cluster, see clusterKey), created when an application first needs it,
// announcing its connection state and its changes.
import type { ClusterState, EngineEvent } from '../api/contract.ts';
import {
  CHILD_RESOURCE_TYPES,
  LiveCache,
  type ClusterConnection,
  type ResourceType,
} from '../cluster/index.ts';
import type { ConnectionsByKey } from './keyedConnections.ts';
import type { LiveSnapshots } from '../snapshot/liveSnapshots.ts';
import { isOfflineKey } from '../snapshot/offlineClusters.ts';
import { OfflineConnection } from '../snapshot/offlineConnection.ts';

export interface ClusterCapabilities {
  kubeVersion: string;
  apiVersions: string[];
  isNamespaced(group: string, kind: string): boolean | undefined;
}

const capabilitiesTimeoutMs = 5_000;
/** Watch events of a cluster are gathered this long before the applications they concern are compared. */
const changeBatchMs = 25;

export type LiveChangeListener = (context: string, changedKeys: ReadonlySet<string>) => void;

export class LiveClusters {
  private readonly caches = new Map<string, LiveCache>();
  private readonly states = new Map<string, ClusterState>();
  private readonly everConnected = new Set<string>();
  /** When each cluster that was connected stopped answering: what its cached state is "as of". */
  private readonly lostAt = new Map<string, string>();
  /** The clusters' last known states on disk, when the engine keeps them. */
  snapshots: LiveSnapshots | null = null;
  private readonly offline = new Map<string, ClusterConnection>();
  private closed = false;

  constructor(
    private readonly connections: ConnectionsByKey,
    private readonly emit: (event: EngineEvent) => void,
    private readonly onChange: LiveChangeListener,
  ) {}

  /** The cache of a context, watching at least these types and namespaces. */
  cacheFor(context: string, types: readonly ResourceType[], namespaces: readonly string[]): LiveCache {
    let cache = this.caches.get(context);
    if (!cache) {
      cache = new LiveCache(this.connection(context), {
        onChange: (keys) => this.onChange(context, keys),
        // a change reaches only the applications it concerns, so it can go out soon
        batchMs: changeBatchMs,
        onState: ({ state, reason }) => {
          const update: ClusterState = { context, state, ...(reason ? { reason } : {}) };
          this.states.set(context, update);
          if (state === 'connected' || state === 'degraded') {
            this.everConnected.add(context);
            this.lostAt.delete(context);
          } else if (!this.lostAt.has(context)) this.lostAt.set(context, new Date().toISOString());
          this.emit({ event: 'clusters.state', payload: update });
          // a change of reachability changes what can be said about every app there
          this.onChange(context, new Set());
        },
      });
      // a comparison still running when the engine closes gets a closed cache, never a new watch
      if (this.closed) {
        cache.close();
        return cache;
      }
      this.caches.set(context, cache);
    }
    cache.ensureTypes([...CHILD_RESOURCE_TYPES, ...types]);
    cache.ensureNamespaces([...namespaces]);
    return cache;
  }

  /** The connection to a cluster, for calls the cache does not make (logs, exec, leases). */
  connection(context: string): ClusterConnection {
    if (!isOfflineKey(context)) return this.connections.get(context);
    // an offline-only cluster has none: every request fails at once, saying why
    let offline = this.offline.get(context);
    if (!offline) this.offline.set(context, (offline = new OfflineConnection(context)));
    return offline;
  }

  existingCache(context: string): LiveCache | undefined {
    return this.caches.get(context);
  }

  state(context: string): ClusterState | undefined {
    return this.states.get(context);
  }

  /**
   * What helm needs to know of a destination (`--kube-version`, `--api-versions`) and which kinds
   * are namespaced; nothing when the cluster does not answer in time (renders then go on without).
   */
  async capabilities(context: string): Promise<ClusterCapabilities | undefined> {
    // an offline-only cluster (a snapshot) has no connection: renders go on without capabilities
    const asked = Promise.resolve()
      .then(() => this.connection(context))
      .then((connection) => Promise.all([connection.serverVersion(), connection.apiResources()]));
    const answer = await Promise.race([
      asked,
      new Promise<undefined>((resolve) =>
        setTimeout(() => resolve(undefined), capabilitiesTimeoutMs).unref(),
      ),
    ]).catch(() => undefined);
    if (!answer) return undefined;
    const [version, resources] = answer;
    const namespaced = new Map(resources.map((r) => [`${r.group}/${r.kind}`, r.namespaced]));
    return {
      kubeVersion: version.gitVersion,
      apiVersions: [
        ...new Set(
          resources.flatMap((r) => {
            const groupVersion = r.group ? `${r.group}/${r.version}` : r.version;
            return [groupVersion, `${groupVersion}/${r.kind}`];
          }),
        ),
      ],
      isNamespaced: (group, kind) => namespaced.get(`${group}/${kind}`),
    };
  }

  /** The connection state of every cluster being watched. */
  allStates(): ClusterState[] {
    return [...this.states.values()];
  }

  useSnapshots(snapshots: LiveSnapshots): void {
    this.snapshots = snapshots;
  }

  /** When a cluster that answered before stopped answering (undefined: it answers, or never did). */
  lostSince(context: string): string | undefined {
    return this.everConnected.has(context) ? this.lostAt.get(context) : undefined;
  }

  /** Whether the cache ever listed this cluster, so its contents are a real last-known state. */
  wasConnected(context: string): boolean {
    return this.everConnected.has(context);
  }

  /** Stops watching a cluster that was edited or removed; its next use connects anew. */
  forget(context: string): void {
    this.caches.get(context)?.close();
    this.caches.delete(context);
    this.states.delete(context);
    this.everConnected.delete(context);
    this.lostAt.delete(context);
  }

  close(): void {
    this.closed = true;
    for (const cache of this.caches.values()) cache.close();
    this.caches.clear();
  }
}

// The connections of one engine: at most one per kubeconfig context, created on first use so
// that start-up touches no cluster (desktop users have many contexts, some unreachable).
import type { KubeConfig } from '@kubernetes/client-node';
import { ClusterConnection, type ClusterConnectionOptions } from './clusterConnection.ts';
import { kubeConfigForContext } from './kubeConfigForContext.ts';

export interface ClusterConnectionsOptions extends ClusterConnectionOptions {
  /** Adjusts a context's KubeConfig before use (the engine runs exec plugins its own way). */
  prepare?(kubeConfig: KubeConfig, context: string): KubeConfig;
}

export class ClusterConnections {
  private readonly connections = new Map<string, ClusterConnection>();

  constructor(
    /** The kubeconfig files, in KUBECONFIG order (see kubeconfigFiles). */
    private readonly files: readonly string[],
    private readonly options: ClusterConnectionsOptions = {},
  ) {}

  /** The connection of a context; throws when no file defines the context. */
  get(context: string): ClusterConnection {
    let connection = this.connections.get(context);
    if (!connection) {
      const kubeConfig = kubeConfigForContext(this.files, context);
      const prepared = this.options.prepare?.(kubeConfig, context) ?? kubeConfig;
      connection = new ClusterConnection(context, prepared, this.options);
      this.connections.set(context, connection);
    }
    return connection;
  }

  /** Drops cached connections (the kubeconfig files changed); callers then `get` anew. */
  forgetAll(): void {
    this.connections.clear();
  }
}

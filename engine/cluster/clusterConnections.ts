// The connections of one engine: at most one per kubeconfig context, created on first use so
// that start-up touches no cluster (desktop users have many contexts, some unreachable).
import { ClusterConnection, type ClusterConnectionOptions } from './clusterConnection.ts';
import { kubeConfigForContext } from './kubeConfigForContext.ts';

export class ClusterConnections {
  private readonly connections = new Map<string, ClusterConnection>();

  constructor(
    /** The kubeconfig files, in KUBECONFIG order (see kubeconfigFiles). */
    private readonly files: readonly string[],
    private readonly options: ClusterConnectionOptions = {},
  ) {}

  /** The connection of a context; throws when no file defines the context. */
  get(context: string): ClusterConnection {
    let connection = this.connections.get(context);
    if (!connection) {
      connection = new ClusterConnection(context, kubeConfigForContext(this.files, context), this.options);
      this.connections.set(context, connection);
    }
    return connection;
  }

  /** Drops cached connections (the kubeconfig files changed); callers then `get` anew. */
  forgetAll(): void {
    this.connections.clear();
  }
}

// The connections of the engine's live caches, by cluster key: a kubeconfig context's from the
// user's kubeconfig files, a registered cluster's from the registry and the keychain alone (no
// kubeconfig file involved). Made on first use; forgotten when the cluster is edited or removed.
import { parseClusterKey } from '../api/contract.ts';
import { ClusterConnection, ClusterConnections } from '../cluster/index.ts';
import {
  lazyKubeConfigForRegistered,
  runExecThroughPlumbline,
  type ClusterRegistry,
} from '../clusters/index.ts';
import type { SecretStore } from '../secrets/secretStore.ts';

export interface ConnectionsByKey {
  /** The connection of a cluster key; throws when no such context or registered cluster exists. */
  get(key: string): ClusterConnection;
}

export class KeyedConnections implements ConnectionsByKey {
  private readonly contexts: ClusterConnections;
  private readonly registered = new Map<string, ClusterConnection>();

  constructor(
    kubeconfigFiles: readonly string[],
    private readonly registry: ClusterRegistry,
    private readonly secrets: SecretStore,
  ) {
    this.contexts = new ClusterConnections(kubeconfigFiles, {
      prepare: (kubeConfig, context) => runExecThroughPlumbline(kubeConfig, context),
    });
  }

  get(key: string): ClusterConnection {
    const { kind, name } = parseClusterKey(key);
    if (kind === 'context') return this.contexts.get(name);
    let connection = this.registered.get(name);
    if (!connection) {
      const record = this.registry.get(name);
      if (!record) throw new Error(`no cluster named ${name} is registered`);
      connection = new ClusterConnection(name, lazyKubeConfigForRegistered(record, this.secrets));
      this.registered.set(name, connection);
    }
    return connection;
  }

  /** Drops a registered cluster's connection: the next `get` reads the registry again. */
  forgetRegistered(name: string): void {
    this.registered.delete(name);
  }
}

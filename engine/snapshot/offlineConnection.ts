// The connection of an offline-only cluster: there is none. Code that asks any cluster key for
// its connection (leases, Argo CD presence, events) gets this one, whose every request fails at
// once with the reason, without touching the network.
import { KubeConfig } from '@kubernetes/client-node';
import { ClusterConnection, KubeApiError, type ServerVersion } from '../cluster/index.ts';
import type { ApiResource } from '../cluster/discovery.ts';
import { clusterNameOfKey } from './offlineClusters.ts';

export class OfflineConnection extends ClusterConnection {
  constructor(key: string) {
    super(clusterNameOfKey(key), new KubeConfig());
  }

  private refusal(): Promise<never> {
    // status 0: "no answer", as for a cluster that is unreachable
    return Promise.reject(
      new KubeApiError(
        `cluster ${this.context} exists only as an imported snapshot: there is no connection to it`,
        0,
        'Offline',
      ),
    );
  }

  override request(): Promise<never> {
    return this.refusal();
  }

  override requestJson<T>(): Promise<T> {
    return this.refusal();
  }

  override openStream(): Promise<never> {
    return this.refusal();
  }

  override serverVersion(): Promise<ServerVersion> {
    return this.refusal();
  }

  override apiResources(): Promise<ApiResource[]> {
    return this.refusal();
  }

  override resourceFor(): Promise<ApiResource | undefined> {
    return this.refusal();
  }

  override isNamespaced(): Promise<boolean | undefined> {
    return this.refusal();
  }

  override refreshDiscovery(): Promise<Map<string, ApiResource> | undefined> {
    return this.refusal();
  }
}

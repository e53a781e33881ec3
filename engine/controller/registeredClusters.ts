// The registered clusters as the contract sees them: the wizard's steps on a candidate, and
// register, edit and remove, each announced and each making the applications look again at
// where they deploy; so are the changes another process (the CLI) makes to the registry file.
// Nothing returned here carries a credential.
import type {
  ClusterCandidate,
  ConnectionReport,
  EngineEvent,
  PermissionReport,
  RegisteredCluster,
} from '../api/contract.ts';
import { clusterKey } from '../api/contract.ts';
import { contextsOfText } from '../cluster/kubeConfigForContext.ts';
import {
  clusterCredentialAccount,
  createServiceAccount,
  permissionReport,
  PLUMBLINE_SERVICE_ACCOUNT,
  testConnection,
  withServiceAccountToken,
  type ClusterCandidates,
  type ClusterChanges,
  type ClusterRecord,
  type ClusterRegistry,
} from '../clusters/index.ts';
import type { KeyedConnections } from './keyedConnections.ts';
import type { LiveClusters } from './liveClusters.ts';

export interface RegisteredClustersDeps {
  registry: ClusterRegistry;
  candidates: ClusterCandidates;
  connections: KeyedConnections;
  live: LiveClusters;
  emit(event: EngineEvent): void;
  /** Applications resolve their destinations again. */
  destinationsChanged(): void;
}

export interface Registration {
  candidate: ClusterCandidate;
  name: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  namespaces?: string[];
}

export function describeCluster(record: ClusterRecord): RegisteredCluster {
  return {
    name: record.name,
    key: clusterKey({ kind: 'registered', name: record.name }),
    server: record.server,
    hasCaData: record.caData !== undefined,
    insecure: record.insecure ?? false,
    labels: record.labels,
    annotations: record.annotations,
    namespaces: record.namespaces ?? null,
    authKind: record.authKind,
    importedFrom: record.importedFrom ?? null,
  };
}

export class RegisteredClusters {
  /** Each cluster's record as last announced, to tell what another process changed. */
  private announced: Map<string, string>;

  constructor(private readonly deps: RegisteredClustersDeps) {
    this.announced = this.snapshot();
  }

  private snapshot(): Map<string, string> {
    try {
      return new Map(this.deps.registry.list().map((record) => [record.name, JSON.stringify(record)]));
    } catch {
      // a damaged file: the calls that read it say so
      return new Map();
    }
  }

  /** The registry file changed, perhaps by another process (the CLI): announce what differs. */
  fileChanged(): void {
    const now = this.snapshot();
    const names = new Set([...now.keys(), ...this.announced.keys()]);
    const changed = [...names].filter((name) => now.get(name) !== this.announced.get(name));
    if (changed.length > 0) this.changed(changed);
  }

  list(): RegisteredCluster[] {
    return this.deps.registry.list().map(describeCluster);
  }

  kubeconfigContexts(kubeconfig: string) {
    return { contexts: contextsOfText(kubeconfig) };
  }

  async testConnection(candidate: ClusterCandidate): Promise<ConnectionReport> {
    return testConnection(await this.deps.candidates.kubeConfig(candidate));
  }

  async checkPermissions(candidate: ClusterCandidate, namespaces: string[]): Promise<PermissionReport> {
    return permissionReport(await this.deps.candidates.kubeConfig(candidate), namespaces);
  }

  async createServiceAccount(
    candidate: ClusterCandidate,
    namespaces: string[],
    where: { namespace?: string; name?: string },
  ): Promise<{ serviceAccount: string; candidate: ClusterCandidate }> {
    const serviceAccount = {
      namespace: where.namespace ?? PLUMBLINE_SERVICE_ACCOUNT.namespace,
      name: where.name ?? PLUMBLINE_SERVICE_ACCOUNT.name,
    };
    const registration = this.deps.candidates.registration(candidate);
    const token = await createServiceAccount(await this.deps.candidates.kubeConfig(candidate), {
      ...serviceAccount,
      clusterWide: namespaces.length === 0,
      namespaces,
    });
    const id = this.deps.candidates.remember(withServiceAccountToken(registration, serviceAccount, token));
    return {
      serviceAccount: `${serviceAccount.namespace}/${serviceAccount.name}`,
      candidate: { source: 'serviceAccount', id },
    };
  }

  async register(request: Registration): Promise<RegisteredCluster> {
    const { record, credentials } = this.deps.candidates.registration(request.candidate);
    const { namespaces, ...rest } = record;
    const chosen = request.namespaces?.length ? request.namespaces : namespaces;
    const added = await this.deps.registry.add({
      record: {
        ...rest,
        ...(chosen ? { namespaces: chosen } : {}),
        name: request.name,
        labels: request.labels ?? {},
        annotations: { ...record.annotations, ...request.annotations },
        credentialAccount: clusterCredentialAccount(request.name),
      },
      credentials,
    });
    this.deps.candidates.forget(request.candidate);
    this.changed([added.name]);
    return describeCluster(added);
  }

  async update(name: string, changes: ClusterChanges): Promise<RegisteredCluster> {
    const updated = await this.deps.registry.update(name, changes);
    this.changed([name, updated.name]);
    return describeCluster(updated);
  }

  async reconnect(name: string, candidate: ClusterCandidate): Promise<RegisteredCluster> {
    const updated = await this.deps.registry.reconnect(name, this.deps.candidates.registration(candidate));
    this.deps.candidates.forget(candidate);
    this.changed([name]);
    return describeCluster(updated);
  }

  async remove(name: string): Promise<boolean> {
    const removed = await this.deps.registry.remove(name);
    if (removed) this.changed([name]);
    return removed;
  }

  private changed(names: string[]): void {
    this.announced = this.snapshot();
    for (const name of names) {
      this.deps.connections.forgetRegistered(name);
      this.deps.live.forget(clusterKey({ kind: 'registered', name }));
    }
    this.deps.emit({ event: 'clusters.registryChanged', payload: { clusters: this.list() } });
    this.deps.destinationsChanged();
  }
}

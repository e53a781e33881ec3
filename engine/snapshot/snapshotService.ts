// The snapshot calls of the contract: which snapshots the data folder keeps, exporting one from
// a cluster that answers, importing one for a cluster by name (a registered cluster first, then
// a kubeconfig context, else an offline-only cluster that exists only as its snapshot), and
// removing one. Whoever compares applications learns of every change through `changed`.
import type { EngineEvent, SnapshotSummary } from '../api/contract.ts';
import { clusterKey } from '../api/contract.ts';
import { ContractError } from '../api/errors.ts';
import type { ClusterConnection } from '../cluster/index.ts';
import { decodeSnapshot, encodeSnapshot } from './codec.ts';
import { exportCluster } from './exportCluster.ts';
import { SNAPSHOT_LIMITS, SnapshotError, type SnapshotFile } from './format.ts';
import { stat } from 'node:fs/promises';
import { readRegularFile } from '../files/regularFile.ts';
import { KUBECTL_CLUSTER } from './kubectlOutput.ts';
import { offlineKey, clusterNameOfKey, isOfflineKey } from './offlineClusters.ts';
import type { SnapshotStore, StoredKind } from './snapshotStore.ts';

export interface SnapshotServiceDeps {
  store: SnapshotStore;
  registeredNames(): string[];
  contextNames(): Promise<string[]>;
  connection(key: string): ClusterConnection;
  emit(event: EngineEvent): void;
  /** The snapshot of this cluster key was imported, replaced or removed. */
  changed(key: string): void;
}

export class SnapshotService {
  constructor(private readonly deps: SnapshotServiceDeps) {}

  /** The cluster key a name means now: a registered cluster, a context, else an offline-only cluster. */
  async keyOf(name: string): Promise<string> {
    if (this.deps.registeredNames().includes(name)) return clusterKey({ kind: 'registered', name });
    if ((await this.deps.contextNames()).includes(name)) return clusterKey({ kind: 'context', name });
    return offlineKey(name);
  }

  async list(): Promise<SnapshotSummary[]> {
    return (await this.deps.store.list()).map((entry) => ({
      cluster: clusterNameOfKey(entry.key),
      kind: entry.kind,
      asOf: entry.asOf,
      objects: entry.objects,
      offlineOnly: isOfflineKey(entry.key),
    }));
  }

  /** Names of the offline-only clusters: destinations applications may use. */
  async offlineClusters(): Promise<string[]> {
    return (await this.deps.store.list())
      .filter((e) => isOfflineKey(e.key))
      .map((e) => clusterNameOfKey(e.key));
  }

  async export(request: {
    context?: string;
    cluster?: string;
    namespaces?: string[];
  }): Promise<{ fileName: string; contentBase64: string }> {
    const key = request.cluster
      ? clusterKey({ kind: 'registered', name: request.cluster })
      : clusterKey({ kind: 'context', name: request.context ?? '' });
    const name = request.cluster ?? request.context ?? '';
    let connection: ClusterConnection;
    try {
      connection = this.deps.connection(key);
    } catch (error) {
      throw new ContractError('invalid-input', `snapshot export: ${(error as Error).message}`);
    }
    const server = connection.kubeConfig.getCurrentCluster()?.server ?? null;
    let snapshot: SnapshotFile;
    try {
      snapshot = await exportCluster(connection, { name, server }, request.namespaces ?? null);
    } catch (error) {
      throw new ContractError('failed', `snapshot export of ${name}: ${(error as Error).message}`);
    }
    const bytes = await encodeSnapshot(snapshot);
    const stamp = snapshot.exportedAt.replace(/[:.]/g, '-');
    return {
      fileName: `${safeFilePart(name)}-${stamp}.plumbline-snapshot.gz`,
      contentBase64: bytes.toString('base64'),
    };
  }

  async import(request: {
    contentBase64: string;
    cluster?: string;
    label?: string;
    kind?: StoredKind;
  }): Promise<{ cluster: string; objects: number }> {
    const bytes = Buffer.from(request.contentBase64, 'base64');
    return this.importBytes(bytes, request);
  }

  async importBytes(
    bytes: Buffer,
    request: { cluster?: string; label?: string; kind?: StoredKind; fileTime?: string },
  ): Promise<{ cluster: string; objects: number }> {
    let snapshot: SnapshotFile;
    try {
      snapshot = await decodeSnapshot(bytes, request.label ?? 'imported snapshot', {
        ...(request.fileTime ? { fallbackTime: request.fileTime } : {}),
      });
    } catch (error) {
      if (error instanceof SnapshotError) throw new ContractError('invalid-input', error.message);
      throw error;
    }
    const name = request.cluster ?? snapshot.cluster.name;
    if (name === KUBECTL_CLUSTER && !request.cluster)
      throw new ContractError(
        'invalid-input',
        'kubectl output does not say which cluster it comes from: name the cluster to import it for',
      );
    checkClusterName(name);
    const key = await this.keyOf(name);
    const kind = request.kind ?? 'imported';
    const label =
      request.label ?? `of ${snapshot.cluster.name === KUBECTL_CLUSTER ? name : snapshot.cluster.name}`;
    await this.deps.store.write(key, kind, label, snapshot);
    await this.announce(key);
    return { cluster: name, objects: snapshot.objects.length };
  }

  async remove(cluster: string): Promise<boolean> {
    const entries = await this.deps.store.list();
    // the key the name means now first, then any snapshot of that name
    const preferred = await this.keyOf(cluster);
    const entry =
      entries.find((e) => e.key === preferred) ?? entries.find((e) => clusterNameOfKey(e.key) === cluster);
    if (!entry) return false;
    await this.deps.store.remove(entry.key);
    await this.announce(entry.key);
    return true;
  }

  /** Imports a snapshot file from disk (the CLI, the demo); kubectl output is observed at the file's time. */
  async importFile(
    path: string,
    request: { cluster?: string; label?: string; kind?: StoredKind },
  ): Promise<{ cluster: string; objects: number }> {
    let read;
    try {
      read = await readSnapshotFile(path);
    } catch (error) {
      throw new ContractError('invalid-input', (error as Error).message);
    }
    return this.importBytes(read.bytes, { ...request, fileTime: read.fileTime });
  }

  /** A snapshot was written for a cluster for the first time (persistence): the list changed. */
  async announce(key: string): Promise<void> {
    this.deps.emit({ event: 'snapshots.changed', payload: { snapshots: await this.list() } });
    this.deps.changed(key);
  }
}

/** A cluster name stays a name: it never becomes a path (files are named by hash anyway). */
function checkClusterName(name: string): void {
  if (!/^[^\s/\\]{1,253}$/.test(name) || name === '.' || name === '..')
    throw new ContractError(
      'invalid-input',
      `snapshot import: ${JSON.stringify(name.slice(0, 80))} is not a cluster name (no spaces, slashes or dot-only names)`,
    );
}

function safeFilePart(name: string): string {
  return (
    name
      .replace(/[^A-Za-z0-9._-]/g, '_')
      .replace(/^\.+/, '_')
      .slice(0, 80) || 'cluster'
  );
}

/** Reads a snapshot file from disk, bounded by the snapshot's compressed size limit. */
export async function readSnapshotFile(path: string): Promise<{ bytes: Buffer; fileTime: string }> {
  const [bytes, info] = await Promise.all([
    readRegularFile(path, { maxBytes: SNAPSHOT_LIMITS.compressedBytes, what: 'snapshot file' }),
    stat(path),
  ]);
  return { bytes, fileTime: info.mtime.toISOString() };
}

// What the Snapshots section does with files and choices: bytes to and from base64 (the
// contract carries files that way), the clusters a snapshot can be exported from or imported
// to, and the words for each kind of snapshot.
import type { ClusterList, RegisteredCluster, SnapshotSummary } from '../../../../engine/api/contract.ts';

/** Chunks keep String.fromCharCode's arguments far below the engine's argument limit. */
const CHUNK = 0x8000;

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let start = 0; start < bytes.length; start += CHUNK)
    binary += String.fromCharCode(...bytes.subarray(start, start + CHUNK));
  return btoa(binary);
}

export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export type ExportSource = { context: string } | { cluster: string };

export interface ClusterChoice<T> {
  label: string;
  value: T;
}

/** The clusters a snapshot can be exported from: registered ones first, then kubeconfig contexts. */
export function exportSources(
  registered: readonly RegisteredCluster[] | null,
  list: ClusterList | null,
): ClusterChoice<ExportSource>[] {
  return [
    ...(registered ?? []).map((cluster) => ({
      label: `${cluster.name} (registered)`,
      value: { cluster: cluster.name },
    })),
    ...(list?.contexts ?? []).map((context) => ({
      label: `${context.name} (kubeconfig context)`,
      value: { context: context.name },
    })),
  ];
}

/** Names an imported snapshot can be attached to: known clusters, and those with a snapshot already. */
export function importTargets(
  registered: readonly RegisteredCluster[] | null,
  list: ClusterList | null,
  snapshots: readonly SnapshotSummary[] | null,
): string[] {
  const names = [
    ...(registered ?? []).map((cluster) => cluster.name),
    ...(list?.contexts ?? []).map((context) => context.name),
    ...(snapshots ?? []).map((snapshot) => snapshot.cluster),
  ];
  return [...new Set(names)].sort((a, b) => a.localeCompare(b));
}

/** A cluster name the engine accepts (no spaces, at most 253 characters); the problem otherwise. */
export function clusterNameProblem(name: string): string | null {
  if (name.trim() === '') return 'Give the offline cluster a name';
  if (/\s/.test(name)) return 'A cluster name has no spaces';
  if (name.length > 253) return 'A cluster name has at most 253 characters';
  return null;
}

const KIND_TEXT: Record<SnapshotSummary['kind'], string> = {
  persisted: 'last seen live',
  imported: 'imported',
  demo: 'demo',
};

export function snapshotKindText(snapshot: Pick<SnapshotSummary, 'kind'>): string {
  return KIND_TEXT[snapshot.kind];
}

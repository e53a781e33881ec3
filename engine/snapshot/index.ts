// engine/snapshot: the last known live state of clusters, on disk — the snapshot file format
// (versioned gzip JSON without Secret values), the store in the data folder, the recorder that
// persists each connected cluster's managed objects, export, import and the demo's snapshot.
export { attachDemoSnapshot } from './attachDemoSnapshot.ts';
export { decodeSnapshot, encodeSnapshot } from './codec.ts';
export {
  SNAPSHOT_FORMAT,
  SNAPSHOT_LIMITS,
  SNAPSHOT_VERSION,
  SnapshotError,
  snapshotAsOf,
  type SnapshotFile,
  type SnapshotObject,
} from './format.ts';
export { KUBECTL_CLUSTER } from './kubectlOutput.ts';
export { isOfflineKey, offlineKey } from './offlineClusters.ts';
export { withoutSecretValues } from './secretValues.ts';
export { SnapshotStore } from './snapshotStore.ts';

// The Snapshots section's logic: files as base64 both ways (large ones too), the clusters a
// snapshot comes from or goes to, names the engine accepts, and the store's order.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ClusterList, RegisteredCluster } from '../../../engine/api/contract.ts';
import { useSnapshots } from '../../../renderer/src/stores/snapshots.ts';
import {
  base64ToBytes,
  bytesToBase64,
  clusterNameProblem,
  exportSources,
  importTargets,
  snapshotKindText,
} from '../../../renderer/src/views/clusters/snapshotFiles.ts';

const registered = [{ name: 'prod' }, { name: 'edge' }] as RegisteredCluster[];
const list = { contexts: [{ name: 'kind-dev' }, { name: 'prod' }] } as ClusterList;

describe('snapshot files', () => {
  it('turns bytes into base64 and back, as Node does, past the chunk size', () => {
    for (const size of [0, 1, 2, 3, 0x8000, 0x8000 * 3 + 7]) {
      const bytes = new Uint8Array(randomBytes(size));
      const base64 = bytesToBase64(bytes);
      expect(base64).toBe(Buffer.from(bytes).toString('base64'));
      expect(base64ToBytes(base64)).toEqual(bytes);
    }
  });

  it('offers registered clusters then contexts to export from', () => {
    expect(exportSources(registered, list)).toEqual([
      { label: 'prod (registered)', value: { cluster: 'prod' } },
      { label: 'edge (registered)', value: { cluster: 'edge' } },
      { label: 'kind-dev (kubeconfig context)', value: { context: 'kind-dev' } },
      { label: 'prod (kubeconfig context)', value: { context: 'prod' } },
    ]);
    expect(exportSources(null, null)).toEqual([]);
  });

  it('offers every known cluster name once to import to, the snapshots’ own too', () => {
    const snapshots = [
      { cluster: 'air-gapped', kind: 'imported', asOf: '', objects: 1, offlineOnly: true },
    ] as const;
    expect(importTargets(registered, list, [...snapshots])).toEqual([
      'air-gapped',
      'edge',
      'kind-dev',
      'prod',
    ]);
  });

  it('names what is wrong with a new offline cluster’s name', () => {
    expect(clusterNameProblem('air-gapped')).toBeNull();
    expect(clusterNameProblem('  ')).toMatch(/name/);
    expect(clusterNameProblem('air gapped')).toBe('A cluster name has no spaces');
    expect(clusterNameProblem('x'.repeat(254))).toMatch(/253/);
  });

  it('says what each kind of snapshot is', () => {
    expect(snapshotKindText({ kind: 'persisted' })).toBe('last seen live');
    expect(snapshotKindText({ kind: 'imported' })).toBe('imported');
    expect(snapshotKindText({ kind: 'demo' })).toBe('demo');
  });

  it('keeps the snapshots by cluster name and forgets an error once a list arrives', () => {
    useSnapshots.getState().failed('engine away');
    useSnapshots.getState().received([
      { cluster: 'b', kind: 'persisted', asOf: '2026-01-01T00:00:00Z', objects: 2, offlineOnly: false },
      { cluster: 'a', kind: 'demo', asOf: '2026-01-01T00:00:00Z', objects: 16, offlineOnly: true },
    ]);
    expect(useSnapshots.getState().snapshots?.map((s) => s.cluster)).toEqual(['a', 'b']);
    expect(useSnapshots.getState().error).toBeNull();
  });
});

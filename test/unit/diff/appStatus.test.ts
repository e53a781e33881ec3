// An application's sync status from its objects, as Argo CD aggregates it.
import { describe, expect, it } from 'vitest';
import { appSyncStatus, type ObjectComparison } from '../../../engine/diff/index.ts';

function comparison(name: string, fields: Partial<ObjectComparison>): ObjectComparison {
  return {
    key: { group: '', kind: 'ConfigMap', namespace: 'shop', name },
    status: 'Synced',
    countsForApp: true,
    requiresPruning: false,
    changedPaths: [],
    normalizedDesired: null,
    normalizedLive: null,
    mode: 'clientSide',
    warnings: [],
    ...fields,
  };
}

describe('appSyncStatus', () => {
  it('Synced when every counted object is Synced, and for an empty app', () => {
    expect(appSyncStatus([comparison('a', {}), comparison('b', {})])).toEqual({ status: 'Synced' });
    expect(appSyncStatus([])).toEqual({ status: 'Synced' });
  });

  it('OutOfSync when any counted object is', () => {
    const result = appSyncStatus([
      comparison('a', {}),
      comparison('b', { status: 'OutOfSync', reason: 'changed' }),
    ]);
    expect(result).toEqual({ status: 'OutOfSync', reason: '1 of 2 objects out of sync' });
  });

  it('objects that do not count (hooks, IgnoreExtraneous, not ours) never make it OutOfSync', () => {
    const result = appSyncStatus([
      comparison('a', {}),
      comparison('hook', { status: null, reason: 'hook', countsForApp: false }),
      comparison('extra', {
        status: 'OutOfSync',
        reason: 'extraneous',
        countsForApp: false,
        requiresPruning: true,
      }),
      comparison('theirs', { status: null, reason: 'notOurs', countsForApp: false }),
    ]);
    expect(result).toEqual({ status: 'Synced' });
  });

  it('Unknown, naming the object and why, when a comparison failed — even if others are OutOfSync', () => {
    const result = appSyncStatus([
      comparison('a', { status: 'OutOfSync', reason: 'changed' }),
      comparison('b', { status: 'Unknown', reason: 'error', message: 'bad jq' }),
    ]);
    expect(result).toEqual({ status: 'Unknown', reason: 'comparison of ConfigMap shop/b failed: bad jq' });
  });

  it('Unknown when the objects could not be loaded', () => {
    expect(
      appSyncStatus([comparison('a', {})], { loadError: 'render helm chart charts/api: exit 1' }),
    ).toEqual({
      status: 'Unknown',
      reason: 'render helm chart charts/api: exit 1',
    });
  });
});

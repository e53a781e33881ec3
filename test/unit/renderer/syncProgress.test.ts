import { describe, expect, it } from 'vitest';
import {
  groupCounts,
  groupProgress,
  resourceState,
  type OperationResource,
} from '../../../renderer/src/views/apps/sync/progressGroups.ts';

function resource(name: string, phase: string, wave: number, more: Partial<OperationResource> = {}) {
  return {
    id: `/ConfigMap/ns/${name}`,
    kind: 'ConfigMap',
    namespace: 'ns',
    name,
    phase,
    wave,
    status: null,
    hookPhase: null,
    message: '',
    ...more,
  } satisfies OperationResource;
}

describe('sync progress grouped by phase and wave', () => {
  it('orders groups as the engine runs them: PreSync, Sync, PostSync, SyncFail, waves ascending', () => {
    const groups = groupProgress([
      resource('post', 'PostSync', 0),
      resource('late', 'Sync', 5),
      resource('early', 'Sync', -1),
      resource('fail', 'SyncFail', 0),
      resource('pre', 'PreSync', 0),
      resource('also-early', 'Sync', -1),
    ]);
    expect(groups.map((g) => `${g.phase}:${g.wave}`)).toEqual([
      'PreSync:0',
      'Sync:-1',
      'Sync:5',
      'PostSync:0',
      'SyncFail:0',
    ]);
    expect(groups[1]!.resources.map((r) => r.name)).toEqual(['early', 'also-early']);
  });

  it('tells each object’s state from its status or hook phase', () => {
    expect(resourceState(resource('a', 'Sync', 0))).toBe('pending');
    expect(resourceState(resource('a', 'Sync', 0, { status: 'Synced' }))).toBe('done');
    expect(resourceState(resource('a', 'Sync', 0, { status: 'PruneSkipped' }))).toBe('done');
    expect(resourceState(resource('a', 'Sync', 0, { status: 'SyncFailed' }))).toBe('failed');
    expect(resourceState(resource('a', 'PreSync', 0, { hookPhase: 'Running' }))).toBe('running');
    expect(resourceState(resource('a', 'PreSync', 0, { hookPhase: 'Succeeded' }))).toBe('done');
    expect(resourceState(resource('a', 'PreSync', 0, { hookPhase: 'Failed' }))).toBe('failed');
  });

  it('gives a group the state of its objects, and counts them', () => {
    const [waiting, underWay, done, failed] = groupProgress([
      resource('a', 'Sync', 0),
      resource('b', 'Sync', 1, { status: 'Synced' }),
      resource('c', 'Sync', 1),
      resource('d', 'Sync', 2, { status: 'Synced' }),
      resource('e', 'Sync', 3, { status: 'Synced' }),
      resource('f', 'Sync', 3, { status: 'SyncFailed', message: 'forbidden' }),
    ]);
    expect([waiting!.state, underWay!.state, done!.state, failed!.state]).toEqual([
      'pending',
      'running',
      'done',
      'failed',
    ]);
    expect(groupCounts(underWay!)).toBe('1 of 2 done');
    expect(groupCounts(failed!)).toBe('1 of 2 done, 1 failed');
  });
});

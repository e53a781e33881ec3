import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ChangeBatcher } from '../../../engine/cluster/changeBatcher.ts';
import { LiveStore } from '../../../engine/cluster/liveStore.ts';
import { kube } from './treeFixtures.ts';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('ChangeBatcher', () => {
  it('reports a burst of changes once per window, each key once', () => {
    const calls: string[][] = [];
    const batcher = new ChangeBatcher((keys) => calls.push([...keys]), 100);
    for (let i = 0; i < 50; i++) batcher.add(`/Pod/default/p${i % 10}`);
    expect(calls).toEqual([]);
    vi.advanceTimersByTime(100);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toHaveLength(10);
  });

  it('never calls more often than once per window under a steady stream', () => {
    const calls: number[] = [];
    const batcher = new ChangeBatcher(() => calls.push(Date.now()), 100);
    for (let t = 0; t < 1_000; t += 10) {
      batcher.add(`k${t}`);
      vi.advanceTimersByTime(10);
    }
    vi.advanceTimersByTime(100);
    expect(calls.length).toBeLessThanOrEqual(11);
    for (let i = 1; i < calls.length; i++) expect(calls[i]! - calls[i - 1]!).toBeGreaterThanOrEqual(100);
  });

  it('drops pending keys on close', () => {
    const flush = vi.fn();
    const batcher = new ChangeBatcher(flush, 100);
    batcher.add('k');
    batcher.close();
    vi.advanceTimersByTime(200);
    expect(flush).not.toHaveBeenCalled();
  });
});

describe('LiveStore', () => {
  const deployments = { group: 'apps', kind: 'Deployment' };

  function storeWithChanges(): { store: LiveStore; changes: Set<string>[] } {
    const changes: Set<string>[] = [];
    return { store: new LiveStore((keys) => changes.push(new Set(keys)), 100), changes };
  }

  it('reports only what a re-list changed: added, modified and vanished objects', () => {
    const { store, changes } = storeWithChanges();
    const a = kube('apps/v1', 'Deployment', 'a');
    const b = kube('apps/v1', 'Deployment', 'b');
    store.replace(deployments, undefined, [a, b]);
    vi.advanceTimersByTime(100);
    const a2 = kube('apps/v1', 'Deployment', 'a', { resourceVersion: '2' });
    const c = kube('apps/v1', 'Deployment', 'c');
    store.replace(deployments, undefined, [a2, c]);
    vi.advanceTimersByTime(100);
    expect(changes).toEqual([
      new Set(['apps/Deployment/default/a', 'apps/Deployment/default/b']),
      new Set(['apps/Deployment/default/a', 'apps/Deployment/default/b', 'apps/Deployment/default/c']),
    ]);
    expect(store.index.get('apps/Deployment/default/b')).toBeUndefined();
    expect(store.index.get({ group: 'apps', kind: 'Deployment', namespace: 'default', name: 'a' })).toBe(a2);
  });

  it('re-lists one namespace without touching the others', () => {
    const { store } = storeWithChanges();
    store.replace(deployments, 'team-a', [kube('apps/v1', 'Deployment', 'x', { namespace: 'team-a' })]);
    store.replace(deployments, 'team-b', [kube('apps/v1', 'Deployment', 'y', { namespace: 'team-b' })]);
    store.replace(deployments, 'team-a', []);
    expect(store.index.list(deployments).map((d) => (d.metadata as { name: string }).name)).toEqual(['y']);
  });

  it('applies watch events and ignores a repeated resourceVersion', () => {
    const { store, changes } = storeWithChanges();
    const pod = kube('v1', 'Pod', 'p', { owners: ['rs-uid'], app: 'shop' });
    store.apply('ADDED', pod);
    store.apply('MODIFIED', pod);
    vi.advanceTimersByTime(100);
    expect(changes).toEqual([new Set(['/Pod/default/p'])]);
    expect(store.index.byOwner('rs-uid')).toEqual([pod]);
    expect(store.index.objectsTrackedBy('shop')).toEqual([pod]);
    store.apply('DELETED', pod);
    expect(store.index.byOwner('rs-uid')).toEqual([]);
    expect(store.index.objectsTrackedBy('shop')).toEqual([]);
    expect(store.index.size).toBe(0);
  });
});

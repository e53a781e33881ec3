import { describe, expect, it } from 'vitest';
import { AutoSync } from '../../../engine/controller/autoSync.ts';
import type { Application } from '../../../engine/model/index.ts';

const app = (automated: Record<string, unknown> | undefined): Application => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Application',
  metadata: { name: 'web' },
  spec: {
    source: { repoURL: 'r', path: 'p' },
    destination: { name: 'c' },
    ...(automated ? { syncPolicy: { automated } } : {}),
  },
});
const outOfSync = { outOfSync: true, revisions: 'abc', desiredCount: 3 };

describe('auto-sync, as Argo CD decides it', () => {
  it('does nothing without syncPolicy.automated, or when in sync', () => {
    const auto = new AutoSync();
    expect(auto.decide(app(undefined), outOfSync)).toBeNull();
    expect(auto.decide(app({ enabled: false }), outOfSync)).toBeNull();
    expect(auto.decide(app({}), { ...outOfSync, outOfSync: false })).toBeNull();
  });

  it('syncs once per revision, even when that sync failed', () => {
    const auto = new AutoSync();
    const web = app({ prune: true });
    const decision = auto.decide(web, outOfSync);
    expect(decision).toEqual({ kind: 'sync', prune: true });
    auto.attempt(web, 'abc', decision!);
    auto.finished('web', false);
    expect(auto.decide(web, outOfSync)).toBeNull();
    expect(auto.decide(web, { ...outOfSync, revisions: 'def' })).toEqual({ kind: 'sync', prune: true });
  });

  it('heals drift at a synced revision with selfHeal, backing off 2 s × 3 per attempt', () => {
    const auto = new AutoSync();
    const web = app({ selfHeal: true });
    auto.attempt(web, 'abc', { kind: 'sync', prune: false }, 0);
    auto.finished('web', true);
    expect(auto.decide(web, outOfSync, 0)).toEqual({ kind: 'selfHeal', prune: false });
    auto.attempt(web, 'abc', { kind: 'selfHeal', prune: false }, 0);
    auto.finished('web', true);
    expect(auto.decide(web, outOfSync, 1_999)).toBeNull();
    expect(auto.decide(web, outOfSync, 2_000)).not.toBeNull();
    auto.attempt(web, 'abc', { kind: 'selfHeal', prune: false }, 2_000);
    auto.finished('web', true);
    expect(auto.decide(web, outOfSync, 2_000 + 5_999)).toBeNull();
    expect(auto.decide(web, outOfSync, 2_000 + 6_000)).not.toBeNull();
  });

  it('does not heal without selfHeal, nor sync an empty render without allowEmpty', () => {
    const auto = new AutoSync();
    const web = app({});
    auto.attempt(web, 'abc', { kind: 'sync', prune: false }, 0);
    auto.finished('web', true);
    expect(auto.decide(web, outOfSync, 10_000)).toBeNull();
    expect(new AutoSync().decide(web, { ...outOfSync, desiredCount: 0 })).toBeNull();
    expect(
      new AutoSync().decide(app({ allowEmpty: true }), { ...outOfSync, desiredCount: 0 }),
    ).not.toBeNull();
  });

  it('after a rollback is resumed, syncs the branch again even at a revision it synced before', () => {
    const auto = new AutoSync();
    const web = app({});
    auto.attempt(web, 'green', { kind: 'sync', prune: false });
    auto.finished('web', true);
    // the user rolled back to blue; while pinned nothing is decided; resumed, green is new again
    auto.deployed(web, 'blue', true);
    expect(auto.decide(web, { ...outOfSync, revisions: 'green' })).toEqual({ kind: 'sync', prune: false });
  });

  it('does not repeat a revision a user-started sync failed at', () => {
    const auto = new AutoSync();
    const web = app({});
    auto.deployed(web, 'abc', false);
    expect(auto.decide(web, outOfSync)).toBeNull();
  });
});

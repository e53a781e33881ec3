import { describe, expect, it } from 'vitest';
import { planSync } from '../../../engine/sync/index.ts';
import { obj, request, tracked } from './fixtures.ts';

const NOW = new Date();

describe('planSync: prune', () => {
  it('prunes only objects tracked by this app that are no longer desired, never hooks', () => {
    const live = [
      tracked('v1', 'ConfigMap', 'kept'),
      tracked('v1', 'ConfigMap', 'gone'),
      tracked('batch/v1', 'Job', 'old-hook', { 'argocd.argoproj.io/hook': 'PreSync' }),
      obj('v1', 'ConfigMap', 'not-ours', { 'plumbline.dev/tracking-id': 'other:/ConfigMap:shop/not-ours' }),
      obj('v1', 'ConfigMap', 'copied', { 'plumbline.dev/tracking-id': 'shop:/ConfigMap:shop/kept' }),
      obj('v1', 'ConfigMap', 'untracked'),
    ];
    const plan = planSync(request([obj('v1', 'ConfigMap', 'kept')], live, { prune: true }), NOW);
    expect(plan.tasks.filter((t) => t.action === 'prune').map((t) => t.id)).toEqual(['/ConfigMap/shop/gone']);
    expect(plan.skipped).toEqual([]);
  });

  it('skips prunes when prune is not requested, with Prune=false, and with Prune=confirm unconfirmed', () => {
    const live = [
      tracked('v1', 'ConfigMap', 'a'),
      tracked('v1', 'ConfigMap', 'keep', { 'argocd.argoproj.io/sync-options': 'Prune=false' }),
      tracked('v1', 'ConfigMap', 'ask', { 'argocd.argoproj.io/sync-options': 'Prune=confirm' }),
    ];
    const noPrune = planSync(request([], live), NOW);
    expect(noPrune.tasks).toEqual([]);
    expect(noPrune.skipped.map((r) => [r.name, r.status, r.message])).toEqual([
      ['a', 'PruneSkipped', 'ignored (requires pruning)'],
      ['keep', 'PruneSkipped', 'ignored (requires pruning)'],
      ['ask', 'PruneSkipped', 'ignored (requires pruning)'],
    ]);
    const prune = planSync(request([], live, { prune: true }), NOW);
    expect(prune.tasks.map((t) => t.obj.metadata?.name)).toEqual(['a']);
    expect(prune.skipped.map((r) => [r.name, r.message])).toEqual([
      ['keep', 'ignored (no prune)'],
      ['ask', 'ignored (prune requires confirmation)'],
    ]);
    const confirmed = planSync(request([], live, { prune: true, confirmPrune: true }), NOW);
    expect(confirmed.tasks.map((t) => t.obj.metadata?.name)).toEqual(['a', 'ask']);
  });

  it('an app-level Prune=false keeps everything; the object annotation overrides it', () => {
    const live = [
      tracked('v1', 'ConfigMap', 'a'),
      tracked('v1', 'ConfigMap', 'b', { 'argocd.argoproj.io/sync-options': 'Prune=true' }),
    ];
    const plan = planSync(request([], live, { prune: true, syncOptions: ['Prune=false'] }), NOW);
    expect(plan.tasks.map((t) => t.obj.metadata?.name)).toEqual(['b']);
  });

  it('prunes from the highest wave down', () => {
    const live = [
      tracked('v1', 'ConfigMap', 'w0'),
      tracked('v1', 'ConfigMap', 'w1', { 'argocd.argoproj.io/sync-wave': '1' }),
      tracked('v1', 'ConfigMap', 'w5', { 'argocd.argoproj.io/sync-wave': '5' }),
    ];
    const plan = planSync(request([], live, { prune: true }), NOW);
    expect(plan.tasks.map((t) => `${t.wave} ${String(t.obj.metadata?.name)}`)).toEqual([
      '0 w5',
      '1 w1',
      '5 w0',
    ]);
  });

  it('PruneLast=true prunes after the last Sync wave', () => {
    const desired = [obj('v1', 'ConfigMap', 'new', { 'argocd.argoproj.io/sync-wave': '3' })];
    const live = [
      tracked('v1', 'ConfigMap', 'old'),
      tracked('v1', 'ConfigMap', 'last', { 'argocd.argoproj.io/sync-options': 'PruneLast=true' }),
    ];
    const plan = planSync(request(desired, live, { prune: true }), NOW);
    expect(plan.tasks.map((t) => `${t.wave} ${t.action} ${String(t.obj.metadata?.name)}`)).toEqual([
      '0 prune old',
      '3 apply new',
      '4 prune last',
    ]);
    const appLevel = planSync(request(desired, live, { prune: true, syncOptions: ['PruneLast=true'] }), NOW);
    expect(appLevel.tasks.map((t) => `${t.wave} ${t.action}`)).toEqual(['3 apply', '4 prune', '4 prune']);
  });
});

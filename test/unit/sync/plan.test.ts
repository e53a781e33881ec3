import { describe, expect, it } from 'vitest';
import { planSync, type SyncTask } from '../../../engine/sync/index.ts';
import { APP, obj, request, tracked } from './fixtures.ts';

const NOW = new Date('2026-01-02T03:04:05Z');
const steps = (tasks: SyncTask[]) =>
  tasks.map((t) => `${t.phase} ${t.wave} ${t.action} ${t.obj.kind}/${String(t.obj.metadata?.name)}`);

describe('planSync: order', () => {
  it('orders by phase, wave, kind order, then name; unknown kinds last', () => {
    const plan = planSync(
      request([
        obj('example.com/v1', 'Widget', 'a'),
        obj('apps/v1', 'Deployment', 'web'),
        obj('v1', 'Service', 'web'),
        obj('v1', 'ConfigMap', 'b'),
        obj('v1', 'ConfigMap', 'a'),
        obj('batch/v1', 'Job', 'migrate', { 'argocd.argoproj.io/hook': 'PreSync' }),
        obj('batch/v1', 'Job', 'smoke', { 'argocd.argoproj.io/hook': 'PostSync' }),
        obj('v1', 'Secret', 'late', { 'argocd.argoproj.io/sync-wave': '1' }),
        obj('v1', 'Secret', 'early', { 'argocd.argoproj.io/sync-wave': '-2' }),
      ]),
      NOW,
    );
    expect(steps(plan.tasks)).toEqual([
      'PreSync 0 apply Job/migrate',
      'Sync -2 apply Secret/early',
      'Sync 0 apply ConfigMap/a',
      'Sync 0 apply ConfigMap/b',
      'Sync 0 apply Service/web',
      'Sync 0 apply Deployment/web',
      'Sync 0 apply Widget/a',
      'Sync 1 apply Secret/late',
      'PostSync 0 apply Job/smoke',
    ]);
  });

  it('moves a Namespace before the first object in it, taking its phase and wave', () => {
    const plan = planSync(
      request([
        obj('v1', 'Namespace', 'shop', { 'argocd.argoproj.io/sync-wave': '5' }, undefined),
        obj('v1', 'ConfigMap', 'settings', { 'argocd.argoproj.io/sync-wave': '1' }),
        obj('batch/v1', 'Job', 'migrate', { 'argocd.argoproj.io/hook': 'PreSync' }),
      ]),
      NOW,
    );
    expect(steps(plan.tasks)).toEqual([
      'PreSync 0 apply Namespace/shop',
      'PreSync 0 apply Job/migrate',
      'Sync 1 apply ConfigMap/settings',
    ]);
  });

  it('moves a CRD before its custom resources', () => {
    const crd = obj(
      'apiextensions.k8s.io/v1',
      'CustomResourceDefinition',
      'widgets.example.com',
      {
        'argocd.argoproj.io/sync-wave': '3',
      },
      undefined,
    );
    crd.spec = { group: 'example.com', names: { kind: 'Widget' } };
    const plan = planSync(request([obj('example.com/v1', 'Widget', 'w'), crd]), NOW);
    expect(steps(plan.tasks)).toEqual([
      'Sync 0 apply CustomResourceDefinition/widgets.example.com',
      'Sync 0 apply Widget/w',
    ]);
  });

  it('sets the tracking id on what it applies', () => {
    const [task] = planSync(request([obj('v1', 'ConfigMap', 'a')]), NOW).tasks;
    expect(task?.obj.metadata?.annotations).toMatchObject({
      'argocd.argoproj.io/tracking-id': `${APP}:/ConfigMap:shop/a`,
    });
  });
});

describe('planSync: hooks', () => {
  it('maps Helm hooks to phases and hook-weight to the wave; Skip and unsupported hooks are left out', () => {
    const plan = planSync(
      request([
        obj('batch/v1', 'Job', 'pre', {
          'helm.sh/hook': 'pre-install,pre-upgrade',
          'helm.sh/hook-weight': '-1',
        }),
        obj('batch/v1', 'Job', 'post', { 'helm.sh/hook': 'post-install' }),
        obj('v1', 'Pod', 'test', { 'helm.sh/hook': 'test' }),
        obj('v1', 'ConfigMap', 'skipped', { 'argocd.argoproj.io/hook': 'Skip' }),
        obj('batch/v1', 'Job', 'cleanup', { 'argocd.argoproj.io/hook': 'PostDelete' }),
      ]),
      NOW,
    );
    expect(steps(plan.tasks)).toEqual(['PreSync -1 apply Job/pre', 'PostSync 0 apply Job/post']);
  });

  it('runs a hook once per phase it names, holding it with the hook finalizer', () => {
    const plan = planSync(
      request([obj('batch/v1', 'Job', 'check', { 'argocd.argoproj.io/hook': 'PreSync,PostSync' })]),
      NOW,
    );
    expect(steps(plan.tasks)).toEqual(['PreSync 0 apply Job/check', 'PostSync 0 apply Job/check']);
    expect(plan.tasks.every((t) => t.hook)).toBe(true);
    expect(plan.tasks.map((t) => t.obj.metadata?.finalizers)).toEqual([
      ['argocd.argoproj.io/hook-finalizer'],
      ['argocd.argoproj.io/hook-finalizer'],
    ]);
  });

  it('names a generateName hook for this sync and phase', () => {
    const hook = obj('batch/v1', 'Job', '', { 'argocd.argoproj.io/hook': 'SyncFail' });
    hook.metadata = { ...hook.metadata, generateName: 'notify-' };
    delete hook.metadata.name;
    const [task] = planSync(request([hook]), NOW).tasks;
    expect(task?.obj.metadata?.name).toBe(`notify-syncfail-${NOW.getTime() / 1000}`);
    expect(task?.obj.metadata?.generateName).toBeUndefined();
    expect(task?.id).toBe(`batch/Job/shop/notify-syncfail-${NOW.getTime() / 1000}`);
  });

  it('runs no hooks in a selective sync and only the selected resources', () => {
    const plan = planSync(
      request(
        [
          obj('batch/v1', 'Job', 'migrate', { 'argocd.argoproj.io/hook': 'PreSync' }),
          obj('v1', 'ConfigMap', 'a'),
          obj('v1', 'ConfigMap', 'b'),
        ],
        [tracked('v1', 'Secret', 'old')],
        { resources: ['/ConfigMap/shop/b'], prune: true },
      ),
      NOW,
    );
    expect(steps(plan.tasks)).toEqual(['Sync 0 apply ConfigMap/b']);
  });
});

describe('planSync: options', () => {
  it('with ApplyOutOfSyncOnly=true applies only what the comparison found out of sync', () => {
    const plan = planSync(
      {
        ...request([obj('v1', 'ConfigMap', 'a'), obj('v1', 'ConfigMap', 'b')], [], {
          syncOptions: ['ApplyOutOfSyncOnly=true'],
        }),
        outOfSync: new Set(['/ConfigMap/shop/b']),
      },
      NOW,
    );
    expect(steps(plan.tasks)).toEqual(['Sync 0 apply ConfigMap/b']);
  });

  it('with CreateNamespace=true creates the destination namespace in PreSync, untracked', () => {
    const plan = planSync(
      {
        ...request([obj('v1', 'ConfigMap', 'a', { 'argocd.argoproj.io/sync-wave': '2' })], [], {
          syncOptions: ['CreateNamespace=true'],
        }),
        namespace: 'shop',
      },
      NOW,
    );
    expect(steps(plan.tasks)).toEqual(['PreSync 0 apply Namespace/shop', 'Sync 2 apply ConfigMap/a']);
    expect(plan.tasks[0]?.obj.metadata?.annotations).toBeUndefined();
  });
});

// syncPolicy.applicationsSync as Argo CD v3's applicationset controller applies it (AllowUpdate:
// create-update and sync; AllowDelete: create-delete and sync; sync when none is named), with what
// an update preserves (notification, refresh and hydrate annotations, preservedFields, pre- and
// post-delete finalizers) and when a deleted application's resources go with it.
import { describe, expect, it } from 'vitest';
import {
  applicationsSyncPolicy,
  planApplicationsSync,
  planSetRemoval,
  type ApplicationsSyncPolicy,
} from '../../../engine/appset/applicationsSync.ts';
import { RESOURCES_FINALIZER } from '../../../engine/appset/index.ts';
import type { Application } from '../../../engine/model/index.ts';
import { appSet } from '../../support/appsetFixtures.ts';

function app(name: string, path = name, metadata: Partial<Application['metadata']> = {}): Application {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name, finalizers: [RESOURCES_FINALIZER], ...metadata },
    spec: {
      project: 'default',
      source: { repoURL: 'https://git.example.test/apps.git', path },
      destination: { server: 'https://a.test', namespace: name },
    },
  } as Application;
}

const setWith = (policy?: ApplicationsSyncPolicy, preserve?: boolean) =>
  appSet([{ list: { elements: [] } }], {
    ...(policy || preserve !== undefined
      ? {
          syncPolicy: {
            ...(policy ? { applicationsSync: policy } : {}),
            ...(preserve !== undefined ? { preserveResourcesOnDeletion: preserve } : {}),
          },
        }
      : {}),
  });

// current: a (unchanged), b (generated with a new path), c (no longer generated); desired adds d
const current = [app('a'), app('b'), app('c')];
const desired = [app('a'), app('b', 'b-v2'), app('d')];

describe('planApplicationsSync: the four policies', () => {
  const table: Array<{
    policy: ApplicationsSyncPolicy | undefined;
    created: string[];
    updated: string[];
    kept: string[];
    deleted: string[];
    orphaned: string[];
    bPath: string;
  }> = [
    {
      policy: undefined,
      created: ['d'],
      updated: ['b'],
      kept: [],
      deleted: ['c'],
      orphaned: [],
      bPath: 'b-v2',
    },
    { policy: 'sync', created: ['d'], updated: ['b'], kept: [], deleted: ['c'], orphaned: [], bPath: 'b-v2' },
    {
      policy: 'create-only',
      created: ['d'],
      updated: [],
      kept: ['b'],
      deleted: [],
      orphaned: ['c'],
      bPath: 'b',
    },
    {
      policy: 'create-update',
      created: ['d'],
      updated: ['b'],
      kept: [],
      deleted: [],
      orphaned: ['c'],
      bPath: 'b-v2',
    },
    {
      policy: 'create-delete',
      created: ['d'],
      updated: [],
      kept: ['b'],
      deleted: ['c'],
      orphaned: [],
      bPath: 'b',
    },
  ];
  for (const row of table)
    it(`${row.policy ?? '(none: sync)'}`, () => {
      const set = setWith(row.policy);
      const plan = planApplicationsSync(set, current, desired);
      expect(applicationsSyncPolicy(set)).toBe(row.policy ?? 'sync');
      expect(plan.created).toEqual(row.created);
      expect(plan.updated).toEqual(row.updated);
      expect(plan.keptByPolicy).toEqual(row.kept);
      expect(plan.deleted.map((d) => d.name)).toEqual(row.deleted);
      expect(plan.orphaned).toEqual(row.orphaned);
      expect(plan.unchanged).toEqual(['a']);
      const names = plan.next.map((a) => a.metadata.name);
      expect(names).toEqual([...names].sort());
      expect(names).toEqual(['a', 'b', ...(row.orphaned.includes('c') ? ['c'] : []), 'd']);
      expect(plan.next.find((a) => a.metadata.name === 'b')!.spec.source!.path).toBe(row.bPath);
    });
});

describe('planApplicationsSync: what an update keeps', () => {
  it('keeps the preserved annotations, preservedFields and the deletion-hook finalizers of the existing application', () => {
    const set = appSet([{ list: { elements: [] } }], {
      preservedFields: { annotations: ['team'], labels: ['tier'] },
    } as never);
    const found = app('a', 'a', {
      annotations: {
        'notified.notifications.argoproj.io': '{"x":1}',
        'argocd.argoproj.io/refresh': 'hard',
        team: 'blue',
        stale: 'gone',
      },
      labels: { tier: 'gold', other: 'x' },
      finalizers: [
        RESOURCES_FINALIZER,
        'pre-delete-finalizer.argocd.argoproj.io/cleanup',
        'someone.else/finalizer',
      ],
    });
    const plan = planApplicationsSync(set, [found], [app('a', 'a-v2', { annotations: { team: 'red' } })]);
    expect(plan.updated).toEqual(['a']);
    const updated = plan.next[0]!;
    expect(updated.metadata.annotations).toEqual({
      team: 'blue',
      'notified.notifications.argoproj.io': '{"x":1}',
      'argocd.argoproj.io/refresh': 'hard',
    });
    expect(updated.metadata.labels).toEqual({ tier: 'gold' });
    expect(updated.metadata.finalizers).toEqual([
      RESOURCES_FINALIZER,
      'pre-delete-finalizer.argocd.argoproj.io/cleanup',
    ]);
  });

  it('counts an application with only preserved fields different as unchanged', () => {
    const found = app('a', 'a', { annotations: { 'argocd.argoproj.io/refresh': 'normal' } });
    const plan = planApplicationsSync(setWith('sync'), [found], [app('a')]);
    expect(plan.unchanged).toEqual(['a']);
    expect(plan.next[0]).toBe(found);
  });
});

describe('deleted applications and their resources', () => {
  it('prunes resources only with the resources finalizer and a set that does not preserve them', () => {
    const withFinalizer = app('x');
    const background = app('y', 'y', { finalizers: [`${RESOURCES_FINALIZER}/background`] });
    const without = app('z', 'z', { finalizers: [] });
    const plan = planApplicationsSync(setWith('sync'), [withFinalizer, background, without], []);
    expect(plan.deleted.map((d) => [d.name, d.pruneResources])).toEqual([
      ['x', true],
      ['y', true],
      ['z', false],
    ]);
    const preserving = planApplicationsSync(setWith('sync', true), [withFinalizer], []);
    expect(preserving.deleted.map((d) => [d.name, d.pruneResources])).toEqual([['x', false]]);
  });

  it('a set leaving the workspace takes its applications unless its policy forbids deleting', () => {
    expect(planSetRemoval(setWith('sync'), current).deleted.map((d) => d.name)).toEqual(['a', 'b', 'c']);
    expect(planSetRemoval(setWith('create-delete'), current).next).toEqual([]);
    const kept = planSetRemoval(setWith('create-update'), current);
    expect(kept.deleted).toEqual([]);
    expect(kept.orphaned).toEqual(['a', 'b', 'c']);
  });

  describe('strategy.deletionOrder Reverse (Argo CD v3 progressive syncs)', () => {
    const labelled = (name: string, env?: string) => app(name, name, env ? { labels: { env } } : {});
    const fleet = [
      labelled('dev-a', 'dev'),
      labelled('prod-a', 'prod'),
      labelled('dev-b', 'dev'),
      labelled('other'),
    ];
    const rolling = (deletionOrder?: string, steps = true) =>
      appSet([{ list: { elements: [] } }], {
        strategy: {
          type: 'RollingSync',
          ...(deletionOrder ? { deletionOrder } : {}),
          rollingSync: {
            steps: steps
              ? [
                  { matchExpressions: [{ key: 'env', operator: 'In', values: ['dev'] }] },
                  { matchExpressions: [{ key: 'env', operator: 'In', values: ['prod'] }] },
                ]
              : [],
          },
        },
      });
    const order = (set: ReturnType<typeof rolling>) => planSetRemoval(set, fleet).deleted.map((d) => d.name);

    it('deletes the last step first, one step after another; what no step selects goes last', () => {
      expect(order(rolling('Reverse'))).toEqual(['prod-a', 'dev-a', 'dev-b', 'other']);
      // compared as Argo CD compares it: without regard to case
      expect(order(rolling('reverse'))).toEqual(['prod-a', 'dev-a', 'dev-b', 'other']);
    });

    it('keeps the set order when AllAtOnce, unset, or without steps', () => {
      expect(order(rolling('AllAtOnce'))).toEqual(['dev-a', 'dev-b', 'other', 'prod-a']);
      expect(order(rolling())).toEqual(['dev-a', 'dev-b', 'other', 'prod-a']);
      expect(order(rolling('Reverse', false))).toEqual(['dev-a', 'dev-b', 'other', 'prod-a']);
    });
  });
});

// Progressive syncs (RollingSync) as Argo CD v3's applicationset controller runs them: steps
// selected by In/NotIn matchExpressions on the generated applications' labels, maxUpdate as an
// integer or a percentage (rounded down, at least one unless "0%"), the status of each
// application (Waiting → Pending → Progressing → Healthy; back to Waiting on a spec or revision
// change), a step only after every application of the earlier steps is Healthy, the conditions.
import { describe, expect, it } from 'vitest';
import {
  rolloutPass,
  underRollingSync,
  type RolloutApp,
  type RolloutAppStatus,
} from '../../../engine/appset/rollingSync.ts';
import {
  maxUpdateAllowed,
  rollingSyncSteps,
  selectSteps,
  type LabelledApp,
  type RolloutStep,
} from '../../../engine/appset/rollingSyncSteps.ts';
import type { Application } from '../../../engine/model/index.ts';
import { appSet, rolloutApp } from '../../support/appsetFixtures.ts';

const T0 = '2026-01-01T00:00:00.000Z';
const T1 = '2026-01-01T00:01:00.000Z';
const T2 = '2026-01-01T00:02:00.000Z';
const T3 = '2026-01-01T00:03:00.000Z';

const envIn = (...values: string[]): RolloutStep => ({
  matchExpressions: [{ key: 'env', operator: 'In', values }],
});
const twoSteps: RolloutStep[] = [envIn('dev'), { ...envIn('prod'), maxUpdate: 1 }];

const app = (name: string, env: string, over: Partial<RolloutApp> = {}): RolloutApp =>
  rolloutApp(name, { env }, over);
const fleet = (over: Record<string, Partial<RolloutApp>> = {}) => [
  app('dev-a', 'dev', over['dev-a']),
  app('prod-b', 'prod', over['prod-b']),
  app('prod-c', 'prod', over['prod-c']),
];
const statusOf = (statuses: RolloutAppStatus[], name: string) =>
  statuses.find((s) => s.application === name)?.status;
const pass = (apps: RolloutApp[], previous: RolloutAppStatus[], now: string, steps = twoSteps) =>
  rolloutPass(steps, apps, apps, previous, now);

describe('RollingSync strategy', () => {
  it('is RollingSync only with type RollingSync and a rollingSync block', () => {
    expect(rollingSyncSteps(appSet([]))).toBeNull();
    expect(rollingSyncSteps(appSet([], { strategy: { type: 'AllAtOnce' } }))).toBeNull();
    expect(rollingSyncSteps(appSet([], { strategy: { type: 'RollingSync' } }))).toBeNull();
    expect(rollingSyncSteps(appSet([], { strategy: { type: 'RollingSync', rollingSync: {} } }))).toEqual([]);
    expect(
      rollingSyncSteps(appSet([], { strategy: { type: 'RollingSync', rollingSync: { steps: twoSteps } } })),
    ).toEqual(twoSteps);
  });

  it('switches the generated applications automated sync off and keeps their prune for its syncs', () => {
    const generated = {
      metadata: { name: 'a' },
      spec: { syncPolicy: { automated: { prune: true, selfHeal: true } } },
    } as unknown as Application;
    const handed = underRollingSync(generated);
    expect(handed.prune).toBe(true);
    expect(handed.app.spec.syncPolicy?.automated).toEqual({ prune: true, selfHeal: true, enabled: false });
    const off = { ...generated, spec: { syncPolicy: { automated: { prune: true, enabled: false } } } };
    expect(underRollingSync(off as unknown as Application).prune).toBe(false);
    const manual = { metadata: { name: 'm' }, spec: {} } as unknown as Application;
    expect(underRollingSync(manual)).toEqual({ app: manual, prune: false });
  });
});

describe('step selection (matchExpressions)', () => {
  const apps: LabelledApp[] = [
    { name: 'a', labels: { env: 'dev' } },
    { name: 'b', labels: { env: 'prod', tier: 'web' } },
    { name: 'c', labels: {} },
  ];

  it('selects by In and NotIn, all expressions of a step together', () => {
    const steps: RolloutStep[] = [
      envIn('dev', 'qa'),
      {
        matchExpressions: [
          { key: 'env', operator: 'NotIn', values: ['dev'] },
          { key: 'tier', operator: 'In', values: ['web'] },
        ],
      },
    ];
    const { stepApps, stepOf, issues } = selectSteps(steps, apps);
    expect(stepApps).toEqual([['a'], ['b']]);
    expect(stepOf.has('c')).toBe(false);
    expect(issues.emptySteps).toEqual([]);
  });

  it('selects an application without the key by every operator but In (NotIn and unknown ones)', () => {
    const steps: RolloutStep[] = [
      { matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['dev'] }] },
      { matchExpressions: [{ key: 'env', operator: 'Exists' }] },
    ];
    const { stepApps, issues } = selectSteps(steps, apps);
    expect(stepApps[0]).toEqual(['b', 'c']);
    // Exists is no operator to Argo CD: an application with the key is not selected, one without is
    expect(stepApps[1]).toEqual(['c']);
    expect(issues.invalidOperators).toEqual([{ step: 1, operator: 'Exists' }]);
    expect(issues.duplicates.get('c')).toEqual([0, 1]);
  });

  it('a step without expressions selects everything; the InvalidRolloutConfig messages are Argo CD’s', () => {
    const ops = selectSteps([{ matchExpressions: [{ key: 'env', operator: 'DoesNotExist' }] }], apps);
    expect(
      rolloutPass([{ matchExpressions: [{ key: 'env', operator: 'DoesNotExist' }] }], apps, [], [], T0)
        .invalidConfig,
    ).toBe(
      "Step 1 has invalid matchExpression operators: DoesNotExist. Supported Operators are 'In' and 'NotIn'",
    );
    expect(ops.stepApps).toEqual([['c']]);
    expect(rolloutPass([{}, envIn('x')], apps, [], [], T0).invalidConfig).toBe(
      'Steps [2] have no applications matching their criteria',
    );
    expect(rolloutPass([{}, envIn('dev')], apps, [], [], T0).invalidConfig).toBe(
      "Application 'a' is selected by multiple steps: (1-2)",
    );
    expect(rolloutPass([envIn('dev')], apps, [], [], T0).invalidConfig).toBeNull();
  });
});

describe('maxUpdate', () => {
  it('takes integers as they are and rounds percentages down, at least one unless 0%', () => {
    expect(maxUpdateAllowed(undefined, 7)).toEqual({ value: Infinity, invalid: false });
    expect(maxUpdateAllowed(0, 7).value).toBe(0);
    expect(maxUpdateAllowed(2, 7).value).toBe(2);
    expect(maxUpdateAllowed(-1, 7).value).toBe(-1);
    expect(maxUpdateAllowed('50%', 7).value).toBe(3);
    expect(maxUpdateAllowed('10%', 7).value).toBe(1);
    expect(maxUpdateAllowed('0%', 7).value).toBe(0);
    expect(maxUpdateAllowed('00%', 7).value).toBe(1);
    expect(maxUpdateAllowed('-10%', 7).value).toBe(1);
    expect(maxUpdateAllowed('1000000%', 7).value).toBe(70000);
  });

  it('a string that is no percentage is invalid and allows one', () => {
    expect(maxUpdateAllowed('two', 7)).toEqual({ value: 1, invalid: true });
    expect(maxUpdateAllowed('5', 7)).toEqual({ value: 1, invalid: true });
    expect(maxUpdateAllowed('99999999999999999999%', 7)).toEqual({ value: 1, invalid: true });
    const steps: RolloutStep[] = [{ ...envIn('dev'), maxUpdate: 'lots' }];
    const result = rolloutPass(
      steps,
      [app('a', 'dev'), app('b', 'dev')],
      [app('a', 'dev'), app('b', 'dev')],
      [],
      T0,
    );
    expect(result.invalidConfig).toBe('Step 1 has an invalid maxUpdate value: lots');
    expect(result.toSync).toEqual(['a']);
  });
});

describe('application statuses through a rollout', () => {
  it('new applications wait; the first step goes Pending and syncs, the next step waits for it', () => {
    const first = pass(fleet(), [], T0);
    expect(first.statuses.map((s) => [s.application, s.status, s.step])).toEqual([
      ['dev-a', 'Pending', '1'],
      ['prod-b', 'Waiting', '2'],
      ['prod-c', 'Waiting', '2'],
    ]);
    expect(first.toSync).toEqual(['dev-a']);
    expect(first.progressing).toEqual({
      active: true,
      message: 'ApplicationSet is performing rollout of step 1',
    });
    // its operation starts after it became Pending: Progressing; prod still waits
    const started = pass(
      fleet({ 'dev-a': { operationStartedAt: T1, operationPhase: 'Running' } }),
      first.statuses,
      T1,
    );
    expect(statusOf(started.statuses, 'dev-a')).toBe('Progressing');
    expect(started.statuses.find((s) => s.application === 'dev-a')?.message).toBe(
      'Application resource became Progressing, updating status from Pending to Progressing',
    );
    expect(started.toSync).toEqual([]);
    // synced but not Healthy yet: still Progressing, prod still waits
    const synced = pass(
      fleet({
        'dev-a': {
          operationStartedAt: T1,
          operationPhase: 'Succeeded',
          sync: 'Synced',
          health: 'Progressing',
        },
      }),
      started.statuses,
      T2,
    );
    expect(statusOf(synced.statuses, 'dev-a')).toBe('Progressing');
    expect(statusOf(synced.statuses, 'prod-b')).toBe('Waiting');
    // Healthy and synced: step 2 opens, one prod application at a time (maxUpdate 1), in name order
    const healthy = pass(
      fleet({ 'dev-a': { operationStartedAt: T1, sync: 'Synced', health: 'Healthy' } }),
      synced.statuses,
      T3,
    );
    expect(statusOf(healthy.statuses, 'dev-a')).toBe('Healthy');
    expect(statusOf(healthy.statuses, 'prod-b')).toBe('Pending');
    expect(statusOf(healthy.statuses, 'prod-c')).toBe('Waiting');
    expect(healthy.toSync).toEqual(['prod-b']);
    expect(healthy.progressing.message).toBe('ApplicationSet is performing rollout of step 2');
  });

  it('a Pending application moves on only for an operation started after it became Pending', () => {
    const pending = pass(fleet(), [], T1);
    const old = pass(
      fleet({ 'dev-a': { operationStartedAt: T0, operationPhase: 'Succeeded' } }),
      pending.statuses,
      T2,
    );
    expect(statusOf(old.statuses, 'dev-a')).toBe('Pending');
    expect(old.toSync).toEqual(['dev-a']);
    const failed = pass(
      fleet({ 'dev-a': { operationStartedAt: T2, operationPhase: 'Failed' } }),
      pending.statuses,
      T3,
    );
    expect(failed.statuses.find((s) => s.application === 'dev-a')?.message).toBe(
      'Application resource completed a sync, updating status from Pending to Progressing',
    );
    const broken = pass(fleet({ 'dev-a': { hasError: true } }), pending.statuses, T2);
    expect(statusOf(broken.statuses, 'dev-a')).toBe('Progressing');
  });

  it('an application already synced and Healthy needs nothing: Healthy at once, the next step opens', () => {
    const done = { sync: 'Synced', health: 'Healthy' };
    const result = pass(fleet({ 'dev-a': done }), [], T0);
    expect(statusOf(result.statuses, 'dev-a')).toBe('Healthy');
    expect(result.toSync).toEqual(['prod-b']);
    const all = pass(fleet({ 'dev-a': done, 'prod-b': done, 'prod-c': done }), [], T0);
    expect(all.progressing).toEqual({ active: false, message: 'ApplicationSet Rollout has completed' });
  });

  it('a change of spec or of target revisions puts a Healthy application back to Waiting', () => {
    const done = { sync: 'Synced', health: 'Healthy' };
    const healthy = pass(fleet({ 'dev-a': done, 'prod-b': done, 'prod-c': done }), [], T0).statuses;
    const moved = pass(
      fleet({ 'dev-a': { revisions: ['def'] }, 'prod-b': done, 'prod-c': done }),
      healthy,
      T1,
    );
    const dev = moved.statuses.find((s) => s.application === 'dev-a');
    // Waiting, then at once Pending: its step is allowed
    expect(dev?.status).toBe('Pending');
    expect(dev?.targetRevisions).toEqual(['def']);
    const specOnly = rolloutPass(
      [envIn('dev')],
      [app('dev-a', 'dev')],
      [app('dev-a', 'dev', { specChanged: true })],
      healthy,
      T1,
    );
    expect(specOnly.statuses[0]).toMatchObject({ status: 'Pending' });
    const held = rolloutPass(
      [{ ...envIn('dev'), maxUpdate: 0 }],
      [app('dev-a', 'dev')],
      [app('dev-a', 'dev', { specChanged: true, revisions: ['def'] })],
      healthy,
      T1,
    );
    expect(held.statuses[0]).toMatchObject({
      status: 'Waiting',
      message: 'Application has pending changes (revision and spec differ), setting status to Waiting',
    });
  });

  it('a generated application not created yet holds the later steps back; statuses are only of existing ones', () => {
    const apps = fleet({ 'dev-a': { exists: false } });
    const result = rolloutPass(twoSteps, apps, apps, [], T0);
    expect(result.statuses.map((s) => s.application)).toEqual(['prod-b', 'prod-c']);
    expect(result.toSync).toEqual([]);
  });

  it('an application whose statuses are not known yet (the engine just started) keeps its recorded status', () => {
    const pending = pass(fleet(), [], T0);
    const unknown = { known: false, health: 'Unknown', sync: 'Unknown', revisions: [] };
    const restarted = pass(
      fleet({ 'dev-a': unknown, 'prod-b': unknown, 'prod-c': unknown }),
      pending.statuses,
      T1,
    );
    expect(restarted.statuses).toEqual(pending.statuses);
  });

  it('an application no step selects is never synced by the set and has step -1', () => {
    const apps = [...fleet({ 'dev-a': { sync: 'Synced', health: 'Healthy' } }), app('qa-d', 'qa')];
    const result = pass(apps, [], T0);
    expect(result.statuses.find((s) => s.application === 'qa-d')).toMatchObject({
      status: 'Waiting',
      step: '-1',
    });
    expect(result.toSync).not.toContain('qa-d');
  });

  it('an application no step selects counts in the first step’s maxUpdate, as Argo CD’s step map defaults to 0', () => {
    const steps: RolloutStep[] = [{ ...envIn('prod'), maxUpdate: 1 }];
    const apps = [app('prod-a', 'prod'), app('qa-x', 'qa', { sync: 'Synced', health: 'Progressing' })];
    const result = rolloutPass(steps, apps, apps, [], T0);
    expect(statusOf(result.statuses, 'qa-x')).toBe('Progressing');
    expect(statusOf(result.statuses, 'prod-a')).toBe('Waiting');
    expect(result.toSync).toEqual([]);
  });

  it('maxUpdate counts the Pending and Progressing applications of the step', () => {
    const steps: RolloutStep[] = [{ ...envIn('prod'), maxUpdate: '50%' }];
    const apps = ['p1', 'p2', 'p3', 'p4'].map((name) => app(name, 'prod'));
    const first = rolloutPass(steps, apps, apps, [], T0);
    expect(first.toSync).toEqual(['p1', 'p2']);
    const p1Done = apps.map((a) => (a.name === 'p1' ? { ...a, sync: 'Synced', health: 'Healthy' } : a));
    const second = rolloutPass(steps, p1Done, p1Done, first.statuses, T1);
    // a Pending application moves on only with an operation: synced and Healthy alone keep it Pending
    expect(statusOf(second.statuses, 'p1')).toBe('Pending');
    expect(second.toSync).toEqual(['p1', 'p2']);
    const zero = rolloutPass([{ ...envIn('prod'), maxUpdate: 0 }], apps, apps, [], T0);
    expect(zero.toSync).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { missingConditions, watchedConditions } from '../../../main/cli/waitConditions.ts';

const app = (sync: string, health: string, operationRunning = false) => ({
  sync: { status: sync },
  health: { status: health },
  operationRunning,
});

describe('app wait conditions (argocd app wait)', () => {
  it('waits for sync, health and operation when no flag is given', () => {
    expect(watchedConditions({})).toEqual({
      sync: true,
      health: true,
      operation: true,
      suspended: false,
      degraded: false,
    });
  });

  it('waits only for what a flag names', () => {
    const watched = watchedConditions({ health: true });
    expect(missingConditions(app('OutOfSync', 'Healthy', true) as never, watched)).toEqual([]);
    expect(missingConditions(app('Synced', 'Progressing') as never, watched)).toEqual([
      'health is Progressing, not Healthy',
    ]);
  });

  it('says everything that is still missing', () => {
    expect(missingConditions(app('OutOfSync', 'Missing', true) as never, watchedConditions({}))).toEqual([
      'sync is OutOfSync, not Synced',
      'health is Missing, not Healthy',
      'an operation is running',
    ]);
    expect(missingConditions(app('Synced', 'Healthy') as never, watchedConditions({}))).toEqual([]);
  });

  it('passes any one of the health states asked for', () => {
    const watched = watchedConditions({ health: true, suspended: true });
    expect(missingConditions(app('OutOfSync', 'Suspended') as never, watched)).toEqual([]);
    expect(missingConditions(app('OutOfSync', 'Degraded') as never, watched)).toEqual([
      'health is Degraded, not Healthy or Suspended',
    ]);
    expect(missingConditions(app('x', 'Degraded') as never, watchedConditions({ degraded: true }))).toEqual(
      [],
    );
  });
});

import { describe, expect, it } from 'vitest';
import {
  hasSyncOption,
  hookDeletePolicies,
  mayRetry,
  retryDelayMs,
  syncOption,
  waveOf,
} from '../../../engine/sync/index.ts';
import { obj } from './fixtures.ts';

describe('sync options', () => {
  it('reads the object annotation first, then the app list', () => {
    const o = obj('v1', 'ConfigMap', 'a', {
      'argocd.argoproj.io/sync-options': 'Replace=true, Validate=false',
    });
    expect(syncOption('Validate', o, ['Validate=true'])).toBe('false');
    expect(syncOption('Replace', o)).toBe('true');
    expect(syncOption('PrunePropagationPolicy', o, ['PrunePropagationPolicy=background'])).toBe('background');
    expect(hasSyncOption('ServerSideApply', 'false', o, ['ServerSideApply=False'])).toBe(true);
    expect(syncOption('CreateNamespace', undefined, [])).toBeUndefined();
  });
});

describe('hook annotations', () => {
  it('defaults the delete policy to BeforeHookCreation and maps Helm policies', () => {
    expect(hookDeletePolicies(obj('batch/v1', 'Job', 'a', { 'argocd.argoproj.io/hook': 'PreSync' }))).toEqual(
      ['BeforeHookCreation'],
    );
    expect(
      hookDeletePolicies(
        obj('batch/v1', 'Job', 'a', { 'argocd.argoproj.io/hook-delete-policy': 'HookSucceeded,HookFailed' }),
      ),
    ).toEqual(['HookSucceeded', 'HookFailed']);
    expect(
      hookDeletePolicies(
        obj('batch/v1', 'Job', 'a', { 'helm.sh/hook-delete-policy': 'hook-succeeded,before-hook-creation' }),
      ),
    ).toEqual(['HookSucceeded', 'BeforeHookCreation']);
  });

  it('reads the wave, negative allowed, Helm weight only for Helm hooks', () => {
    expect(waveOf(obj('v1', 'ConfigMap', 'a', { 'argocd.argoproj.io/sync-wave': '-3' }))).toBe(-3);
    expect(waveOf(obj('v1', 'ConfigMap', 'a', { 'argocd.argoproj.io/sync-wave': 'soon' }))).toBe(0);
    expect(
      waveOf(obj('v1', 'ConfigMap', 'a', { 'helm.sh/hook': 'pre-install', 'helm.sh/hook-weight': '7' })),
    ).toBe(7);
    expect(waveOf(obj('v1', 'ConfigMap', 'a', { 'helm.sh/hook-weight': '7' }))).toBe(0);
  });
});

describe('retry backoff', () => {
  it('uses Argo CD defaults: 5s doubling, capped at 3m', () => {
    expect([1, 2, 3, 7, 8].map((n) => retryDelayMs({ limit: 10 }, n))).toEqual([
      5_000, 10_000, 20_000, 180_000, 180_000,
    ]);
  });

  it('takes duration, factor and maxDuration', () => {
    const retry = { limit: 3, backoff: { duration: '1s', factor: 3, maxDuration: '5s' } };
    expect([1, 2, 3].map((n) => retryDelayMs(retry, n))).toEqual([1_000, 3_000, 5_000]);
  });

  it('retries up to the limit; a negative limit forever; none without a strategy', () => {
    expect(mayRetry({ limit: 2 }, 2)).toBe(true);
    expect(mayRetry({ limit: 2 }, 3)).toBe(false);
    expect(mayRetry({ limit: -1 }, 1000)).toBe(true);
    expect(mayRetry(undefined, 1)).toBe(false);
  });
});

// An application's health from its objects': worst wins in Argo CD's order; hooks, skipped
// and ignored objects, objects without health, and some missing objects do not count.
import { describe, expect, it } from 'vitest';
import {
  aggregateHealth,
  HEALTH_ORDER,
  healthCustomizationsFromSettings,
  isHook,
  isSkipped,
  isWorseHealth,
  type HealthItem,
  type HealthStatus,
  type KubeObject,
} from '../../../engine/health/index.ts';

function obj(kind: string, annotations: Record<string, string> = {}, apiVersion = 'apps/v1'): KubeObject {
  return { apiVersion, kind, metadata: { name: kind.toLowerCase(), annotations } };
}

const deployment = (status: HealthStatus, annotations: Record<string, string> = {}): HealthItem => ({
  obj: obj('Deployment', annotations),
  health: { status },
});

describe('aggregateHealth', () => {
  it('is Healthy when nothing counts', () => {
    expect(aggregateHealth([])).toBe('Healthy');
    expect(aggregateHealth([{ obj: obj('ConfigMap', {}, 'v1'), health: null }])).toBe('Healthy');
  });

  it('orders Healthy < Suspended < Progressing < Missing < Degraded < Unknown', () => {
    expect(HEALTH_ORDER).toEqual(['Healthy', 'Suspended', 'Progressing', 'Missing', 'Degraded', 'Unknown']);
    for (const [i, better] of HEALTH_ORDER.entries()) {
      for (const worse of HEALTH_ORDER.slice(i + 1)) {
        expect(aggregateHealth([deployment(better), deployment(worse)])).toBe(worse);
        expect(aggregateHealth([deployment(worse), deployment(better)])).toBe(worse);
        expect(isWorseHealth(better, worse)).toBe(true);
        expect(isWorseHealth(worse, better)).toBe(false);
      }
    }
  });

  it('takes the worst of many', () => {
    const items = (['Healthy', 'Progressing', 'Suspended', 'Healthy'] as const).map((s) => deployment(s));
    expect(aggregateHealth(items)).toBe('Progressing');
  });

  it('leaves out Argo CD hooks, Helm hooks and Skip objects', () => {
    const items = [
      deployment('Healthy'),
      deployment('Degraded', { 'argocd.argoproj.io/hook': 'PreSync' }),
      deployment('Degraded', { 'argocd.argoproj.io/hook': 'PostSync,SyncFail' }),
      deployment('Unknown', { 'helm.sh/hook': 'pre-install' }),
      deployment('Unknown', { 'helm.sh/hook': 'test' }),
      deployment('Degraded', { 'argocd.argoproj.io/hook': 'Skip' }),
    ];
    expect(aggregateHealth(items)).toBe('Healthy');
  });

  it('counts objects whose Helm annotation is crd-install: Helm calls them hooks, they are not', () => {
    expect(aggregateHealth([deployment('Degraded', { 'helm.sh/hook': 'crd-install' })])).toBe('Degraded');
  });

  it('leaves out objects annotated ignore-healthcheck: "true", and only those', () => {
    expect(
      aggregateHealth([deployment('Degraded', { 'argocd.argoproj.io/ignore-healthcheck': 'true' })]),
    ).toBe('Healthy');
    expect(
      aggregateHealth([deployment('Degraded', { 'argocd.argoproj.io/ignore-healthcheck': 'false' })]),
    ).toBe('Degraded');
  });

  it('counts a missing object whose kind has a health check', () => {
    expect(aggregateHealth([deployment('Healthy'), deployment('Missing')])).toBe('Missing');
    expect(aggregateHealth([deployment('Missing'), deployment('Degraded')])).toBe('Degraded');
  });

  it('does not count a missing object whose kind has no health check, unless a custom one', () => {
    const missingConfigMap: HealthItem = { obj: obj('ConfigMap', {}, 'v1'), health: { status: 'Missing' } };
    expect(aggregateHealth([deployment('Healthy'), missingConfigMap])).toBe('Healthy');
    const custom = healthCustomizationsFromSettings({ ConfigMap: 'return { status = "Healthy" }' });
    expect(aggregateHealth([deployment('Healthy'), missingConfigMap], custom)).toBe('Missing');
  });

  it('does not let a child Application that is Missing or Unknown affect its parent', () => {
    const app = (status: HealthStatus): HealthItem => ({
      obj: obj('Application', {}, 'argoproj.io/v1alpha1'),
      health: { status },
    });
    const custom = healthCustomizationsFromSettings({
      'argoproj.io/Application': 'return { status = obj.status.health.status }',
    });
    expect(aggregateHealth([app('Missing'), app('Unknown')], custom)).toBe('Healthy');
    expect(aggregateHealth([app('Degraded')], custom)).toBe('Degraded');
  });
});

describe('hooks', () => {
  it('are any Argo CD hook annotation but a lone Skip, or a Helm hook but crd-install', () => {
    expect(isHook(obj('Job', { 'argocd.argoproj.io/hook': 'PreSync' }))).toBe(true);
    expect(isHook(obj('Job', { 'argocd.argoproj.io/hook': 'Skip' }))).toBe(false);
    expect(isHook(obj('Job', { 'argocd.argoproj.io/hook': 'Skip,PreSync' }))).toBe(true);
    expect(isHook(obj('Job', { 'argocd.argoproj.io/hook': 'Unheard' }))).toBe(true);
    expect(isHook(obj('Job', { 'helm.sh/hook': 'post-upgrade' }))).toBe(true);
    expect(isHook(obj('Job', { 'helm.sh/hook': 'crd-install' }))).toBe(false);
    expect(isHook(obj('Job'))).toBe(false);
    expect(isSkipped(obj('Job', { 'argocd.argoproj.io/hook': ' Skip , Skip ' }))).toBe(true);
  });
});

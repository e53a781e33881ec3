import { describe, expect, it } from 'vitest';
import {
  cascadeOfFinalizers,
  deletionVerdict,
  hookRemovedAfterwards,
  isDeleteHook,
  nextDeletionWave,
  propagationOf,
} from '../../../engine/sync/deletion.ts';
import type { KubeObject } from '../../../engine/diff/index.ts';

function obj(
  kind: string,
  name: string,
  annotations: Record<string, string> = {},
  apiVersion = 'v1',
): KubeObject {
  return { apiVersion, kind, metadata: { name, namespace: 'ns', annotations } };
}

describe('the propagation of an application deletion (Argo CD finalizers)', () => {
  it('maps the finalizers to a cascade', () => {
    expect(cascadeOfFinalizers(['resources-finalizer.argocd.argoproj.io'])).toBe('foreground');
    expect(cascadeOfFinalizers(['resources-finalizer.argocd.argoproj.io/foreground'])).toBe('foreground');
    expect(cascadeOfFinalizers(['resources-finalizer.argocd.argoproj.io/background'])).toBe('background');
    expect(cascadeOfFinalizers(['other.example/finalizer'])).toBe('orphan');
    expect(cascadeOfFinalizers(undefined)).toBe('orphan');
    // the first propagation finalizer decides, as Argo CD's GetPropagationPolicy reads it
    const plain = 'resources-finalizer.argocd.argoproj.io';
    const background = 'resources-finalizer.argocd.argoproj.io/background';
    expect(cascadeOfFinalizers([background, plain])).toBe('background');
    expect(cascadeOfFinalizers(['x', plain, background])).toBe('foreground');
  });

  it('maps a cascade to a Kubernetes propagation policy', () => {
    expect(propagationOf('foreground')).toBe('Foreground');
    expect(propagationOf('background')).toBe('Background');
    expect(propagationOf('orphan')).toBeNull();
  });
});

describe('which objects go with the application', () => {
  it('keeps Delete=false objects, from the annotation or the application', () => {
    expect(
      deletionVerdict(
        obj('ConfigMap', 'a', { 'argocd.argoproj.io/sync-options': 'Prune=false,Delete=false' }),
      ),
    ).toEqual({
      deleted: false,
      keptBecause: 'Delete=false',
      needsConfirmation: false,
    });
    expect(deletionVerdict(obj('ConfigMap', 'a'), ['Delete=false']).deleted).toBe(false);
    // the object's annotation overrides the application's option
    expect(
      deletionVerdict(obj('ConfigMap', 'a', { 'argocd.argoproj.io/sync-options': 'Delete=true' }), [
        'Delete=false',
      ]).deleted,
    ).toBe(true);
  });

  it('asks for confirmation of Delete=confirm objects', () => {
    expect(
      deletionVerdict(obj('ConfigMap', 'a', { 'argocd.argoproj.io/sync-options': 'Delete=confirm' })),
    ).toEqual({
      deleted: true,
      needsConfirmation: true,
    });
  });

  it("keeps CRDs and Helm's resource-policy: keep", () => {
    const crd = obj('CustomResourceDefinition', 'x.example.com', {}, 'apiextensions.k8s.io/v1');
    expect(deletionVerdict(crd).deleted).toBe(false);
    expect(deletionVerdict(obj('Secret', 's', { 'helm.sh/resource-policy': 'keep' })).keptBecause).toBe(
      'helm.sh/resource-policy: keep',
    );
    expect(deletionVerdict(obj('ConfigMap', 'plain')).deleted).toBe(true);
  });

  it('deletes the highest sync wave first, one wave at a time', () => {
    const low = obj('ConfigMap', 'low', { 'argocd.argoproj.io/sync-wave': '-1' });
    const zero = obj('ConfigMap', 'zero');
    const high = obj('ConfigMap', 'high', { 'argocd.argoproj.io/sync-wave': '5' });
    const high2 = obj('Service', 'high2', { 'argocd.argoproj.io/sync-wave': '5' });
    expect(nextDeletionWave([low, zero, high, high2])).toEqual([high, high2]);
    expect(nextDeletionWave([low, zero])).toEqual([zero]);
    expect(nextDeletionWave([])).toEqual([]);
  });
});

describe('delete hooks', () => {
  it("selects PreDelete and PostDelete hooks by Argo CD's or Helm's annotation, in a comma list", () => {
    expect(isDeleteHook(obj('Job', 'a', { 'argocd.argoproj.io/hook': 'PreDelete' }), 'PreDelete')).toBe(true);
    expect(
      isDeleteHook(obj('Job', 'a', { 'argocd.argoproj.io/hook': 'PreSync, PostDelete' }), 'PostDelete'),
    ).toBe(true);
    expect(isDeleteHook(obj('Job', 'a', { 'argocd.argoproj.io/hook': 'PostDelete' }), 'PreDelete')).toBe(
      false,
    );
    expect(isDeleteHook(obj('Job', 'a', { 'helm.sh/hook': 'pre-delete' }), 'PreDelete')).toBe(true);
    expect(isDeleteHook(obj('Job', 'a', { 'helm.sh/hook': 'post-install,post-delete' }), 'PostDelete')).toBe(
      true,
    );
    expect(isDeleteHook(obj('Job', 'a', { 'argocd.argoproj.io/hook': 'PreDeletex' }), 'PreDelete')).toBe(
      false,
    );
    expect(isDeleteHook(obj('Job', 'a'), 'PreDelete')).toBe(false);
  });

  it('removes a hook afterwards only when a delete policy matches the hooks’ health', () => {
    const succeeded = obj('Job', 'a', { 'argocd.argoproj.io/hook-delete-policy': 'HookSucceeded' });
    const failed = obj('Job', 'b', { 'argocd.argoproj.io/hook-delete-policy': 'HookFailed' });
    const plain = obj('Job', 'c');
    expect(hookRemovedAfterwards(succeeded, 'Healthy')).toBe(true);
    expect(hookRemovedAfterwards(succeeded, 'Degraded')).toBe(false);
    expect(hookRemovedAfterwards(failed, 'Degraded')).toBe(true);
    expect(hookRemovedAfterwards(failed, 'Healthy')).toBe(false);
    // BeforeHookCreation, the default, matches neither: the hook stays, as in Argo CD
    expect(hookRemovedAfterwards(plain, 'Healthy')).toBe(false);
  });
});

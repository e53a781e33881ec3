// Which objects count for the app's sync status: extras marked IgnoreExtraneous are listed but
// do not count; objects tracked by another app or naming another object are neither diffed nor
// pruned; hooks and `hook: Skip` objects carry no sync status.
import { afterAll, describe, expect, it } from 'vitest';
import { compareObject, setTrackingId, stopJq, type KubeObject } from '../../../engine/diff/index.ts';
import { at, pair } from './fixtures.ts';

afterAll(stopJq);

const options = { appName: 'shop' };

function annotate(obj: KubeObject, annotations: Record<string, string>): KubeObject {
  const metadata = at(obj, 'metadata');
  metadata.annotations = { ...(metadata.annotations as Record<string, string> | undefined), ...annotations };
  return obj;
}

describe('extraneous objects', () => {
  it('a live object of this app that git no longer has is OutOfSync and needs pruning', async () => {
    const result = await compareObject(undefined, pair('configmap').live, options);
    expect(result).toMatchObject({
      status: 'OutOfSync',
      reason: 'extraneous',
      requiresPruning: true,
      countsForApp: true,
      normalizedDesired: null,
    });
  });

  it('with compare-options IgnoreExtraneous it is still listed and prunable, but does not count', async () => {
    const live = annotate(pair('configmap').live, {
      'argocd.argoproj.io/compare-options': 'ServerSideDiff=true, IgnoreExtraneous',
    });
    const result = await compareObject(undefined, live, options);
    expect(result).toMatchObject({
      status: 'OutOfSync',
      reason: 'extraneous',
      requiresPruning: true,
      countsForApp: false,
    });
  });

  it('IgnoreExtraneous does not hide a difference of an object that is in git', async () => {
    const { desired, live } = pair('configmap');
    annotate(live, { 'argocd.argoproj.io/compare-options': 'IgnoreExtraneous' });
    at(live, 'data').LOG_LEVEL = 'debug';
    expect(await compareObject(desired, live, options)).toMatchObject({
      status: 'OutOfSync',
      countsForApp: true,
    });
  });
});

describe('objects that are not ours', () => {
  it('a live object tracked by another app is neither judged nor pruned', async () => {
    const live = setTrackingId(pair('configmap').live, 'billing');
    const result = await compareObject(undefined, live, options);
    expect(result).toMatchObject({
      status: null,
      reason: 'notOurs',
      requiresPruning: false,
      countsForApp: false,
    });
  });

  it('a live object whose tracking id names another object (a copied annotation) is not ours', async () => {
    const pod = annotate(
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-7d9c6b8f5d-x2x9z', namespace: 'shop' } },
      { 'plumbline.dev/tracking-id': 'shop:apps/Deployment:shop/web' },
    );
    expect(await compareObject(undefined, pod, options)).toMatchObject({
      reason: 'notOurs',
      requiresPruning: false,
    });
  });

  it('an untracked live object is never pruned', async () => {
    const { live } = pair('configmap');
    delete at(live, 'metadata').annotations;
    expect(await compareObject(undefined, live, options)).toMatchObject({
      reason: 'notOurs',
      requiresPruning: false,
    });
  });

  it('an object git wants but another app tracks is not diffed: OutOfSync, shared', async () => {
    const { desired, live } = pair('configmap');
    const result = await compareObject(desired, setTrackingId(live, 'billing'), options);
    expect(result).toMatchObject({
      status: 'OutOfSync',
      reason: 'sharedResource',
      countsForApp: true,
      requiresPruning: false,
      changedPaths: [],
    });
    expect(result.message).toContain('billing');
  });
});

describe('hooks', () => {
  it.each([
    ['argocd.argoproj.io/hook', 'PreSync', 'hook'],
    ['argocd.argoproj.io/hook', 'PostSync,SyncFail', 'hook'],
    ['helm.sh/hook', 'post-install', 'hook'],
    ['argocd.argoproj.io/hook', 'Skip', 'skipped'],
  ])('%s: %s carries no sync status and is not pruned (%s)', async (name, value, reason) => {
    const desired = annotate(pair('configmap').desired, { [name]: value });
    expect(await compareObject(desired, undefined, options)).toMatchObject({
      status: null,
      reason,
      countsForApp: false,
      requiresPruning: false,
    });
  });

  it('a live hook left from an earlier sync is not pruned: its delete policy removes it', async () => {
    const live = annotate(pair('configmap').live, { 'argocd.argoproj.io/hook': 'PreSync' });
    expect(await compareObject(undefined, live, options)).toMatchObject({
      status: null,
      reason: 'hook',
      requiresPruning: false,
    });
  });

  it('helm.sh/hook: crd-install is not a hook (Helm marks CRDs with it)', async () => {
    const desired = annotate(pair('configmap').desired, { 'helm.sh/hook': 'crd-install' });
    expect(await compareObject(desired, undefined, options)).toMatchObject({
      status: 'OutOfSync',
      reason: 'missing',
      countsForApp: true,
    });
  });
});

describe('bad input', () => {
  it('neither object: Unknown, not a crash', async () => {
    expect(await compareObject(undefined, undefined, options)).toMatchObject({
      status: 'Unknown',
      reason: 'error',
    });
  });
});

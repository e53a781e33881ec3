// Server-side comparison: the caller's server-side-apply dry run of git's object (the predicted
// live object) against live. Everything the server returns is judged, minus its bookkeeping.
import { afterAll, describe, expect, it } from 'vitest';
import { compareObject, stopJq, type KubeObject } from '../../../engine/diff/index.ts';
import { at, pair } from './fixtures.ts';

afterAll(stopJq);

function dryRunOf(live: KubeObject): KubeObject {
  const predicted = structuredClone(live);
  Object.assign(at(predicted, 'metadata'), { resourceVersion: '50000', generation: 2 });
  (at(predicted, 'metadata').managedFields as Record<string, unknown>[])[0]!.time = '2025-02-01T00:00:00Z';
  return predicted;
}

describe('server-side comparison', () => {
  it('a change the dry run predicts is reported, wherever git set it', async () => {
    const { desired, live } = pair('deployment');
    const predictedLive = dryRunOf(live);
    at(predictedLive, 'spec', 'template', 'spec', 'containers', 0).image = 'nginx:1.28';
    const result = await compareObject(desired, live, { appName: 'shop', predictedLive });
    expect(result).toMatchObject({ status: 'OutOfSync', reason: 'changed', mode: 'serverSide' });
    expect(result.changedPaths).toEqual(['/spec/template/spec/containers/0/image']);
    expect(at(result.normalizedDesired, 'spec', 'template', 'spec', 'containers', 0).image).toBe(
      'nginx:1.28',
    );
  });

  it('a field the dry run removes (git no longer sets it) is a change: live-only fields are judged', async () => {
    const { desired, live } = pair('configmap');
    const predictedLive = dryRunOf(live);
    delete at(predictedLive, 'data').LOG_LEVEL;
    const result = await compareObject(desired, live, { appName: 'shop', predictedLive });
    expect(result.changedPaths).toEqual(['/data/LOG_LEVEL']);
  });

  it('status, managedFields, resourceVersion and generation changed by the dry run are not differences', async () => {
    const { desired, live } = pair('deployment');
    const predictedLive = dryRunOf(live);
    at(predictedLive, 'status').observedGeneration = 2;
    expect((await compareObject(desired, live, { appName: 'shop', predictedLive })).status).toBe('Synced');
  });

  it('an object missing from the cluster shows the predicted object as desired', async () => {
    const { desired, live } = pair('configmap');
    const result = await compareObject(desired, undefined, {
      appName: 'shop',
      predictedLive: dryRunOf(live),
    });
    expect(result).toMatchObject({
      status: 'OutOfSync',
      reason: 'missing',
      requiresPruning: false,
      normalizedLive: null,
    });
    expect(result.normalizedDesired?.data).toEqual({ FEATURE_FLAGS: '', LOG_LEVEL: 'info' });
  });
});

// A freshly applied object is Synced: the defaults, canonical spellings and bookkeeping the API
// server adds are not differences. Both comparison modes, on objects as the server returns them.
import { afterAll, describe, expect, it } from 'vitest';
import { compareObject, stopJq, type CompareOptions } from '../../../engine/diff/index.ts';
import { at, pair, type FixtureName } from './fixtures.ts';

const options: CompareOptions = { appName: 'shop' };
const fixtures: FixtureName[] = ['deployment', 'service', 'configmap', 'secret'];

afterAll(stopJq);

describe('a freshly applied object', () => {
  it.each(fixtures)('%s is Synced client-side (no cluster to ask)', async (name) => {
    const { desired, live } = pair(name);
    const result = await compareObject(desired, live, options);
    expect(result.changedPaths).toEqual([]);
    expect(result).toMatchObject({
      status: 'Synced',
      mode: 'clientSide',
      countsForApp: true,
      requiresPruning: false,
    });
  });

  it.each(fixtures)('%s is Synced server-side when the dry run predicts live as it is', async (name) => {
    const { desired, live } = pair(name);
    const predictedLive = {
      ...structuredClone(live),
      metadata: { ...at(live, 'metadata'), resourceVersion: '99999', generation: 2 },
    };
    const result = await compareObject(desired, live, { ...options, predictedLive });
    expect(result.changedPaths).toEqual([]);
    expect(result).toMatchObject({ status: 'Synced', mode: 'serverSide' });
  });

  it('still shows a real change next to all the defaults', async () => {
    const { desired, live } = pair('deployment');
    at(desired, 'spec', 'template', 'spec', 'containers', 0).image = 'nginx:1.28';
    const result = await compareObject(desired, live, options);
    expect(result).toMatchObject({ status: 'OutOfSync', reason: 'changed' });
    expect(result.changedPaths).toEqual(['/spec/template/spec/containers/0/image']);
  });

  it('leaves server bookkeeping out of the normalised objects it returns', async () => {
    const { desired, live } = pair('service');
    const result = await compareObject(desired, live, options);
    for (const side of [result.normalizedDesired, result.normalizedLive]) {
      expect(side?.metadata).not.toHaveProperty('managedFields');
      expect(side?.metadata).not.toHaveProperty('resourceVersion');
      expect(side?.metadata).not.toHaveProperty('uid');
      expect(side?.metadata).not.toHaveProperty('creationTimestamp');
      expect(side?.metadata?.annotations).not.toHaveProperty([
        'kubectl.kubernetes.io/last-applied-configuration',
      ]);
      expect(side).not.toHaveProperty('status');
    }
    expect(result.normalizedDesired?.spec).toMatchObject({
      clusterIP: '10.96.14.7',
      sessionAffinity: 'None',
    });
  });
});

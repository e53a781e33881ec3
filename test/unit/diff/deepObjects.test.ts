// A live object from a cluster nested far deeper than any manifest (a custom resource with
// preserved unknown fields) is never walked: its comparison is Unknown with the reason, at once,
// and the recursive walks of normalisation, diff and masking never see it.
import { afterAll, describe, expect, it } from 'vitest';
import { compareObject, stopJq, type KubeObject } from '../../../engine/diff/index.ts';
import { pair } from './fixtures.ts';

afterAll(stopJq);

function nested(levels: number): unknown {
  let value: unknown = 'leaf';
  for (let i = 0; i < levels; i++) value = { a: value };
  return value;
}

describe('objects nested past the depth limit', () => {
  it('a live object 100,000 levels deep is Unknown, named, not walked', async () => {
    const { desired, live } = pair('configmap');
    const deep = { ...live, spec: nested(100_000) } as KubeObject;
    const result = await compareObject(desired, deep, { appName: 'shop' });
    expect(result.status).toBe('Unknown');
    expect(result.message).toMatch(/nests more than 100 levels deep \(setting limits\.yamlDepth\)/);
  });

  it('an object within the limit is compared as usual', async () => {
    const { desired, live } = pair('configmap');
    const result = await compareObject(desired, { ...live, spec: nested(50) } as KubeObject, {
      appName: 'shop',
    });
    expect(result.status).not.toBe('Unknown');
  });
});

// The merge patch an action or an edit sends: changed fields set, removed ones null, arrays whole.
import { describe, expect, it } from 'vitest';
import { createMergePatch } from '../../../engine/actions/mergePatch.ts';

describe('createMergePatch', () => {
  it('sets what changed, nulls what went, replaces arrays whole, and is empty when nothing changed', () => {
    const live = { spec: { replicas: 1, paused: true, ports: [80, 443], template: { a: 1 } }, keep: 'x' };
    const next = { spec: { replicas: 3, ports: [80], template: { a: 1 } }, keep: 'x', added: { b: 2 } };
    expect(createMergePatch(live, next)).toEqual({
      spec: { replicas: 3, paused: null, ports: [80] },
      added: { b: 2 },
    });
    expect(createMergePatch(live, structuredClone(live))).toEqual({});
  });
});

import { describe, expect, it } from 'vitest';
import { applicationConditionTypes, isErrorCondition } from '../../../engine/model/conditions.ts';

describe('condition severity', () => {
  it('reads the suffix, as Argo CD names them', () => {
    expect(isErrorCondition('InvalidSpecError')).toBe(true);
    expect(isErrorCondition('SharedResourceWarning')).toBe(false);
    expect(applicationConditionTypes.filter(isErrorCondition)).toEqual([
      'DeletionError',
      'InvalidSpecError',
      'ComparisonError',
      'SyncError',
      'UnknownError',
    ]);
  });
});

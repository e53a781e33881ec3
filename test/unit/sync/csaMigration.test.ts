// Client-side apply migration as Kubernetes' csaupgrade computes it: the client-side manager's
// fields are joined to Plumbline's apply entry (or its entry becomes Plumbline's), and it goes.
import { describe, expect, it } from 'vitest';
import { migratedManagedFields, unionFields } from '../../../engine/sync/index.ts';
import { needsCsaMigration } from '../../../engine/sync/csaMigration.ts';

const csa = (fieldsV1: unknown, apiVersion = 'v1') => ({
  manager: 'kubectl-client-side-apply',
  operation: 'Update',
  apiVersion,
  fieldsType: 'FieldsV1',
  fieldsV1,
});
const ours = (fieldsV1: unknown) => ({
  manager: 'plumbline',
  operation: 'Apply',
  apiVersion: 'v1',
  fieldsV1,
});
const other = {
  manager: 'kube-controller-manager',
  operation: 'Update',
  subresource: 'status',
  fieldsV1: {},
};

describe('client-side apply migration', () => {
  it('renames the client-side entry when Plumbline has none', () => {
    const fields = { 'f:data': { 'f:a': {} } };
    expect(migratedManagedFields([csa(fields), other], 'kubectl-client-side-apply', 'plumbline')).toEqual([
      { ...csa(fields), manager: 'plumbline', operation: 'Apply' },
      other,
    ]);
  });

  it('joins the client-side fields to Plumbline’s entry of the same API version and removes every client-side entry', () => {
    const migrated = migratedManagedFields(
      [ours({ 'f:data': { 'f:a': {} } }), csa({ 'f:data': { 'f:b': {} } }), csa({ 'f:x': {} }, 'v2')],
      'kubectl-client-side-apply',
      'plumbline',
    );
    expect(migrated).toEqual([ours({ 'f:data': { 'f:a': {}, 'f:b': {} } })]);
  });

  it('changes nothing without a client-side entry of that manager', () => {
    expect(
      migratedManagedFields([ours({}), other], 'kubectl-client-side-apply', 'plumbline'),
    ).toBeUndefined();
  });

  it('unions FieldsV1 sets, marking a member that gained children with "."', () => {
    expect(unionFields({ 'f:spec': { 'f:a': {} } }, { 'f:spec': { 'f:b': {} }, 'f:x': {} })).toEqual({
      'f:spec': { 'f:a': {}, 'f:b': {} },
      'f:x': {},
    });
    expect(unionFields({ 'f:labels': {} }, { 'f:labels': { 'f:app': {} } })).toEqual({
      'f:labels': { '.': {}, 'f:app': {} },
    });
    expect(unionFields(undefined, 'junk')).toEqual({});
  });

  it('is needed only for an Update entry of that manager', () => {
    const live = (entries: unknown[]) => ({ metadata: { name: 'a', managedFields: entries } });
    expect(needsCsaMigration(live([csa({})]), 'kubectl-client-side-apply')).toBe(true);
    expect(needsCsaMigration(live([{ ...csa({}), operation: 'Apply' }]), 'kubectl-client-side-apply')).toBe(
      false,
    );
    expect(needsCsaMigration(live([csa({})]), 'other')).toBe(false);
    expect(needsCsaMigration(live([csa({})]), '')).toBe(false);
    expect(needsCsaMigration(undefined, 'kubectl-client-side-apply')).toBe(false);
  });
});

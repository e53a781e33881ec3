import { describe, expect, it } from 'vitest';
import { missingPermissions } from '../../../engine/clusters/accessReview.ts';
import { allowedResources, type ResourceRule } from '../../../engine/clusters/rulesReview.ts';

const rules: ResourceRule[] = [
  { verbs: ['get', 'list', 'watch'], apiGroups: [''], resources: ['configmaps', 'services'] },
  { verbs: ['*'], apiGroups: ['apps'], resources: ['deployments'] },
  { verbs: ['create'], apiGroups: ['batch'], resources: ['*'] },
  { verbs: ['patch'], apiGroups: ['*'], resources: ['ingresses'] },
  { verbs: ['delete'], apiGroups: [''], resources: ['secrets'], resourceNames: ['only-this-one'] },
  // What every authenticated user may ask about itself says nothing about deploying.
  { verbs: ['create'], apiGroups: ['authorization.k8s.io'], resources: ['selfsubjectaccessreviews'] },
];

describe('allowedResources (from a SelfSubjectRulesReview)', () => {
  it('names the core group plainly and other groups after a dot', () => {
    expect(allowedResources(rules, 'get')).toEqual(['configmaps', 'deployments.apps', 'services']);
  });

  it('reads a wildcard verb, a wildcard resource and a wildcard group', () => {
    expect(allowedResources(rules, 'create')).toEqual(['deployments.apps', 'everything in batch']);
    expect(allowedResources(rules, 'patch')).toEqual(['deployments.apps', 'ingresses (any group)']);
  });

  it('marks rules limited to named objects', () => {
    expect(allowedResources(rules, 'delete')).toEqual(['deployments.apps', 'secrets named only-this-one']);
  });

  it('finds nothing for a verb no rule grants', () => {
    expect(allowedResources([], 'watch')).toEqual([]);
  });
});

describe('missingPermissions with what is partly allowed', () => {
  it('adds, per scope, the verbs allowed on some resources only', () => {
    const checks = [
      { namespace: 'team-c', verb: 'get' as const, allowed: false, allowedOn: ['configmaps'] },
      { namespace: 'team-c', verb: 'list' as const, allowed: false, allowedOn: ['configmaps'] },
      { namespace: 'team-c', verb: 'create' as const, allowed: false, allowedOn: [] },
      { namespace: 'team-c', verb: 'delete' as const, allowed: false, allowedOn: ['configmaps', 'secrets'] },
      { namespace: null, verb: 'get' as const, allowed: false },
    ];
    expect(missingPermissions(checks)).toEqual([
      'in namespace team-c: cannot create; get, list only on configmaps; delete only on configmaps, secrets',
      'cannot get cluster-wide',
    ]);
  });
});

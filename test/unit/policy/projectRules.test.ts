import { describe, expect, it } from 'vitest';
import { authorizeWrite } from '../../../engine/policy/projectRules.ts';
import { defaultProject, type AppProject } from '../../../engine/model/index.ts';

const deployment = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'shop' },
};
const role = {
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'ClusterRole',
  metadata: { name: 'reader' },
};
const project = (spec: AppProject['spec']): AppProject => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'AppProject',
  metadata: { name: 'team' },
  spec,
});

describe('project rules', () => {
  it('lets the default project deploy anything anywhere', () => {
    expect(authorizeWrite(defaultProject(), { cluster: 'prod', namespace: 'shop', obj: deployment })).toEqual(
      { allowed: true },
    );
    expect(authorizeWrite(defaultProject(), { cluster: 'prod', namespace: '', obj: role })).toEqual({
      allowed: true,
    });
  });

  it('allows only the project’s destinations, with globs and ! exclusions', () => {
    const team = project({
      destinations: [
        { name: 'prod', namespace: 'shop-*' },
        { name: '*', namespace: '!kube-system' },
      ],
    });
    expect(authorizeWrite(team, { cluster: 'prod', namespace: 'shop-eu', obj: deployment }).allowed).toBe(
      true,
    );
    const refused = authorizeWrite(team, { cluster: 'dev', namespace: 'kube-system', obj: deployment });
    expect(refused).toMatchObject({ allowed: false });
    expect(refused.allowed || refused.message).toContain('does not allow deploying to dev/kube-system');
  });

  it('refuses every cluster-scoped kind unless whitelisted', () => {
    const team = project({ destinations: [{ server: '*', namespace: '*' }] });
    expect(authorizeWrite(team, { cluster: 'prod', namespace: '', obj: role })).toMatchObject({
      allowed: false,
    });
    const allowed = project({
      destinations: [{ server: '*', namespace: '*' }],
      clusterResourceWhitelist: [{ group: 'rbac.authorization.k8s.io', kind: '*' }],
    });
    expect(authorizeWrite(allowed, { cluster: 'prod', namespace: '', obj: role }).allowed).toBe(true);
  });

  it('applies the namespaced blacklist, and the whitelist when there is one', () => {
    const black = project({
      destinations: [{ name: '*', namespace: '*' }],
      namespaceResourceBlacklist: [{ group: 'apps', kind: 'Deployment' }],
    });
    expect(authorizeWrite(black, { cluster: 'prod', namespace: 'shop', obj: deployment }).allowed).toBe(
      false,
    );
    const white = project({
      destinations: [{ name: '*', namespace: '*' }],
      namespaceResourceWhitelist: [{ group: '', kind: 'ConfigMap' }],
    });
    expect(authorizeWrite(white, { cluster: 'prod', namespace: 'shop', obj: deployment }).allowed).toBe(
      false,
    );
  });

  it('refuses everything when the project names no destination', () => {
    expect(authorizeWrite(project({}), { cluster: 'prod', namespace: 'shop', obj: deployment }).allowed).toBe(
      false,
    );
  });
});

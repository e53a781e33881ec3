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

  // Argo CD checks a project's destinations only for namespaced objects (the demo's Namespace
  // from CreateNamespace=true was refused for "plumbline-a/(cluster)" before this)
  it('does not check a cluster-scoped object against the namespaces of the destinations', () => {
    const demo = project({
      destinations: [{ name: 'plumbline-a', namespace: 'demo-*' }],
      clusterResourceWhitelist: [{ group: '', kind: 'Namespace' }],
    });
    const namespace = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'demo-guestbook' } };
    const write = { cluster: 'plumbline-a', namespace: '', destinationNamespace: 'demo-guestbook' };
    expect(authorizeWrite(demo, { ...write, obj: namespace })).toEqual({ allowed: true });
    // any cluster-scoped kind: allowed when its kind is, whatever its name
    expect(authorizeWrite(demo, { ...write, obj: role }).allowed).toBe(false);
    const withRoles = project({ ...demo.spec, clusterResourceWhitelist: [{ group: '*', kind: '*' }] });
    expect(authorizeWrite(withRoles, { ...write, obj: role })).toEqual({ allowed: true });
  });

  it('still refuses a cluster-scoped object when the application’s own destination is not the project’s', () => {
    const demo = project({
      destinations: [{ name: 'plumbline-a', namespace: 'demo-*' }],
      clusterResourceWhitelist: [{ group: '*', kind: '*' }],
    });
    const otherCluster = authorizeWrite(demo, {
      cluster: 'plumbline-b',
      namespace: '',
      destinationNamespace: 'demo-guestbook',
      obj: role,
    });
    expect(otherCluster.allowed || otherCluster.message).toContain(
      "does not allow the application's destination plumbline-b/demo-guestbook",
    );
    const otherNamespace = authorizeWrite(demo, {
      cluster: 'plumbline-a',
      namespace: '',
      destinationNamespace: 'kube-system',
      obj: role,
    });
    expect(otherNamespace.allowed).toBe(false);
  });

  it('follows Argo CD’s destination rule: a ! cluster or namespace entry refuses first', () => {
    const noKubeSystem = project({
      destinations: [
        { server: '*', namespace: '*' },
        { server: '*', namespace: '!kube-system' },
      ],
    });
    const into = (namespace: string) =>
      authorizeWrite(noKubeSystem, { cluster: 'prod', namespace, obj: deployment }).allowed;
    expect(into('shop')).toBe(true);
    expect(into('kube-system')).toBe(false);
    const notProd = project({
      destinations: [
        { name: '*', namespace: '*' },
        { name: '!prod', namespace: '*' },
      ],
    });
    expect(authorizeWrite(notProd, { cluster: 'dev', namespace: 'shop', obj: deployment }).allowed).toBe(
      true,
    );
    expect(authorizeWrite(notProd, { cluster: 'prod', namespace: 'shop', obj: deployment }).allowed).toBe(
      false,
    );
  });

  it('treats regular-expression characters in destinations as plain text', () => {
    const dotted = project({ destinations: [{ name: 'prod.eu', namespace: 'shop(1)+' }] });
    const write = (cluster: string, namespace: string) =>
      authorizeWrite(dotted, { cluster, namespace, obj: deployment }).allowed;
    expect(write('prod.eu', 'shop(1)+')).toBe(true);
    expect(write('prodxeu', 'shop(1)+')).toBe(false);
    expect(write('prod.eu', 'shop11')).toBe(false);
  });
});

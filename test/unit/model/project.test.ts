import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { appProjectSchema, defaultProject } from '../../../engine/model/project.ts';

const project = `
apiVersion: argoproj.io/v1alpha1
kind: AppProject
metadata:
  name: web
  namespace: argocd
spec:
  description: Web team applications
  sourceRepos: ['https://example.test/org/*', '!https://example.test/org/secret.git']
  destinations:
    - server: https://kubernetes.default.svc
      namespace: 'web-*'
    - name: staging
      namespace: '!kube-system'
  clusterResourceWhitelist:
    - group: ''
      kind: Namespace
  clusterResourceBlacklist: []
  namespaceResourceBlacklist:
    - group: ''
      kind: ResourceQuota
  namespaceResourceWhitelist:
    - group: '*'
      kind: '*'
  orphanedResources:
    warn: true
    ignore:
      - group: ''
        kind: ConfigMap
        name: kube-root-ca.crt
  roles:
    - name: deployer
      description: May sync web apps
      policies:
        - p, proj:web:deployer, applications, sync, web/*, allow
      groups: [web-admins]
  syncWindows:
    - kind: deny
      schedule: '0 22 * * *'
      duration: 1h30m
      applications: ['*-prod']
      manualSync: true
      timeZone: Europe/Amsterdam
      andOperator: false
      description: nightly freeze
    - kind: allow
      schedule: '0 8 * * 1-5'
      duration: 10h
      namespaces: [web-*]
      clusters: [staging]
      syncOverrun: true
  sourceNamespaces: [apps-*]
  signatureKeys: [{ keyID: 4AEE18F83AFDEB23 }]
`;

function issuesOf(text: string): string[] {
  const result = appProjectSchema.safeParse(parse(text));
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('appProjectSchema', () => {
  it('reads a project with destinations, resource lists, roles and sync windows', () => {
    const result = appProjectSchema.safeParse(parse(project));
    expect(result.success, JSON.stringify(result.error?.issues)).toBe(true);
    const spec = result.data!.spec;
    expect(spec.destinations?.[1]).toEqual({ name: 'staging', namespace: '!kube-system' });
    expect(spec.clusterResourceBlacklist).toEqual([]);
    expect(spec.orphanedResources?.ignore?.[0]?.name).toBe('kube-root-ca.crt');
    expect(spec.roles?.[0]?.groups).toEqual(['web-admins']);
    expect(spec.syncWindows?.[0]?.manualSync).toBe(true);
    expect(spec.syncWindows?.[1]?.syncOverrun).toBe(true);
    expect((spec as Record<string, unknown>).sourceNamespaces).toEqual(['apps-*']);
  });

  it('rejects a sync window of an unknown kind', () => {
    const broken = project.replace('kind: deny', 'kind: maybe');
    expect(issuesOf(broken)).toEqual([
      'spec.syncWindows.0.kind: Invalid option: expected one of "allow"|"deny"',
    ]);
  });

  // as in Argo CD, a duration that cannot be read makes only its window invalid (engine/policy)
  it('keeps a sync window whose duration cannot be read for the policy to refuse', () => {
    expect(issuesOf(project.replace('duration: 10h', 'duration: 10 hours'))).toEqual([]);
  });

  it('rejects a role without a name', () => {
    expect(issuesOf(project.replace('- name: deployer', '- title: deployer'))).toEqual([
      'spec.roles.0.name: Invalid input: expected string, received undefined',
    ]);
  });
});

describe('defaultProject', () => {
  it("is Argo CD's default: any source, any destination, any cluster-scoped kind", () => {
    const spec = defaultProject().spec;
    expect(spec.sourceRepos).toEqual(['*']);
    expect(spec.destinations).toEqual([{ server: '*', namespace: '*' }]);
    expect(spec.clusterResourceWhitelist).toEqual([{ group: '*', kind: '*' }]);
    expect(appProjectSchema.safeParse(defaultProject()).success).toBe(true);
  });

  it('hands out a fresh copy each time', () => {
    defaultProject().spec.sourceRepos?.push('mutated');
    expect(defaultProject().spec.sourceRepos).toEqual(['*']);
  });
});

// Orphaned resources with Argo CD's rules: top-level objects only, the application's own and
// other applications' objects left out, the objects every namespace has, the project's ignore
// globs (empty kind or name: any), kinds the project does not permit; the warning only with
// `warn: true`.
import { describe, expect, it } from 'vitest';
import { setTrackingId, type KubeObject } from '../../../engine/diff/index.ts';
import type { AppProject } from '../../../engine/model/index.ts';
import { findOrphans, orphanWarning } from '../../../engine/orphans/orphans.ts';
import { consideredKind } from '../../../engine/orphans/listCandidates.ts';

const ns = 'shop';
const obj = (
  apiVersion: string,
  kind: string,
  name: string,
  extra: Record<string, unknown> = {},
): KubeObject => ({
  apiVersion,
  kind,
  metadata: { name, namespace: ns, ...extra },
});

function project(orphanedResources: AppProject['spec']['orphanedResources'], extra = {}): AppProject {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'AppProject',
    metadata: { name: 'p' },
    spec: { orphanedResources, ...extra },
  } as AppProject;
}

const objects: KubeObject[] = [
  obj('v1', 'ConfigMap', 'stray'),
  obj('v1', 'ConfigMap', 'kube-root-ca.crt'),
  obj('v1', 'ServiceAccount', 'default'),
  obj('v1', 'ConfigMap', 'mine'),
  setTrackingId(obj('v1', 'ConfigMap', 'theirs'), 'other'),
  setTrackingId(obj('v1', 'ConfigMap', 'gone-app'), 'deleted-app'),
  obj('apps/v1', 'ReplicaSet', 'web-1', { ownerReferences: [{ kind: 'Deployment', name: 'web' }] }),
  obj('apps/v1', 'Deployment', 'legacy'),
  obj('v1', 'Secret', 'token-abc'),
];
const base = { objects, own: new Set(['/ConfigMap/shop/mine']), applications: new Set(['app', 'other']) };

describe('orphaned resources', () => {
  it('lists top-level objects no existing application tracks, minus the ones every namespace has', () => {
    const found = findOrphans({ ...base, project: project({ warn: true }) }).map((o) => o.id);
    expect(found).toEqual([
      '/ConfigMap/shop/gone-app',
      '/ConfigMap/shop/stray',
      '/Secret/shop/token-abc',
      'apps/Deployment/shop/legacy',
    ]);
  });

  it('leaves out what the ignore list names: group glob, kind glob or any, name glob or any', () => {
    const ignored = findOrphans({
      ...base,
      project: project({
        warn: true,
        ignore: [{ kind: 'ConfigMap', name: 'str*' }, { group: 'apps' }, { kind: 'Secret', name: 'token-*' }],
      }),
    }).map((o) => o.id);
    expect(ignored).toEqual(['/ConfigMap/shop/gone-app']);
    // an empty group matches only the core group
    expect(
      findOrphans({ ...base, project: project({ ignore: [{ kind: 'Deployment' }] }) }).map((o) => o.id),
    ).toContain('apps/Deployment/shop/legacy');
  });

  it('leaves out kinds the project does not permit', () => {
    const found = findOrphans({
      ...base,
      project: project({}, { namespaceResourceBlacklist: [{ group: '', kind: 'Secret' }] }),
    }).map((o) => o.id);
    expect(found).not.toContain('/Secret/shop/token-abc');
  });

  it('warns only when the project says warn: true', () => {
    const orphans = findOrphans({ ...base, project: project({ warn: true }) });
    expect(orphanWarning(project({ warn: true }), orphans)).toBe('Application has 4 orphaned resources');
    expect(orphanWarning(project({}), orphans)).toBeNull();
    expect(orphanWarning(project({ warn: true }), [])).toBeNull();
  });

  it('never lists Events, Leases, Endpoints or kinds that cannot be listed', () => {
    const resource = (group: string, kind: string, verbs = ['list']) => ({
      group,
      kind,
      version: 'v1',
      plural: kind.toLowerCase(),
      namespaced: true,
      verbs,
    });
    expect(consideredKind(resource('', 'ConfigMap'))).toBe(true);
    expect(consideredKind(resource('', 'Event'))).toBe(false);
    expect(consideredKind(resource('events.k8s.io', 'Event'))).toBe(false);
    expect(consideredKind(resource('coordination.k8s.io', 'Lease'))).toBe(false);
    expect(consideredKind(resource('', 'Endpoints'))).toBe(false);
    expect(consideredKind(resource('', 'ConfigMap', ['get']))).toBe(false);
  });
});

// CreateNamespace=true with managedNamespaceMetadata, as Argo CD's syncNamespace decides: a new
// namespace is created (with the metadata), an existing one is updated only when the application
// manages its metadata, a Namespace among the app's own objects wins.
import { describe, expect, it } from 'vitest';
import { managedNamespaceObject, planSync, type SyncRequest } from '../../../engine/sync/index.ts';
import { setTrackingId } from '../../../engine/diff/index.ts';
import { APP, obj, request } from './fixtures.ts';

const NOW = new Date('2026-01-02T03:04:05Z');
const metadata = { labels: { team: 'shop' }, annotations: { owner: 'shop-team' } };

function withNamespace(
  extra: Partial<SyncRequest> = {},
  syncOptions = ['CreateNamespace=true'],
  desired = [obj('v1', 'ConfigMap', 'settings')],
): SyncRequest {
  return { ...request(desired, [], { syncOptions }), namespace: 'shop', ...extra };
}

const namespaceTasks = (req: SyncRequest, exists?: boolean) =>
  planSync(req, NOW, exists).tasks.filter((t) => t.obj.kind === 'Namespace');

describe('the managed namespace', () => {
  it('is created with its labels and annotations, applied server-side, in PreSync', () => {
    const [task] = namespaceTasks(withNamespace({ managedNamespaceMetadata: metadata }), false);
    expect(task).toMatchObject({ phase: 'PreSync', wave: 0, action: 'apply' });
    expect(task?.obj).toEqual({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name: 'shop',
        labels: { team: 'shop' },
        annotations: { owner: 'shop-team', 'argocd.argoproj.io/sync-options': 'ServerSideApply=true' },
      },
    });
  });

  it('an existing namespace gets the metadata when the app manages it, and is left alone otherwise', () => {
    expect(namespaceTasks(withNamespace({ managedNamespaceMetadata: metadata }), true)).toHaveLength(1);
    expect(namespaceTasks(withNamespace({ managedNamespaceMetadata: {} }), true)[0]?.obj.metadata).toEqual({
      name: 'shop',
      annotations: { 'argocd.argoproj.io/sync-options': 'ServerSideApply=true' },
    });
    expect(namespaceTasks(withNamespace(), true)).toEqual([]);
  });

  it('without metadata a missing namespace is created bare; one that cannot be read is planned', () => {
    expect(namespaceTasks(withNamespace(), false)[0]?.obj).toEqual({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'shop' },
    });
    expect(namespaceTasks(withNamespace(), undefined)).toHaveLength(1);
  });

  it('nothing without CreateNamespace=true, and the app’s own Namespace of that name wins', () => {
    expect(namespaceTasks(withNamespace({ managedNamespaceMetadata: metadata }, []), false)).toEqual([]);
    const own = obj('v1', 'Namespace', 'shop', { mine: 'yes' }, undefined);
    const tasks = namespaceTasks(
      withNamespace({ managedNamespaceMetadata: metadata }, undefined, [own]),
      false,
    );
    expect(tasks).toHaveLength(1);
    expect(tasks[0]?.obj.metadata?.annotations).toMatchObject({ mine: 'yes' });
    expect(tasks[0]?.obj.metadata?.annotations).not.toHaveProperty('argocd.argoproj.io/sync-options');
  });

  it('a managed namespace carrying the app’s tracking id is never pruned; without managed metadata it is', () => {
    const trackedNs = setTrackingId(obj('v1', 'Namespace', 'shop', {}, undefined), APP);
    const prunes = (extra: Partial<SyncRequest>) =>
      planSync(
        { ...request([], [trackedNs], { prune: true }), namespace: 'shop', ...extra },
        NOW,
      ).tasks.filter((t) => t.action === 'prune');
    expect(prunes({ managedNamespaceMetadata: metadata })).toEqual([]);
    expect(prunes({}).map((t) => t.obj.kind)).toEqual(['Namespace']);
  });

  it('the object does not share the metadata maps it was given', () => {
    const given = { labels: { a: '1' } };
    const ns = managedNamespaceObject('shop', given);
    (ns.metadata?.labels as Record<string, string>).b = '2';
    expect(given.labels).toEqual({ a: '1' });
  });
});

import { describe, expect, it } from 'vitest';
import { applyDefinitionSet, kustomizeImageName } from '../../../main/cli/definitionSet.ts';

const definition = (source: Record<string, unknown>) => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Application',
  metadata: { name: 'web' },
  spec: { project: 'default', source, destination: { name: 'c', namespace: 'web' } },
});
const none = { helmSet: [], kustomizeImages: [] };

describe('app set (argocd app set)', () => {
  it('sets the revision of the first source, leaving the original alone', () => {
    const original = definition({ repoURL: 'r', targetRevision: 'main' });
    const changed = applyDefinitionSet(original, { ...none, revision: 'v2' });
    expect((changed.spec as { source: { targetRevision: string } }).source.targetRevision).toBe('v2');
    expect(original.spec.source.targetRevision).toBe('main');
  });

  it('replaces a Helm parameter of the same name and adds new ones', () => {
    const changed = applyDefinitionSet(
      definition({ repoURL: 'r', helm: { parameters: [{ name: 'image.tag', value: '1' }] } }),
      { ...none, helmSet: ['image.tag=2', 'replicas=3', 'url=http://x/?a=b'] },
    );
    expect((changed.spec as { source: { helm: unknown } }).source.helm).toEqual({
      parameters: [
        { name: 'image.tag', value: '2' },
        { name: 'replicas', value: '3' },
        { name: 'url', value: 'http://x/?a=b' },
      ],
    });
    expect(() => applyDefinitionSet(definition({ repoURL: 'r' }), { ...none, helmSet: ['novalue'] })).toThrow(
      /expected name=value/,
    );
  });

  it('replaces a Kustomize image of the same name (Argo CD matching) and adds new ones', () => {
    expect(kustomizeImageName('web=registry.example/web:2')).toBe('web');
    expect(kustomizeImageName('registry.example:5000/web:2')).toBe('registry.example:5000/web');
    expect(kustomizeImageName('web@sha256:abc')).toBe('web');
    const changed = applyDefinitionSet(
      definition({ repoURL: 'r', kustomize: { images: ['web:1', 'db:5'] } }),
      {
        ...none,
        kustomizeImages: ['web:2', 'cache:7'],
      },
    );
    expect((changed.spec as { source: { kustomize: unknown } }).source.kustomize).toEqual({
      images: ['web:2', 'db:5', 'cache:7'],
    });
  });

  it('edits the source a position names in a multi-source application', () => {
    const multi = {
      ...definition({}),
      spec: { project: 'default', sources: [{ repoURL: 'a' }, { repoURL: 'b' }], destination: {} },
    };
    delete (multi.spec as Record<string, unknown>).source;
    const changed = applyDefinitionSet(multi, { ...none, revision: 'v3', sourcePosition: 2 });
    expect((changed.spec as { sources: unknown[] }).sources).toEqual([
      { repoURL: 'a' },
      { repoURL: 'b', targetRevision: 'v3' },
    ]);
    expect(() => applyDefinitionSet(multi, { ...none, revision: 'x', sourcePosition: 3 })).toThrow(
      /does not exist/,
    );
  });
});

import { describe, expect, it } from 'vitest';
import {
  definitionFromForm,
  emptyForm,
  formFromDefinition,
} from '../../../renderer/src/views/apps/formModel.ts';

const existing = {
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Application',
  metadata: { name: 'shop', namespace: 'argocd', labels: { team: 'web' } },
  spec: {
    project: 'web',
    source: {
      repoURL: 'https://git.example/shop.git',
      targetRevision: 'main',
      path: 'chart',
      helm: { valueFiles: ['prod.yaml'], fileParameters: [{ name: 'x', path: 'y' }] },
    },
    destination: { name: 'prod', namespace: 'shop' },
    syncPolicy: { automated: { prune: true }, syncOptions: ['CreateNamespace=true'] },
    ignoreDifferences: [{ kind: 'Deployment', jsonPointers: ['/spec/replicas'] }],
  },
};

describe('the application form model', () => {
  it('reads an Argo CD Application into form fields', () => {
    const form = formFromDefinition(existing);
    expect(form).toMatchObject({
      name: 'shop',
      project: 'web',
      type: 'helm',
      valueFiles: 'prod.yaml',
      destinationName: 'prod',
      autoSync: true,
      prune: true,
      selfHeal: false,
    });
  });

  it('writes back without dropping fields the form does not show', () => {
    const form = { ...formFromDefinition(existing), targetRevision: 'v2', selfHeal: true };
    const definition = definitionFromForm(form, existing) as typeof existing;
    expect(definition.metadata).toEqual(existing.metadata);
    expect(definition.spec.ignoreDifferences).toEqual(existing.spec.ignoreDifferences);
    expect(definition.spec.syncPolicy).toEqual({
      automated: { prune: true, selfHeal: true },
      syncOptions: ['CreateNamespace=true'],
    });
    expect(definition.spec.source).toEqual({ ...existing.spec.source, targetRevision: 'v2' });
  });

  it('builds a new directory application with a server URL destination', () => {
    const definition = definitionFromForm({
      ...emptyForm(),
      name: 'web',
      repoURL: '/srv/config',
      path: 'web',
      recurse: true,
      destinationName: 'https://10.0.0.1:6443',
    });
    expect(definition).toEqual({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: { name: 'web' },
      spec: {
        project: 'default',
        source: { repoURL: '/srv/config', targetRevision: 'HEAD', path: 'web', directory: { recurse: true } },
        destination: { server: 'https://10.0.0.1:6443', namespace: 'default' },
      },
    });
  });

  it('drops the blocks of other source types when the type changes', () => {
    const form = { ...formFromDefinition(existing), type: 'kustomize' as const, namePrefix: 'prod-' };
    const source = (definitionFromForm(form, existing) as typeof existing).spec.source as Record<
      string,
      unknown
    >;
    expect(source.helm).toBeUndefined();
    expect(source.kustomize).toEqual({ namePrefix: 'prod-' });
  });
});

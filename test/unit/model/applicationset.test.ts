import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { applicationSetSchema } from '../../../engine/model/applicationset.ts';

const appSet = `
apiVersion: argoproj.io/v1alpha1
kind: ApplicationSet
metadata:
  name: cluster-addons
spec:
  goTemplate: true
  goTemplateOptions: [missingkey=error]
  generators:
    - matrix:
        generators:
          - git:
              repoURL: https://example.test/org/addons.git
              revision: HEAD
              directories: [{ path: addons/* }, { path: addons/legacy, exclude: true }]
          - clusters: { selector: { matchLabels: { env: prod } } }
  template:
    metadata:
      name: '{{.path.basename}}-{{.name}}'
    spec:
      project: default
      source:
        repoURL: https://example.test/org/addons.git
        targetRevision: HEAD
        path: '{{.path.path}}'
      destination:
        server: '{{.server}}'
        namespace: '{{.path.basename}}'
  templatePatch: |
    spec:
      syncPolicy:
        automated: {}
  syncPolicy:
    applicationsSync: create-update
    preserveResourcesOnDeletion: true
  strategy:
    type: RollingSync
`;

describe('applicationSetSchema', () => {
  it('reads generators loosely and the template as written', () => {
    const result = applicationSetSchema.safeParse(parse(appSet));
    expect(result.success, JSON.stringify(result.error?.issues)).toBe(true);
    const spec = result.data!.spec;
    expect(spec.goTemplate).toBe(true);
    expect(Object.keys(spec.generators[0]!)).toEqual(['matrix']);
    expect(spec.template.metadata.name).toBe('{{.path.basename}}-{{.name}}');
    expect(spec.template.spec.destination).toEqual({
      server: '{{.server}}',
      namespace: '{{.path.basename}}',
    });
    expect(spec.syncPolicy?.applicationsSync).toBe('create-update');
    expect((spec as Record<string, unknown>).strategy).toEqual({ type: 'RollingSync' });
  });

  it('rejects an unknown applicationsSync policy and missing generators', () => {
    const broken = parse(appSet.replace('create-update', 'create-everything'));
    delete broken.spec.generators;
    const result = applicationSetSchema.safeParse(broken);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual([
      'spec.generators',
      'spec.syncPolicy.applicationsSync',
    ]);
  });
});

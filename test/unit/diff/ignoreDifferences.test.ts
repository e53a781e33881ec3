// ignoreDifferences exactly as Argo CD applies it: matching by group and kind globs and exact
// name and namespace; JSON pointers, jq path expressions (through `del()`), trusted field
// managers; and the system-wide defaults (status ignored, aggregated roles).
import { afterAll, describe, expect, it } from 'vitest';
import {
  compareObject,
  ruleMatches,
  setTrackingId,
  stopJq,
  type CompareOptions,
  type KubeObject,
} from '../../../engine/diff/index.ts';
import { at, pair } from './fixtures.ts';

afterAll(stopJq);

const deployment = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'shop' },
};

function compare(desired: KubeObject, live: KubeObject, extra: Partial<CompareOptions>) {
  return compareObject(desired, live, { appName: 'shop', ...extra });
}

describe('which objects a rule matches', () => {
  it.each([
    [{ group: 'apps', kind: 'Deployment' }, true],
    [{ group: 'apps', kind: 'StatefulSet' }, false],
    [{ kind: 'Deployment' }, false], // no group means the core group only
    [{ group: '*', kind: '*' }, true],
    [{ group: 'app?', kind: 'Deploy*' }, true],
    [{ group: '{apps,batch}', kind: '[CD]eployment' }, true],
    [{ group: 'apps', kind: 'Deployment', name: 'web' }, true],
    [{ group: 'apps', kind: 'Deployment', name: 'we*' }, false], // names are exact, not globs
    [{ group: 'apps', kind: 'Deployment', namespace: 'shop' }, true],
    [{ group: 'apps', kind: 'Deployment', namespace: 'other' }, false],
    [{ group: 'apps', kind: 'Deployment', name: '', namespace: '' }, true],
  ])('%j matches apps/Deployment shop/web: %s', (rule, matches) => {
    expect(ruleMatches(rule, deployment)).toBe(matches);
  });

  it('a glob `*` spans dots, as in `*.crossplane.io`', () => {
    expect(
      ruleMatches(
        { group: '*.crossplane.io', kind: '*' },
        { apiVersion: 'pkg.crossplane.io/v1', kind: 'Provider', metadata: { name: 'p' } },
      ),
    ).toBe(true);
  });
});

describe('jsonPointers', () => {
  it('removes the field from both sides before comparing', async () => {
    const { desired, live } = pair('deployment');
    at(live, 'spec').replicas = 7;
    const rule = { group: 'apps', kind: 'Deployment', jsonPointers: ['/spec/replicas'] };
    expect((await compare(desired, live, {})).changedPaths).toEqual(['/spec/replicas']);
    const result = await compare(desired, live, { ignoreDifferences: [rule] });
    expect(result.status).toBe('Synced');
    expect(result.normalizedLive?.spec).not.toHaveProperty('replicas');
  });

  it('a pointer to a path that does not exist is skipped', async () => {
    const { desired, live } = pair('deployment');
    const rule = { group: 'apps', kind: 'Deployment', jsonPointers: ['/spec/nothing/here'] };
    const result = await compare(desired, live, { ignoreDifferences: [rule] });
    expect(result).toMatchObject({ status: 'Synced', warnings: [] });
  });

  it('a pointer that is not a JSON pointer fails the comparison', async () => {
    const { desired, live } = pair('deployment');
    const rule = { group: 'apps', kind: 'Deployment', jsonPointers: ['spec.replicas'] };
    const result = await compare(desired, live, { ignoreDifferences: [rule] });
    expect(result).toMatchObject({ status: 'Unknown', reason: 'error' });
    expect(result.message).toContain('spec.replicas');
  });

  it('escapes ~1 for a slash in a key', async () => {
    const { desired, live } = pair('deployment');
    at(live, 'metadata', 'annotations')['argocd.argoproj.io/tracking-id'] = 'other-value';
    const rule = {
      group: 'apps',
      kind: 'Deployment',
      jsonPointers: ['/metadata/annotations/argocd.argoproj.io~1tracking-id'],
    };
    expect((await compare(desired, live, { ignoreDifferences: [rule] })).status).toBe('Synced');
  });
});

describe('jqPathExpressions', () => {
  it('removes the image of the container selected by name, and nothing else', async () => {
    const { desired, live } = pair('deployment');
    at(live, 'spec', 'template', 'spec', 'containers', 0).image = 'nginx:patched';
    at(live, 'spec').replicas = 3;
    const rule = {
      group: 'apps',
      kind: 'Deployment',
      jqPathExpressions: ['.spec.template.spec.containers[] | select(.name == "web") | .image'],
    };
    const result = await compare(desired, live, { ignoreDifferences: [rule] });
    expect(result.changedPaths).toEqual(['/spec/replicas']);
  });

  it('removes an annotation addressed with ["..."]', async () => {
    const { desired, live } = pair('configmap');
    at(desired, 'metadata').annotations = { 'example.com/owner': 'team-a' };
    at(live, 'metadata', 'annotations')['example.com/owner'] = 'team-b';
    const rule = { kind: 'ConfigMap', jqPathExpressions: ['.metadata.annotations["example.com/owner"]'] };
    expect((await compare(desired, live, {})).changedPaths).toEqual([
      '/metadata/annotations/example.com~1owner',
    ]);
    expect((await compare(desired, live, { ignoreDifferences: [rule] })).status).toBe('Synced');
  });

  it('an expression that fails on this object is skipped with a warning, as Argo CD skips it', async () => {
    const { desired, live } = pair('configmap');
    const rule = { kind: 'ConfigMap', jqPathExpressions: ['.data | keys[]'] };
    const result = await compare(desired, live, { ignoreDifferences: [rule] });
    expect(result.status).toBe('Synced');
    expect(result.warnings).toHaveLength(2); // once for desired, once for live
    expect(result.warnings[0]).toContain('ConfigMap shop/web-settings');
  });

  it('an expression that does not compile fails the comparison: Unknown', async () => {
    const { desired, live } = pair('configmap');
    const rule = { kind: 'ConfigMap', jqPathExpressions: ['.data[ | bad'] };
    const result = await compare(desired, live, { ignoreDifferences: [rule] });
    expect(result).toMatchObject({ status: 'Unknown', reason: 'error', countsForApp: true });
    expect(result.message).toContain('.data[ | bad');
  });

  it('an expression that runs past its time limit is stopped and skipped', async () => {
    const { desired, live } = pair('configmap');
    const rule = { kind: 'ConfigMap', jqPathExpressions: ['.data | until(false; .)'] };
    const result = await compare(desired, live, { ignoreDifferences: [rule], jqTimeoutMs: 300 });
    expect(result.warnings.join('\n')).toContain('timed out after 300 ms');
    // and jq still works afterwards
    const after = await compare(desired, live, {
      ignoreDifferences: [{ kind: 'ConfigMap', jqPathExpressions: ['.data.LOG_LEVEL'] }],
    });
    expect(after.normalizedLive?.data).toEqual({ FEATURE_FLAGS: '' });
  });
});

describe('managedFieldsManagers', () => {
  function scaledByHpa() {
    const { desired, live } = pair('deployment');
    at(live, 'spec').replicas = 6;
    (at(live, 'metadata').managedFields as unknown[]).push({
      apiVersion: 'apps/v1',
      fieldsType: 'FieldsV1',
      fieldsV1: { 'f:spec': { 'f:replicas': {} } },
      manager: 'kube-controller-manager',
      operation: 'Update',
      subresource: 'scale',
    });
    return { desired, live };
  }

  it('a field a trusted manager changed is left to it', async () => {
    const { desired, live } = scaledByHpa();
    const rule = { group: 'apps', kind: 'Deployment', managedFieldsManagers: ['kube-controller-manager'] };
    expect((await compare(desired, live, {})).changedPaths).toEqual(['/spec/replicas']);
    expect((await compare(desired, live, { ignoreDifferences: [rule] })).status).toBe('Synced');
  });

  it('a manager that is not trusted changes nothing', async () => {
    const { desired, live } = scaledByHpa();
    const rule = { group: 'apps', kind: 'Deployment', managedFieldsManagers: ['someone-else'] };
    expect((await compare(desired, live, { ignoreDifferences: [rule] })).changedPaths).toEqual([
      '/spec/replicas',
    ]);
  });

  it('fields inside keyed list items (k:{"name":...}) are found by key', async () => {
    const { desired, live } = pair('deployment');
    at(live, 'spec', 'template', 'spec', 'containers', 0).image = 'nginx:mutated';
    (at(live, 'metadata').managedFields as unknown[]).push({
      manager: 'image-updater',
      operation: 'Update',
      fieldsV1: {
        'f:spec': {
          'f:template': { 'f:spec': { 'f:containers': { 'k:{"name":"web"}': { 'f:image': {} } } } },
        },
      },
    });
    const rule = { group: 'apps', kind: 'Deployment', managedFieldsManagers: ['image-updater'] };
    expect((await compare(desired, live, { ignoreDifferences: [rule] })).status).toBe('Synced');
  });
});

describe('system-wide defaults', () => {
  it('status is ignored on every kind by default (Argo CD 3: ignoreResourceStatusField all)', async () => {
    const { desired, live } = pair('deployment');
    desired.status = { replicas: 0 };
    expect((await compare(desired, live, {})).status).toBe('Synced');
    for (const setting of ['off', 'crd'] as const) {
      expect((await compare(desired, live, { ignoreResourceStatusField: setting })).changedPaths).toEqual([
        '/status/replicas',
      ]);
    }
  });

  it('with `crd`, a CustomResourceDefinition keeps its status and preserveUnknownFields out', async () => {
    const crd = (extra: Record<string, unknown>): KubeObject => ({
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'widgets.example.com' },
      spec: { group: 'example.com', ...extra },
    });
    const desired = { ...crd({ preserveUnknownFields: true }), status: { storedVersions: ['v1'] } };
    const live = {
      ...setTrackingId(crd({ preserveUnknownFields: false }), 'shop'),
      status: { storedVersions: ['v2'] },
    };
    const off = await compare(desired, live, { ignoreResourceStatusField: 'off' });
    expect(off.changedPaths).toEqual(['/spec/preserveUnknownFields', '/status/storedVersions/0']);
    expect((await compare(desired, live, { ignoreResourceStatusField: 'crd' })).status).toBe('Synced');
  });

  it("an aggregated ClusterRole's rules are ignored when ignoreAggregatedRoles is set", async () => {
    const role = (rules: unknown[]): KubeObject => ({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: {
        name: 'monitoring',
        annotations: {
          'plumbline.dev/tracking-id': 'shop:rbac.authorization.k8s.io/ClusterRole:/monitoring',
        },
      },
      aggregationRule: {
        clusterRoleSelectors: [{ matchLabels: { 'rbac.example.com/aggregate-to-monitoring': 'true' } }],
      },
      rules,
    });
    const desired = role([]);
    const live = role([{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }]);
    expect((await compare(desired, live, {})).status).toBe('Synced'); // git sets no rules: not judged
    const desiredWithRules = role([{ apiGroups: [''], resources: ['services'], verbs: ['get'] }]);
    expect((await compare(desiredWithRules, live, {})).status).toBe('OutOfSync');
    expect((await compare(desiredWithRules, live, { ignoreAggregatedRoles: true })).status).toBe('Synced');
  });
});

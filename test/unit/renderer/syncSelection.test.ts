import { describe, expect, it } from 'vitest';
import type { ResourceDiff } from '../../../engine/api/contract.ts';
import {
  allIds,
  outOfSyncIds,
  selectableResources,
  selectiveResources,
  toggled,
} from '../../../renderer/src/views/apps/sync/selection.ts';
import {
  chosenSyncOptions,
  definitionSyncOptions,
  setByApplication,
} from '../../../renderer/src/views/apps/sync/syncOptions.ts';

function diff(kind: string, name: string, status: ResourceDiff['status'], hook = false): ResourceDiff {
  const key = { group: '', kind, namespace: 'shop', name };
  return {
    id: `/${kind}/shop/${name}`,
    key,
    status,
    reason: status === 'Synced' ? null : 'changed',
    requiresPruning: false,
    hook,
    changedPaths: [],
    desiredYaml: '',
    liveYaml: '',
  };
}

const resources = selectableResources([
  diff('Service', 'web', 'Synced'),
  diff('Job', 'migrate', 'OutOfSync', true),
  diff('ConfigMap', 'settings', 'OutOfSync'),
  diff('Deployment', 'web', 'OutOfSync'),
]);

describe('selective sync', () => {
  it('offers every resource but hooks, out-of-sync ones first', () => {
    expect(resources.map((r) => r.id)).toEqual([
      '/ConfigMap/shop/settings',
      '/Deployment/shop/web',
      '/Service/shop/web',
    ]);
  });

  it('sends no list when everything is selected, so a full sync still runs hooks', () => {
    expect(selectiveResources(resources, allIds(resources))).toBeUndefined();
  });

  it('selects the out-of-sync resources with one click and sends exactly those', () => {
    const selected = outOfSyncIds(resources);
    expect(selectiveResources(resources, selected)).toEqual([
      '/ConfigMap/shop/settings',
      '/Deployment/shop/web',
    ]);
  });

  it('toggles one resource at a time', () => {
    const selected = toggled(allIds(resources), '/Service/shop/web');
    expect(selectiveResources(resources, selected)).toEqual([
      '/ConfigMap/shop/settings',
      '/Deployment/shop/web',
    ]);
    expect(selectiveResources(resources, toggled(selected, '/Service/shop/web'))).toBeUndefined();
    expect(selectiveResources(resources, new Set())).toEqual([]);
  });
});

describe('sync options of the dialog', () => {
  const definition = { spec: { syncPolicy: { syncOptions: ['CreateNamespace=true', 'prunelast = TRUE'] } } };

  it('reads the application’s own options from its definition', () => {
    expect(definitionSyncOptions(definition)).toEqual(['CreateNamespace=true', 'prunelast = TRUE']);
    expect(definitionSyncOptions({ spec: {} })).toEqual([]);
    expect(definitionSyncOptions(undefined)).toEqual([]);
  });

  it('recognises an option the application sets, however it is spelled', () => {
    const own = definitionSyncOptions(definition);
    expect(setByApplication('PruneLast=true', own)).toBe(true);
    expect(setByApplication('Replace=true', own)).toBe(false);
  });

  it('adds only the chosen options the application does not set, in the dialog’s order', () => {
    const chosen = new Set(['Validate=false', 'CreateNamespace=true', 'Replace=true']);
    expect(chosenSyncOptions(chosen, definitionSyncOptions(definition))).toEqual([
      'Replace=true',
      'Validate=false',
    ]);
  });
});

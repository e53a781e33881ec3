import { describe, expect, it } from 'vitest';
import { discoverApiResources, indexByType, type DiscoveryFetch } from '../../../engine/cluster/discovery.ts';

const aggregatedCore = {
  kind: 'APIGroupDiscoveryList',
  items: [
    {
      metadata: {},
      versions: [
        {
          version: 'v1',
          resources: [
            {
              resource: 'pods',
              responseKind: { kind: 'Pod' },
              scope: 'Namespaced',
              verbs: ['get', 'list', 'watch'],
            },
            {
              resource: 'namespaces',
              responseKind: { kind: 'Namespace' },
              scope: 'Cluster',
              verbs: ['list'],
            },
          ],
        },
      ],
    },
  ],
};
const aggregatedGroups = {
  kind: 'APIGroupDiscoveryList',
  items: [
    {
      metadata: { name: 'example.com' },
      versions: [
        {
          version: 'v2',
          resources: [{ resource: 'widgets', responseKind: { kind: 'Widget' }, scope: 'Namespaced' }],
        },
        {
          version: 'v1',
          resources: [
            { resource: 'widgets', responseKind: { kind: 'Widget' }, scope: 'Namespaced' },
            { resource: 'gadgets', responseKind: { kind: 'Gadget' }, scope: 'Cluster' },
          ],
        },
      ],
    },
  ],
};

describe('discoverApiResources', () => {
  it('reads aggregated discovery in two requests, the first listed version preferred', async () => {
    const paths: string[] = [];
    const fetch: DiscoveryFetch = async (path) => {
      paths.push(path);
      return path === '/api' ? aggregatedCore : aggregatedGroups;
    };
    const index = indexByType(await discoverApiResources(fetch));
    expect(paths.sort()).toEqual(['/api', '/apis']);
    expect(index.get('/Pod')).toEqual({
      group: '',
      kind: 'Pod',
      version: 'v1',
      plural: 'pods',
      namespaced: true,
      verbs: ['get', 'list', 'watch'],
    });
    expect(index.get('/Namespace')?.namespaced).toBe(false);
    expect(index.get('example.com/Widget')?.version).toBe('v2');
    expect(index.get('example.com/Gadget')).toMatchObject({ version: 'v1', namespaced: false });
  });

  it('walks legacy discovery on older servers, skipping subresources and a group that fails', async () => {
    const docs: Record<string, unknown> = {
      '/api': { kind: 'APIVersions', versions: ['v1'] },
      '/apis': {
        kind: 'APIGroupList',
        groups: [
          { name: 'apps', preferredVersion: { version: 'v1' } },
          { name: 'metrics.k8s.io', preferredVersion: { version: 'v1beta1' } },
        ],
      },
      '/api/v1': {
        resources: [
          { name: 'pods', kind: 'Pod', namespaced: true, verbs: ['list', 'watch'] },
          { name: 'pods/log', kind: 'Pod', namespaced: true },
        ],
      },
      '/apis/apps/v1': {
        resources: [{ name: 'deployments', kind: 'Deployment', namespaced: true, verbs: ['list'] }],
      },
    };
    const fetch: DiscoveryFetch = async (path) => {
      if (!(path in docs)) throw new Error(`503 ServiceUnavailable: ${path}`);
      return docs[path];
    };
    const resources = await discoverApiResources(fetch);
    expect(resources.map((r) => `${r.group}/${r.version}/${r.plural}`).sort()).toEqual([
      '/v1/pods',
      'apps/v1/deployments',
    ]);
  });
});

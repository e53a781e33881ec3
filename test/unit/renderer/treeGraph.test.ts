import { describe, expect, it } from 'vitest';
import type { GroupItem, ResourceItem } from '../../../renderer/src/views/apps/live/treeGraph.ts';
import { kindPlural, kindShortName } from '../../../renderer/src/views/apps/live/kinds.ts';
import { buildTreeGraph, groupId } from '../../../renderer/src/views/apps/live/treeGraph.ts';
import { bigTree, node } from './treeFixtures.ts';

const app = { name: 'shop', health: 'Degraded', sync: 'OutOfSync' } as const;
const closed = { expandedGroups: new Set<string>(), collapsedNodes: new Set<string>() };
const rs = 'apps/ReplicaSet/shop/api-0-new';

describe('tree graph', () => {
  it('hangs managed objects under the application and descendants under their owners', () => {
    const graph = buildTreeGraph(app, bigTree(1, 2), closed);
    expect(graph.children.get('app:shop')).toEqual(['apps/Deployment/shop/api-0', '/Service/shop/api-0']);
    expect(graph.children.get('apps/Deployment/shop/api-0')).toEqual([
      'apps/ReplicaSet/shop/api-0-new',
      'apps/ReplicaSet/shop/api-0-old',
    ]);
    expect(graph.children.get('/Service/shop/api-0')).toEqual([
      'discovery.k8s.io/EndpointSlice/shop/api-0-x',
    ]);
  });

  it('folds 50 pods of one ReplicaSet into a group of 48, keeping the failing pod in view', () => {
    const graph = buildTreeGraph(app, bigTree(1, 50), closed);
    const shown = graph.children.get(rs)!;
    expect(shown).toHaveLength(3);
    expect(shown[0]).toBe('/Pod/shop/api-0-49'); // the Degraded one
    const group = graph.items.get(groupId(rs, 'Pod')) as GroupItem;
    expect(group.type).toBe('group');
    expect(group.members).toHaveLength(48);
    expect(group.health).toEqual({ Healthy: 48 });
    expect(shown[2]).toBe(group.id);
  });

  it('shows every member of a group the reader opened', () => {
    const view = { ...closed, expandedGroups: new Set([groupId(rs, 'Pod')]) };
    const graph = buildTreeGraph(app, bigTree(1, 50), view);
    expect(graph.children.get(rs)).toHaveLength(50);
  });

  it('never folds the objects the application manages', () => {
    const graph = buildTreeGraph(app, bigTree(12, 0), closed);
    expect(graph.children.get('app:shop')).toHaveLength(24);
    expect([...graph.items.values()].some((item) => item.type === 'group')).toBe(false);
  });

  it('leaves small families unfolded', () => {
    const graph = buildTreeGraph(app, bigTree(1, 5), closed);
    expect(graph.children.get(rs)).toHaveLength(5);
  });

  it('hides the descendants of a collapsed object and says how many children it has', () => {
    const view = { ...closed, collapsedNodes: new Set([rs]) };
    const graph = buildTreeGraph(app, bigTree(1, 50), view);
    expect(graph.children.get(rs)).toBeUndefined();
    expect(graph.items.get(rs)).toMatchObject({ collapsed: true, childCount: 50 });
    expect(graph.items.has('/Pod/shop/api-0-1')).toBe(false);
  });

  it('places an object with two owners once and draws an edge from each', () => {
    const a = node('ConfigMap', 'a');
    const b = node('ConfigMap', 'b');
    const shared = node('Secret', 'shared', [a.id, b.id]);
    const graph = buildTreeGraph(app, [a, b, shared], closed);
    expect(graph.children.get(a.id)).toEqual([shared.id]);
    expect(graph.children.get(b.id)).toBeUndefined();
    expect(graph.edges.filter((edge) => edge.to === shared.id).map((edge) => edge.from)).toEqual([
      a.id,
      b.id,
    ]);
  });

  it('attaches objects whose owners are not in the tree to the application, and survives owner cycles', () => {
    const x = node('Pod', 'x', ['/ReplicaSet/shop/gone']);
    const loopA = node('ConfigMap', 'loop-a', ['/ConfigMap/shop/loop-b']);
    const loopB = node('ConfigMap', 'loop-b', ['/ConfigMap/shop/loop-a']);
    const graph = buildTreeGraph(app, [x, loopA, loopB], closed);
    expect((graph.items.get(x.id) as ResourceItem).node.key.name).toBe('x');
    // A pure owner cycle has no way in from the application: it hangs under it rather than vanishing.
    expect(graph.children.get('app:shop')).toEqual([loopA.id, x.id]);
    expect(graph.children.get(loopA.id)).toEqual([loopB.id]);
  });

  it('labels cards with kubectl short names and groups with plurals', () => {
    expect(['Deployment', 'ReplicaSet', 'ServiceMonitor', 'Certificate'].map(kindShortName)).toEqual([
      'deploy',
      'rs',
      'sm',
      'cert',
    ]);
    expect(['Pod', 'Ingress', 'NetworkPolicy'].map((kind) => kindPlural(kind, 2))).toEqual([
      'pods',
      'ingresses',
      'networkpolicies',
    ]);
    expect(kindPlural('Pod', 1)).toBe('pod');
  });
});

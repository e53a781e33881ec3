// An app of apps' tree: its child applications are Application cards under the parent's card,
// carrying the child's own health and sync; other applications and the parent itself are not.
import { describe, expect, it } from 'vitest';
import type { AppSummary } from '../../../engine/api/contract.ts';
import { childAppName, childAppNodes } from '../../../renderer/src/views/apps/live/childAppNodes.ts';
import { buildTreeGraph } from '../../../renderer/src/views/apps/live/treeGraph.ts';

// only the fields the nodes read
const app = (name: string, parent: string | undefined, health: string, sync: string) =>
  ({
    name,
    ...(parent ? { parent } : {}),
    health: { status: health, message: '' },
    sync: { status: sync, message: '' },
  }) as unknown as AppSummary;

describe('childAppNodes', () => {
  const apps = [
    app('root', undefined, 'Healthy', 'Synced'),
    app('a', 'root', 'Degraded', 'OutOfSync'),
    app('b', 'root', 'Healthy', 'Synced'),
    app('elsewhere', 'other', 'Healthy', 'Synced'),
  ];

  it("one Application node per child, with the child's statuses", () => {
    const nodes = childAppNodes('root', apps);
    expect(nodes.map((n) => [n.key.kind, n.key.name, n.health?.status, n.sync])).toEqual([
      ['Application', 'a', 'Degraded', 'OutOfSync'],
      ['Application', 'b', 'Healthy', 'Synced'],
    ]);
    expect(nodes.map((n) => childAppName(n.id))).toEqual(['a', 'b']);
    expect(childAppName('/ConfigMap/ns/a')).toBeNull();
    expect(childAppNodes('root', null)).toEqual([]);
  });

  it("hang under the parent's card in the tree", () => {
    const graph = buildTreeGraph(
      { name: 'root', health: 'Healthy', sync: 'Synced' },
      childAppNodes('root', apps),
      { expandedGroups: new Set(), collapsedNodes: new Set() },
    );
    expect(graph.children.get(graph.rootId)).toEqual(['child-app:a', 'child-app:b']);
  });
});

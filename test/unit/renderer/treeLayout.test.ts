import { describe, expect, it } from 'vitest';
import { buildTreeGraph } from '../../../renderer/src/views/apps/live/treeGraph.ts';
import { CARD, layoutTree, type TreeLayout } from '../../../renderer/src/views/apps/live/treeLayout.ts';
import { bigTree } from './treeFixtures.ts';

const app = { name: 'shop', health: 'Healthy', sync: 'Synced' } as const;
/** A set that holds every group: nothing folded. */
class EveryGroup extends Set<string> {
  override has(): boolean {
    return true;
  }
}
const everythingOpen = { expandedGroups: new EveryGroup(), collapsedNodes: new Set<string>() };

function overlaps(layout: TreeLayout): string[] {
  const placed = [...layout.positions].sort((a, b) => a[1].x - b[1].x || a[1].y - b[1].y);
  const found: string[] = [];
  for (let i = 0; i < placed.length; i++) {
    const [id, a] = placed[i]!;
    for (let k = i + 1; k < placed.length && placed[k]![1].x < a.x + CARD.width; k++) {
      const [other, b] = placed[k]!;
      if (Math.abs(a.y - b.y) < CARD.height + CARD.rowGap) found.push(`${id} × ${other}`);
    }
  }
  return found;
}

describe('tree layout', () => {
  it('lays out 500 objects with every group open in a few milliseconds, without overlapping cards', () => {
    const nodes = bigTree(20, 20); // 20 × (deploy, svc, slice, 2 rs, 20 pods) = 500
    expect(nodes).toHaveLength(500);
    const started = performance.now();
    const graph = buildTreeGraph(app, nodes, everythingOpen);
    const layout = layoutTree(graph.rootId, graph.children);
    const elapsed = performance.now() - started;

    expect(layout.positions.size).toBe(501);
    expect(overlaps(layout)).toEqual([]);
    expect(elapsed).toBeLessThan(150);
    for (const at of layout.positions.values()) {
      expect(at.x + CARD.width).toBeLessThanOrEqual(layout.width);
      expect(at.y + CARD.height).toBeLessThanOrEqual(layout.height);
    }
  });

  it('puts each depth in its own column, left to right, and centres parents on their children', () => {
    const graph = buildTreeGraph(app, bigTree(1, 3), everythingOpen);
    const { positions } = layoutTree(graph.rootId, graph.children);
    const at = (id: string) => positions.get(id)!;
    const pitch = CARD.width + CARD.columnGap;
    expect(at('app:shop').x).toBe(0);
    expect(at('apps/Deployment/shop/api-0').x).toBe(pitch);
    expect(at('apps/ReplicaSet/shop/api-0-new').x).toBe(2 * pitch);
    expect(at('/Pod/shop/api-0-1').x).toBe(3 * pitch);
    const pods = ['api-0-0', 'api-0-2'].map((name) => at(`/Pod/shop/${name}`).y);
    expect(at('apps/ReplicaSet/shop/api-0-new').y).toBe((pods[0]! + pods[1]!) / 2);
  });

  it('places an item reached twice once, and survives a cycle', () => {
    const children = new Map([
      ['root', ['a', 'b']],
      ['a', ['b', 'root']],
      ['b', ['a']],
    ]);
    const layout = layoutTree('root', children);
    expect([...layout.positions.keys()].sort()).toEqual(['a', 'b', 'root']);
    expect(overlaps(layout)).toEqual([]);
  });

  it('lays out an application without objects as the lone application card', () => {
    const graph = buildTreeGraph(app, [], everythingOpen);
    const layout = layoutTree(graph.rootId, graph.children);
    expect(layout.positions.get('app:shop')).toEqual({ x: 0, y: 0 });
    expect(layout.height).toBe(CARD.height);
  });
});

// The resource tree as the canvas draws it: the application at the root, the objects it
// manages, their descendants by ownerReferences, and large families of cluster-created
// siblings of one kind (50 pods of a ReplicaSet) folded into a group card with a health
// summary. The least healthy siblings stay visible beside the group so a failing pod is never
// hidden in it.
import type { HealthStatus, SyncStatus, TreeNode } from '../../../../../engine/api/contract.ts';
import { compareKeys } from './diffList.ts';

export interface AppItem {
  type: 'app';
  id: string;
  name: string;
  health: HealthStatus;
  sync: SyncStatus;
}
export interface ResourceItem {
  type: 'resource';
  id: string;
  node: TreeNode;
  /** Children in the cluster, shown or not. */
  childCount: number;
  collapsed: boolean;
}
export interface GroupItem {
  type: 'group';
  id: string;
  kind: string;
  members: TreeNode[];
  health: Partial<Record<HealthStatus | 'None', number>>;
}
export type GraphItem = AppItem | ResourceItem | GroupItem;

export interface TreeGraph {
  rootId: string;
  items: Map<string, GraphItem>;
  /** Layout children of each item, in display order (each item has one layout parent). */
  children: Map<string, string[]>;
  /** Every drawn edge, including those to a second owner. */
  edges: { from: string; to: string }[];
}

export interface TreeView {
  /** Groups the reader opened, by group id. */
  expandedGroups: ReadonlySet<string>;
  /** Resources whose children the reader folded away. */
  collapsedNodes: ReadonlySet<string>;
}

/** Siblings of one kind beyond this many fold into a group... */
export const GROUP_THRESHOLD = 5;
/** ...leaving this many of the least healthy ones visible beside it. */
export const GROUP_KEEPS = 2;

const SEVERITY: Record<HealthStatus, number> = {
  Degraded: 0,
  Missing: 1,
  Progressing: 2,
  Suspended: 3,
  Unknown: 4,
  Healthy: 5,
};
const severity = (node: TreeNode): number => (node.health ? SEVERITY[node.health.status] : 6);

export function groupId(parentId: string, kind: string): string {
  return `group:${parentId}|${kind}`;
}

function ownersIndex(nodes: readonly TreeNode[], rootId: string): Map<string, TreeNode[]> {
  const ids = new Set(nodes.map((node) => node.id));
  const children = new Map<string, TreeNode[]>();
  for (const node of nodes) {
    const owners = node.parentIds.filter((id) => ids.has(id) && id !== node.id);
    for (const owner of owners.length > 0 ? owners : [rootId]) {
      const list = children.get(owner) ?? [];
      list.push(node);
      children.set(owner, list);
    }
  }
  // Objects that only owner cycles reach (bad input) hang under the application, one entry
  // per cycle, rather than vanishing.
  const reached = new Set<string>([rootId]);
  const reach = (from: string): void => {
    const queue = [from];
    for (let head = 0; head < queue.length; head++) {
      for (const child of children.get(queue[head] as string) ?? []) {
        if (reached.has(child.id)) continue;
        reached.add(child.id);
        queue.push(child.id);
      }
    }
  };
  reach(rootId);
  for (const node of nodes) {
    if (reached.has(node.id)) continue;
    children.set(rootId, [...(children.get(rootId) ?? []), node]);
    reached.add(node.id);
    reach(node.id);
  }
  for (const list of children.values()) list.sort((a, b) => compareKeys(a.key, b.key));
  return children;
}

function healthSummary(members: readonly TreeNode[]): GroupItem['health'] {
  const summary: GroupItem['health'] = {};
  for (const member of members) {
    const status = member.health?.status ?? 'None';
    summary[status] = (summary[status] ?? 0) + 1;
  }
  return summary;
}

export function buildTreeGraph(
  app: Omit<AppItem, 'type' | 'id'>,
  nodes: readonly TreeNode[],
  view: TreeView,
): TreeGraph {
  const rootId = `app:${app.name}`;
  const owned = ownersIndex(nodes, rootId);
  const items = new Map<string, GraphItem>([[rootId, { type: 'app', id: rootId, ...app }]]);
  const children = new Map<string, string[]>();
  const edges: TreeGraph['edges'] = [];
  const place = (parent: string, id: string): void => {
    const list = children.get(parent) ?? [];
    list.push(id);
    children.set(parent, list);
    edges.push({ from: parent, to: id });
  };

  // Breadth first, so an object with two owners sits under the shallower one.
  const queue = [rootId];
  for (let head = 0; head < queue.length; head++) {
    const parent = queue[head] as string;
    const item = items.get(parent);
    if (item?.type === 'resource' && item.collapsed) continue;
    const byKind = new Map<string, TreeNode[]>();
    for (const child of owned.get(parent) ?? []) {
      if (items.has(child.id)) {
        if (items.get(child.id)?.type === 'resource') edges.push({ from: parent, to: child.id });
        continue;
      }
      const family = byKind.get(child.key.kind) ?? [];
      family.push(child);
      byKind.set(child.key.kind, family);
    }
    for (const [kind, family] of byKind) {
      const group = groupId(parent, kind);
      // Only what the cluster created folds: the objects written in git are always shown.
      const folds =
        family.length > GROUP_THRESHOLD && !view.expandedGroups.has(group) && family.every((n) => !n.managed);
      const kept = folds
        ? [...family].sort((a, b) => severity(a) - severity(b)).slice(0, GROUP_KEEPS)
        : family;
      for (const node of kept) {
        const childCount = owned.get(node.id)?.length ?? 0;
        const collapsed = childCount > 0 && view.collapsedNodes.has(node.id);
        items.set(node.id, { type: 'resource', id: node.id, node, childCount, collapsed });
        place(parent, node.id);
        queue.push(node.id);
      }
      if (folds) {
        const members = family.filter((node) => !kept.includes(node));
        items.set(group, { type: 'group', id: group, kind, members, health: healthSummary(members) });
        place(parent, group);
      }
    }
  }
  return { rootId, items, children, edges };
}

// An app of apps' children as cards of its tree: one Application node per child application,
// with the child's own health and sync status (from the application list, so they stay live).
// They hang under the parent's card; selecting one opens that application.
import type { AppSummary, TreeNode } from '../../../../../engine/api/contract.ts';

const PREFIX = 'child-app:';

export const childAppName = (nodeId: string): string | null =>
  nodeId.startsWith(PREFIX) ? nodeId.slice(PREFIX.length) : null;

export function childAppNodes(parent: string, apps: readonly AppSummary[] | null | undefined): TreeNode[] {
  return (apps ?? [])
    .filter((app) => app.parent === parent && app.name !== parent)
    .map((app) => ({
      id: `${PREFIX}${app.name}`,
      key: { group: 'argoproj.io', kind: 'Application', namespace: '', name: app.name },
      parentIds: [],
      managed: true,
      health: app.health,
      sync: app.sync.status,
      info: ['child application'],
    }));
}

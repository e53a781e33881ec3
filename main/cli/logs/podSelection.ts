// Which pods of an application's tree `plumbline app logs` reads, as Argo CD's PodLogs selects
// them: every pod of the application, or those matching the given kind, name, namespace and
// group, or descended (by owner references) from an object that matches — the pods of a
// Deployment through its ReplicaSets, of a Job, of a StatefulSet.
import type { TreeNode } from '../../../engine/api/contract.ts';

export interface PodQuery {
  kind?: string;
  name?: string;
  namespace?: string;
  group?: string;
}

/** Argo CD's default `server.maxPodLogsToRender`: more pods need a narrower query. */
export const MAX_LOGGED_PODS = 10;

function matches(node: TreeNode, query: PodQuery): boolean {
  return (
    (query.kind === undefined || node.key.kind === query.kind) &&
    (query.name === undefined || node.key.name === query.name) &&
    (query.namespace === undefined || node.key.namespace === query.namespace) &&
    (query.group === undefined || node.key.group === query.group)
  );
}

export function selectedPods(nodes: readonly TreeNode[], query: PodQuery): TreeNode[] {
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const verdicts = new Map<string, boolean>();
  const selected = (node: TreeNode): boolean => {
    const known = verdicts.get(node.id);
    if (known !== undefined) return known;
    verdicts.set(node.id, false); // an ownership cycle ends here
    const verdict =
      matches(node, query) ||
      node.parentIds.some((id) => {
        const parent = byId.get(id);
        return parent !== undefined && selected(parent);
      });
    verdicts.set(node.id, verdict);
    return verdict;
  };
  return nodes.filter((node) => node.key.group === '' && node.key.kind === 'Pod' && selected(node));
}

/** What was asked for, in words, for the messages. */
export function describeQuery(query: PodQuery): string {
  const what = [
    query.group !== undefined ? `group ${query.group}` : null,
    query.kind !== undefined ? `kind ${query.kind}` : null,
    query.name !== undefined ? `name ${query.name}` : null,
    query.namespace !== undefined ? `namespace ${query.namespace}` : null,
  ].filter((part) => part !== null);
  return what.length > 0 ? what.join(', ') : 'the application';
}

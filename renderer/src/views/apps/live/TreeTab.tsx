// The Tree tab: the application's objects and their descendants as a left-to-right graph, and
// the side panel of the object the reader selects. The graph and its layout are computed once
// per tree change or fold, never per frame.
import { useMemo, useState } from 'react';
import { LiveSourceMark } from '../../../components/LiveSourceMark.tsx';
import { useApps } from '../../../stores/apps.ts';
import { useNavigation } from '../../../stores/navigation.ts';
import { childAppName, childAppNodes } from './childAppNodes.ts';
import type { CardActions } from './NodeCard.tsx';
import { ResourcePanel } from './ResourcePanel.tsx';
import { TreeCanvas } from './TreeCanvas.tsx';
import { buildTreeGraph, type TreeView } from './treeGraph.ts';
import { layoutTree } from './treeLayout.ts';
import { useLiveQuery } from './useLiveQuery.ts';
import './diff.css';
import './tree.css';

const OPEN: TreeView = { expandedGroups: new Set(), collapsedNodes: new Set() };

function toggled(set: ReadonlySet<string>, id: string): Set<string> {
  const next = new Set(set);
  if (!next.delete(id)) next.add(id);
  return next;
}

export function TreeTab({ name }: { name: string }) {
  const health = useApps((state) => state.apps?.find((a) => a.name === name)?.health.status ?? 'Unknown');
  const sync = useApps((state) => state.apps?.find((a) => a.name === name)?.sync.status ?? 'Unknown');
  const liveSource = useApps((state) => state.apps?.find((a) => a.name === name)?.liveSource);
  const tree = useLiveQuery(name, name, (client) => client.call('apps.tree', { name }));
  // an app of apps: its child applications are cards of its tree, with their own statuses
  const apps = useApps((state) => state.apps);
  const openApp = useNavigation((state) => state.openApp);
  const [view, setView] = useState<TreeView>(OPEN);
  const [selectedId, setSelectedId] = useState<string | null>(null);

  const nodes = useMemo(
    () => (tree.data ? [...tree.data.nodes, ...childAppNodes(name, apps)] : undefined),
    [tree.data, name, apps],
  );
  const graph = useMemo(
    () => buildTreeGraph({ name, health, sync }, nodes ?? [], view),
    [name, health, sync, nodes, view],
  );
  const layout = useMemo(() => layoutTree(graph.rootId, graph.children), [graph]);
  const selected = nodes?.find((node) => node.id === selectedId) ?? null;
  const actions = useMemo<CardActions>(
    () => ({
      onSelect: (id) => {
        const child = childAppName(id);
        if (child) openApp(child);
        else setSelectedId((current) => (current === id || id.startsWith('app:') ? null : id));
      },
      onToggleChildren: (id) => setView((v) => ({ ...v, collapsedNodes: toggled(v.collapsedNodes, id) })),
      onOpenGroup: (id) => setView((v) => ({ ...v, expandedGroups: toggled(v.expandedGroups, id) })),
    }),
    [openApp],
  );
  const folded = view.expandedGroups.size > 0 || view.collapsedNodes.size > 0;

  return (
    <div className="live-tree">
      <div className="live-toolbar">
        <LiveSourceMark app={{ liveSource }} />
        {tree.data && (
          <span className="subtle">
            {tree.data.nodes.length} objects · {tree.data.nodes.filter((node) => node.managed).length} managed
          </span>
        )}
        {tree.loading && !nodes && (
          <span className="progress" role="status">
            <span className="spinner" /> Reading the live tree…
          </span>
        )}
        <span className="toolbar-gap" />
        <button disabled={!folded} onClick={() => setView(OPEN)}>
          Reset folds
        </button>
      </div>
      {tree.error && <p className="error">Cannot read the live tree: {tree.error}</p>}
      {/* Without an answer the canvas would show a lone application card, as if it had no objects. */}
      {nodes && (
        <div className={selected ? 'tree-split with-panel' : 'tree-split'}>
          <TreeCanvas graph={graph} layout={layout} selectedId={selectedId} actions={actions} />
          {selected && (
            <ResourcePanel
              key={selected.id}
              appName={name}
              node={selected}
              onClose={() => setSelectedId(null)}
            />
          )}
        </div>
      )}
    </div>
  );
}

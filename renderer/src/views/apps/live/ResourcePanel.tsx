// The side panel of a selected tree object: its health and facts, then its live manifest, its
// diff against git and its Kubernetes events; for a pod also its logs and a terminal. Each part
// loads only while it is shown.
import { useState } from 'react';
import type { TreeNode } from '../../../../../engine/api/contract.ts';
import { HealthBadge, SyncBadge } from '../../../components/StatusBadges.tsx';
import { Tabs } from '../../../components/Tabs.tsx';
import { DiffBody } from './DiffBody.tsx';
import { DiffOptionsBar } from './DiffOptionsBar.tsx';
import { useDiffOptions } from './diffOptions.ts';
import { ResourceDiffHeader } from './ResourceDiffHeader.tsx';
import { ResourceEvents } from './ResourceEvents.tsx';
import { useLiveQuery } from './useLiveQuery.ts';
import { PodLogs } from '../pod/PodLogs.tsx';
import { PodTerminal } from '../pod/PodTerminal.tsx';
import { ResourceActionsBar } from '../resources/ResourceActionsBar.tsx';

const parts = ['Manifest', 'Diff', 'Events'] as const;
const podParts = [...parts, 'Logs', 'Terminal'] as const;
type Part = (typeof podParts)[number];

function LiveManifest({ appName, id }: { appName: string; id: string }) {
  const query = useLiveQuery(appName, `manifest|${id}`, (client) =>
    client.call('apps.liveManifest', { name: appName, id }),
  );
  if (query.error) return <p className="error">Cannot read the live object: {query.error}</p>;
  if (!query.data) return <p className="subtle">Loading the live object…</p>;
  return <pre className="mono panel-yaml">{query.data.yaml || '(not in the cluster)'}</pre>;
}

function ResourceDiffPart({ appName, node }: { appName: string; node: TreeNode }) {
  const scope = useDiffOptions((state) => state.scope);
  const query = useLiveQuery(appName, `diff|${appName}`, (client) =>
    client.call('apps.diff', { name: appName }),
  );
  if (query.error) return <p className="error">Cannot compare with git: {query.error}</p>;
  if (!query.data) return <p className="subtle">Comparing with git…</p>;
  const resource = query.data.resources.find((r) => r.id === node.id);
  if (!resource) {
    return (
      <p className="subtle">Not managed by the application: git has no desired state for this object.</p>
    );
  }
  return (
    <>
      <div className="live-toolbar">
        <ResourceDiffHeader resource={resource} />
        <span className="toolbar-gap" />
        <DiffOptionsBar withFilter={false} withLayout={false} />
      </div>
      <DiffBody resource={resource} layout="inline" scope={scope} />
    </>
  );
}

export function ResourcePanel({
  appName,
  node,
  onClose,
}: {
  appName: string;
  node: TreeNode;
  onClose(): void;
}) {
  const [part, setPart] = useState<Part>(node.managed ? 'Diff' : 'Manifest');
  const { key } = node;
  const isPod = key.group === '' && key.kind === 'Pod';
  return (
    <aside className="resource-panel" aria-label={`${key.kind} ${key.name}`}>
      <header className="row">
        <div>
          <p className="subtle">
            {key.kind}
            {key.group && ` · ${key.group}`}
            {key.namespace && ` · ${key.namespace}`}
            {!node.managed && ' · created in the cluster'}
          </p>
          <h2>{key.name}</h2>
        </div>
        <button onClick={onClose} aria-label="Close panel">
          ✕
        </button>
      </header>
      <div className="panel-statuses">
        {node.health && <HealthBadge health={node.health} />}
        {node.sync && <SyncBadge status={node.sync} />}
      </div>
      {node.health?.message && <p className="panel-message">{node.health.message}</p>}
      {node.info.length > 0 && <p className="subtle">{node.info.join(' · ')}</p>}
      <ResourceActionsBar appName={appName} node={node} />
      <Tabs<Part> tabs={isPod ? podParts : parts} current={part} onChange={setPart} />
      {part === 'Manifest' && <LiveManifest appName={appName} id={node.id} />}
      {part === 'Diff' && <ResourceDiffPart appName={appName} node={node} />}
      {part === 'Events' && <ResourceEvents appName={appName} id={node.id} />}
      {isPod && part === 'Logs' && <PodLogs appName={appName} id={node.id} pod={key.name} />}
      {isPod && part === 'Terminal' && <PodTerminal appName={appName} id={node.id} />}
    </aside>
  );
}

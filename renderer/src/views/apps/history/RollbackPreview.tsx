// What a rollback would change, before anything is applied: each resource whose live state
// differs from the target commit, with the shared diff components.
import { useMemo } from 'react';
import type { ResourceDiff } from '../../../../../engine/api/contract.ts';
import { DiffOptionsBar } from '../live/DiffOptionsBar.tsx';
import { resourcesToShow } from '../live/diffList.ts';
import { useDiffOptions } from '../live/diffOptions.ts';
import { ResourceDiffSection } from '../live/ResourceDiffSection.tsx';
import { useFolds } from '../live/useFolds.ts';
import { shortSha } from './historyFormat.ts';
import '../live/diff.css';

export function RollbackPreview({
  resources,
  revision,
}: {
  resources: readonly ResourceDiff[];
  revision: string;
}) {
  const { layout, scope } = useDiffOptions();
  const shown = useMemo(() => resourcesToShow(resources, false), [resources]);
  const { isOpen, onToggle, setAll } = useFolds(resources, shown);
  const pruning = shown.filter((r) => r.requiresPruning).length;
  return (
    <div className="rollback-preview" aria-label="Rollback preview">
      <div className="live-toolbar">
        <DiffOptionsBar withFilter={false} />
        <span className="toolbar-gap" />
        <button onClick={() => setAll(true)}>Expand all</button>
        <button onClick={() => setAll(false)}>Collapse all</button>
      </div>
      <p className="subtle live-summary">
        {shown.length === 0
          ? 'Nothing would change: the cluster already runs what this commit describes.'
          : `${shown.length} of ${resources.length} resources would change`}
        {pruning > 0 && ` · ${pruning} would be left in the cluster unless pruned`}
      </p>
      {shown.map((resource) => (
        <ResourceDiffSection
          key={resource.id}
          resource={resource}
          open={isOpen(resource)}
          onToggle={onToggle}
          layout={layout}
          scope={scope}
          desiredLabel={`After the rollback (${shortSha(revision)})`}
        />
      ))}
    </div>
  );
}

// What a rollback would change, before anything is applied: each resource whose live state
// differs from the target commit, with the shared diff components.
import { useMemo } from 'react';
import type { ResourceDiff } from '../../../../../engine/api/contract.ts';
import { DiffOptionsBar } from '../live/DiffOptionsBar.tsx';
import { resourcesToShow } from '../live/diffList.ts';
import { ResourceDiffList } from '../live/ResourceDiffList.tsx';
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
  const shown = useMemo(() => resourcesToShow(resources, false), [resources]);
  const folds = useFolds(resources, shown);
  const pruning = shown.filter((r) => r.requiresPruning).length;
  return (
    <div className="rollback-preview" aria-label="Rollback preview">
      <div className="live-toolbar">
        <DiffOptionsBar withFilter={false} />
        <span className="toolbar-gap" />
        <button onClick={() => folds.setAll(true)}>Expand all</button>
        <button onClick={() => folds.setAll(false)}>Collapse all</button>
      </div>
      <p className="subtle live-summary">
        {shown.length === 0
          ? 'Nothing would change: the cluster already runs what this commit describes.'
          : `${shown.length} of ${resources.length} resources would change`}
        {pruning > 0 && ` · ${pruning} would be left in the cluster unless pruned`}
      </p>
      <ResourceDiffList
        resources={shown}
        folds={folds}
        desiredLabel={`After the rollback (${shortSha(revision)})`}
      />
    </div>
  );
}

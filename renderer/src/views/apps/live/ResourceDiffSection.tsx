// One resource in the Diff tab: a header that folds and unfolds it, and its diff when open.
// A closed section computes nothing, so a long list of objects stays cheap.
import { memo, useMemo } from 'react';
import type { ResourceDiff } from '../../../../../engine/api/contract.ts';
import { DiffBody } from './DiffBody.tsx';
import type { DiffScope } from './diffFolding.ts';
import type { DiffLayout } from './diffOptions.ts';
import { changeCounts, diffRows } from './diffRows.ts';
import { ResourceDiffHeader } from './ResourceDiffHeader.tsx';

export const ResourceDiffSection = memo(function ResourceDiffSection({
  resource,
  open,
  onToggle,
  layout,
  scope,
  desiredLabel,
}: {
  resource: ResourceDiff;
  open: boolean;
  onToggle(id: string): void;
  layout: DiffLayout;
  scope: DiffScope;
  desiredLabel?: string;
}) {
  const counts = useMemo(
    () => (open ? changeCounts(diffRows(resource.liveYaml, resource.desiredYaml)) : undefined),
    [open, resource],
  );
  return (
    <section className="rdiff">
      <button className="rdiff-head" aria-expanded={open} onClick={() => onToggle(resource.id)}>
        <span className="chevron">{open ? '▾' : '▸'}</span>
        <ResourceDiffHeader resource={resource} counts={counts} />
      </button>
      {open && (
        <DiffBody
          resource={resource}
          layout={layout}
          scope={scope}
          {...(desiredLabel ? { desiredLabel } : {})}
        />
      )}
    </section>
  );
});

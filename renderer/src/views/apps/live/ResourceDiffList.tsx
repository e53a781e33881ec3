// The resources of a diff, each a foldable section laid out with the shared diff options: the
// Diff tab's list and a rollback preview's.
import type { ResourceDiff } from '../../../../../engine/api/contract.ts';
import { useDiffOptions } from './diffOptions.ts';
import { ResourceDiffSection } from './ResourceDiffSection.tsx';
import type { Folds } from './useFolds.ts';

export function ResourceDiffList({
  resources,
  folds,
  desiredLabel,
}: {
  resources: readonly ResourceDiff[];
  folds: Folds;
  /** What the right-hand side shows, when it is not git's current state. */
  desiredLabel?: string;
}) {
  const { layout, scope } = useDiffOptions();
  return resources.map((resource) => (
    <ResourceDiffSection
      key={resource.id}
      resource={resource}
      open={folds.isOpen(resource)}
      onToggle={folds.onToggle}
      layout={layout}
      scope={scope}
      {...(desiredLabel ? { desiredLabel } : {})}
    />
  ));
}

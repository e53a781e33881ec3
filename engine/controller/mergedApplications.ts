// One merge of the workspace's applications with every producer's (ApplicationSets now), what
// changed since the previous merge, and the clashes handed back to the producers that lost them.
import type { Workspace } from '../workspace/index.ts';
import type { AppSets } from './appSets.ts';
import {
  mergeApplications,
  mergedChanges,
  ownersOf,
  sameApplication,
  type OwnedApplication,
} from './appOrigins.ts';

export function mergedApplications(
  workspace: Workspace | null,
  sets: AppSets,
  before: readonly OwnedApplication[],
): { applications: OwnedApplication[]; change: ReturnType<typeof mergedChanges> } {
  const { applications, clashes } = mergeApplications(
    workspace?.applications ?? [],
    sets.producers(),
    ownersOf(before),
  );
  sets.clashesFound(clashes);
  return { applications, change: mergedChanges(before, applications, sameApplication) };
}

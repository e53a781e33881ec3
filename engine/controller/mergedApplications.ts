// One merge of the workspace's applications with every producer's (ApplicationSets, app-of-apps
// parents), what changed since the previous merge, and the clashes handed back to the producers
// that lost them (a set shows them on itself, a parent on itself).
import type { Workspace } from '../workspace/index.ts';
import type { AppSets } from './appSets.ts';
import {
  mergeApplications,
  mergedChanges,
  ownersOf,
  sameApplication,
  type OwnedApplication,
  type ProducedApplications,
} from './appOrigins.ts';

export function mergedApplications(
  workspace: Workspace | null,
  producers: readonly ProducedApplications[],
  sets: AppSets,
  before: readonly OwnedApplication[],
): { applications: OwnedApplication[]; change: ReturnType<typeof mergedChanges> } {
  const { applications, clashes } = mergeApplications(
    workspace?.applications ?? [],
    producers,
    ownersOf(before),
  );
  sets.clashesFound(clashes);
  for (const listener of new Set(producers.map((producer) => producer.clashesFound))) listener?.(clashes);
  return { applications, change: mergedChanges(before, applications, sameApplication) };
}

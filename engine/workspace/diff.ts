// What changed between two loads of a workspace, by name, so a reload can say which
// applications appeared, changed or went away instead of "something changed".
import { isDeepStrictEqual } from 'node:util';
import type { LoadedDefinition, LoadedProject, Workspace } from './types.ts';

export interface NameChanges {
  added: string[];
  changed: string[];
  removed: string[];
}

export interface WorkspaceChange {
  workspace: Workspace;
  applications: NameChanges;
  projects: NameChanges;
  applicationSets: NameChanges;
  problemsChanged: boolean;
}

/** The differences from `before` to `after`; null when there are none. */
export function diffWorkspaces(before: Workspace, after: Workspace): WorkspaceChange | null {
  const change: WorkspaceChange = {
    workspace: after,
    applications: diffByName(before.applications, after.applications),
    projects: diffByName(before.projects, after.projects),
    applicationSets: diffByName(before.applicationSets, after.applicationSets),
    problemsChanged: !isDeepStrictEqual(before.problems, after.problems),
  };
  const nothing = [change.applications, change.projects, change.applicationSets].every(
    (names) => names.added.length + names.changed.length + names.removed.length === 0,
  );
  return nothing && !change.problemsChanged ? null : change;
}

type Named = LoadedDefinition<unknown> | LoadedProject;

function diffByName(before: Named[], after: Named[]): NameChanges {
  const old = new Map(before.map((definition) => [definition.name, definition]));
  const now = new Map(after.map((definition) => [definition.name, definition]));
  return {
    added: [...now.keys()].filter((name) => !old.has(name)),
    changed: [...now.keys()].filter(
      (name) => old.has(name) && !sameDefinition(old.get(name)!, now.get(name)!),
    ),
    removed: [...old.keys()].filter((name) => !now.has(name)),
  };
}

// `raw` covers every field as written; origin and conditions cover moves and new problems.
function sameDefinition(a: Named, b: Named): boolean {
  return (
    isDeepStrictEqual(a.raw, b.raw) &&
    isDeepStrictEqual(a.origin, b.origin) &&
    isDeepStrictEqual(a.conditions, b.conditions)
  );
}

// What the contract says of a workspace: its projects and its problems.
import type { Condition, ProjectSummary, ProjectSyncWindow, WorkspaceInfo } from '../api/contract.ts';
import { appProjectName, type GroupKind, type SyncWindow } from '../model/index.ts';
import { summarizeWindow } from '../policy/syncWindows.ts';
import type { Workspace, WorkspaceCondition } from '../workspace/index.ts';

/** A workspace condition as the contract carries it (no line when it has none). */
export function contractCondition({ type, message, file, line }: WorkspaceCondition): Condition {
  return { type, message, file, ...(line ? { line } : {}) };
}

const groupKinds = (list: GroupKind[] | undefined) =>
  list ? list.map(({ group, kind }) => ({ group, kind })) : null;

function projectWindow(window: SyncWindow, now: Date): ProjectSyncWindow {
  return {
    ...summarizeWindow(window, now),
    applications: window.applications ?? [],
    namespaces: window.namespaces ?? [],
    clusters: window.clusters ?? [],
    andOperator: window.andOperator ?? false,
    description: window.description ?? null,
  };
}

/** The workspace's projects, their sync windows as they stand at `now`. */
export function projectSummaries(workspace: Workspace | null, now = new Date()): ProjectSummary[] {
  const applications = (workspace?.applications ?? []).flatMap((app) =>
    app.definition ? [{ name: app.name, project: appProjectName(app.definition) }] : [],
  );
  return (workspace?.projects ?? []).map((project) => {
    const spec = project.definition?.spec;
    return {
      name: project.name,
      description: spec?.description ?? null,
      sourceRepos: spec?.sourceRepos ?? [],
      destinations: (spec?.destinations ?? []).map((d) => ({
        server: d.server ?? null,
        name: d.name ?? null,
        namespace: d.namespace ?? null,
      })),
      builtIn: project.origin === null,
      conditions: project.conditions.map(contractCondition),
      clusterResourceWhitelist: groupKinds(spec?.clusterResourceWhitelist),
      clusterResourceBlacklist: groupKinds(spec?.clusterResourceBlacklist),
      namespaceResourceWhitelist: groupKinds(spec?.namespaceResourceWhitelist),
      namespaceResourceBlacklist: groupKinds(spec?.namespaceResourceBlacklist),
      roles: (spec?.roles ?? []).map((role) => ({
        name: role.name,
        description: role.description ?? null,
        policies: role.policies?.length ?? 0,
      })),
      applications: applications
        .filter((app) => app.project === project.name)
        .map((app) => app.name)
        .sort(),
      syncWindows: (spec?.syncWindows ?? []).map((window) => projectWindow(window, now)),
    };
  });
}

export function workspaceInfo(
  workspace: Workspace | null,
  where: { dir: string; isGitRepository: boolean; isDemo: boolean },
): WorkspaceInfo {
  if (!workspace) return { ...where, problems: [] };
  return {
    ...where,
    problems: workspace.problems.map(contractCondition),
  };
}

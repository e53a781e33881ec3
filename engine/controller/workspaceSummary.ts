// What the contract says of a workspace: its projects and its problems.
import type { ProjectSummary, WorkspaceInfo } from '../api/contract.ts';
import type { Workspace } from '../workspace/index.ts';

export function projectSummaries(workspace: Workspace | null): ProjectSummary[] {
  return (workspace?.projects ?? []).map((project) => ({
    name: project.name,
    description: project.definition?.spec.description ?? null,
    sourceRepos: project.definition?.spec.sourceRepos ?? [],
    destinations: (project.definition?.spec.destinations ?? []).map((d) => ({
      server: d.server ?? null,
      name: d.name ?? null,
      namespace: d.namespace ?? null,
    })),
    builtIn: project.origin === null,
  }));
}

export function workspaceInfo(
  workspace: Workspace | null,
  where: { dir: string; isGitRepository: boolean; isDemo: boolean },
): WorkspaceInfo {
  const problems = (workspace?.problems ?? []).map(({ type, message, file, line }) => ({
    type,
    message,
    file,
    ...(line ? { line } : {}),
  }));
  return { ...where, problems };
}

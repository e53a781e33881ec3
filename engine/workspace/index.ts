// The workspace: a folder of Argo CD YAML definitions — loading, writing, watching, and the demo.
export type * from './types.ts';
export { loadWorkspace } from './load.ts';
export {
  createApplication,
  updateApplication,
  deleteApplication,
  createProject,
  updateProject,
  deleteProject,
  type WriteResult,
} from './writes.ts';
export { watchWorkspace, type WatchOptions, type WorkspaceWatcher } from './watch.ts';
export { diffWorkspaces, type NameChanges, type WorkspaceChange } from './diff.ts';
export { resolveWorkspaceDir, type WorkspaceDirSources } from './resolve-dir.ts';
export {
  materializeDemo,
  DEMO_REPO_PLACEHOLDER,
  DEMO_CLUSTER_PLACEHOLDER,
  DEMO_OFFLINE_CLUSTER,
  type DemoOptions,
  type DemoPaths,
} from './demo.ts';

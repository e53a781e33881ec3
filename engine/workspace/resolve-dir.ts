// Which folder is the workspace: the PLUMBLINE_WORKSPACE environment variable, else the
// user's setting, else `workspace` in Plumbline's data folder.
import { join, resolve } from 'node:path';

export interface WorkspaceDirSources {
  env?: Readonly<Record<string, string | undefined>>;
  /** The workspace folder from settings, if the user chose one. */
  settingsWorkspace?: string | null;
  dataDir: string;
}

export function resolveWorkspaceDir({ env = {}, settingsWorkspace, dataDir }: WorkspaceDirSources): string {
  const chosen = env.PLUMBLINE_WORKSPACE?.trim() || settingsWorkspace?.trim();
  return resolve(chosen || join(dataDir, 'workspace'));
}

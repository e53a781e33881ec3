// The one folder where Plumbline keeps settings, caches and state: PLUMBLINE_DATA_DIR when set,
// else the operating system's application-data folder.
import { join } from 'node:path';

export function resolveDataDir(
  env: Record<string, string | undefined>,
  homeDir: string,
  platform: NodeJS.Platform = process.platform,
): string {
  if (env.PLUMBLINE_DATA_DIR) return env.PLUMBLINE_DATA_DIR;
  if (platform === 'darwin') return join(homeDir, 'Library', 'Application Support', 'Plumbline');
  if (platform === 'win32') return join(env.APPDATA ?? join(homeDir, 'AppData', 'Roaming'), 'Plumbline');
  return join(env.XDG_CONFIG_HOME ?? join(homeDir, '.config'), 'plumbline');
}

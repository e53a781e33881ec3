// The one folder where Plumbline keeps settings, caches and state: PLUMBLINE_DATA_DIR when set,
// else the operating system's application-data folder. A folder in a kernel pseudo file system
// (/proc, /sys, /dev) is refused: creating folders there can loop forever.
import { realpathSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { isPseudoFilePath } from '../files/regularFile.ts';

/** Where `path` really is: its nearest existing ancestor with links resolved, then the rest. */
function realLocation(path: string): string {
  let existing = resolve(path);
  let rest = '';
  for (;;) {
    try {
      return join(realpathSync(existing), rest);
    } catch {
      const parent = dirname(existing);
      if (parent === existing) return resolve(path);
      rest = join(existing.slice(parent.length), rest);
      existing = parent;
    }
  }
}

export function resolveDataDir(
  env: Record<string, string | undefined>,
  homeDir: string,
  platform: NodeJS.Platform = process.platform,
): string {
  if (env.PLUMBLINE_DATA_DIR) {
    const real = realLocation(env.PLUMBLINE_DATA_DIR);
    if (isPseudoFilePath(real))
      throw new Error(
        `PLUMBLINE_DATA_DIR ${env.PLUMBLINE_DATA_DIR} is in a kernel pseudo file system (${real}); choose a folder on disk`,
      );
    return env.PLUMBLINE_DATA_DIR;
  }
  if (platform === 'darwin') return join(homeDir, 'Library', 'Application Support', 'Plumbline');
  if (platform === 'win32') return join(env.APPDATA ?? join(homeDir, 'AppData', 'Roaming'), 'Plumbline');
  return join(env.XDG_CONFIG_HOME ?? join(homeDir, '.config'), 'plumbline');
}

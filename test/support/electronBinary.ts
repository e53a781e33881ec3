// Where the Electron binary is, or why it is not there: npm does not run Electron's download
// script (see allowScripts in package.json), and `npm start` fetches it where it can.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export function electronBinary(): { path: string } | { missing: string } {
  const require = createRequire(import.meta.url);
  const dir = dirname(require.resolve('electron/package.json'));
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile))
    return {
      missing: 'Electron binary not installed (it is downloaded by `npm start` where the network allows)',
    };
  const binary = join(dir, 'dist', readFileSync(pathFile, 'utf8'));
  return existsSync(binary) ? { path: binary } : { missing: `Electron binary missing at ${binary}` };
}

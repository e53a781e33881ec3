// `npm start`: builds the app and opens it in Electron. npm does not run Electron's own download
// script (see allowScripts in package.json), so the binary is fetched here, on first start;
// where it cannot be fetched, say so in one line and point at the browser UI.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const electronDir = dirname(require.resolve('electron/package.json'));

function binaryInstalled() {
  const pathFile = join(electronDir, 'path.txt');
  return existsSync(pathFile) && existsSync(join(electronDir, 'dist', readFileSync(pathFile, 'utf8')));
}

if (!binaryInstalled()) {
  spawnSync(process.execPath, [join(electronDir, 'install.js')], { stdio: 'ignore', timeout: 300_000 });
}
if (!binaryInstalled()) {
  console.error(
    'The Electron binary is not installed and could not be downloaded; run `npm run serve` to use Plumbline in a browser.',
  );
  process.exit(1);
}

execFileSync('npm', ['run', 'build'], { stdio: 'inherit' });
const electron = require('electron');
const result = spawnSync(electron, ['.'], { stdio: 'inherit' });
process.exit(result.status ?? 1);

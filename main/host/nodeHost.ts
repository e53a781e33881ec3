// Creates the engine for a plain Node host (the headless server and the CLI): the data folder
// and environment come from the process.
import { homedir } from 'node:os';
import { createEngine, resolveDataDir, type Engine } from '../../engine/index.ts';

export function createNodeEngine(
  options: { renderOnStart: boolean },
  env: Record<string, string | undefined> = process.env,
): Engine {
  const homeDir = homedir();
  return createEngine({
    dataDir: resolveDataDir(env, homeDir),
    env,
    homeDir,
    renderOnStart: options.renderOnStart,
  });
}

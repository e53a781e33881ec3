// Creates the engine for a plain Node host (the headless server and the CLI): the data folder
// and environment come from the process, secrets go to the OS keychain.
import { homedir } from 'node:os';
import { createEngine, resolveDataDir, type Engine } from '../../engine/index.ts';
import { hostSecretStore } from './hostSecretStore.ts';

export function createNodeEngine(
  options: { renderOnStart: boolean; snapshotFile?: string },
  env: Record<string, string | undefined> = process.env,
): Engine {
  const homeDir = homedir();
  return createEngine({
    dataDir: resolveDataDir(env, homeDir),
    env,
    homeDir,
    secrets: hostSecretStore(),
    renderOnStart: options.renderOnStart,
    ...(options.snapshotFile ? { snapshotFile: options.snapshotFile } : {}),
  });
}

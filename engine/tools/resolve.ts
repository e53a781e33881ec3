// Finds the helm, kubectl or kustomize binary a render uses: the user's setting first, then the
// PATH, then the copy Plumbline bundles (helm and kubectl only; kubectl has kustomize built in).
import { delimiter, isAbsolute, join } from 'node:path';
import { bundledToolPath, isExecutableFile } from './bundled.ts';

export type ToolName = 'helm' | 'kubectl' | 'kustomize';
export type ToolOrigin = 'setting' | 'path' | 'bundled';

export interface ResolvedTool {
  name: ToolName;
  path: string;
  origin: ToolOrigin;
}

export interface ResolveToolOptions {
  /** The user's configured binary for this tool, if any. */
  settingPath?: string;
  /** The PATH to search; defaults to the process's. */
  pathEnv?: string;
  /** Plumbline's cache folder, where the bundled binaries are extracted. */
  cacheDir?: string;
  /** A folder of already extracted binaries shipped with a packaged app. */
  bundledDir?: string;
}

export class ToolNotFoundError extends Error {
  constructor(
    readonly tool: ToolName,
    message: string,
  ) {
    super(message);
    this.name = 'ToolNotFoundError';
  }
}

function executableName(name: ToolName): string {
  return process.platform === 'win32' ? `${name}.exe` : name;
}

async function findOnPath(name: ToolName, pathEnv: string): Promise<string | undefined> {
  for (const dir of pathEnv.split(delimiter)) {
    // An empty or relative PATH entry means "the current folder", which a render must not depend on.
    if (!dir || !isAbsolute(dir)) continue;
    const candidate = join(dir, executableName(name));
    if (await isExecutableFile(candidate)) return candidate;
  }
  return undefined;
}

export async function resolveTool(name: ToolName, options: ResolveToolOptions = {}): Promise<ResolvedTool> {
  if (options.settingPath) {
    if (!(await isExecutableFile(options.settingPath))) {
      throw new ToolNotFoundError(
        name,
        `the ${name} set in Plumbline's settings (${options.settingPath}) is not an executable file`,
      );
    }
    return { name, path: options.settingPath, origin: 'setting' };
  }
  const onPath = await findOnPath(name, options.pathEnv ?? process.env.PATH ?? '');
  if (onPath) return { name, path: onPath, origin: 'path' };
  if (name !== 'kustomize') {
    const bundled = await bundledToolPath(name, options.cacheDir, options.bundledDir);
    if (bundled) return { name, path: bundled, origin: 'bundled' };
  }
  throw new ToolNotFoundError(
    name,
    `${name} was not found: set its path in Plumbline's settings or put it on the PATH`,
  );
}

// Which binaries and versions a render of each source type needs. Kustomize sources prefer a
// standalone kustomize (the user's setting or the PATH) and otherwise use kubectl's built-in one.
import { resolveTool, ToolNotFoundError, type ResolvedTool } from '../tools/resolve.ts';
import { toolVersion } from '../tools/versions.ts';
import { RenderError } from './errors.ts';
import type { RenderOptions, SourceType } from './types.ts';

export interface RenderTools {
  tool?: ResolvedTool;
  versions: Record<string, string>;
}

async function find(name: 'helm' | 'kubectl' | 'kustomize', options: RenderOptions): Promise<ResolvedTool> {
  return resolveTool(name, {
    settingPath: options.toolSettings?.[name],
    pathEnv: options.pathEnv,
    cacheDir: options.cacheDir,
    bundledDir: options.bundledToolsDir,
  });
}

async function kustomizeTool(options: RenderOptions): Promise<ResolvedTool> {
  try {
    return await find('kustomize', options);
  } catch (error) {
    // A broken kustomize setting is the user's to fix, not a reason to fall back silently.
    if (options.toolSettings?.kustomize || !(error instanceof ToolNotFoundError)) throw error;
    return find('kubectl', options);
  }
}

export async function toolsFor(sourceType: SourceType, options: RenderOptions): Promise<RenderTools> {
  if (sourceType === 'Directory') return { versions: {} };
  try {
    const tool = sourceType === 'Helm' ? await find('helm', options) : await kustomizeTool(options);
    return { tool, versions: { [tool.name]: await toolVersion(tool) } };
  } catch (error) {
    const tool = error instanceof ToolNotFoundError ? error.tool : sourceType === 'Helm' ? 'helm' : 'kubectl';
    throw new RenderError(error instanceof Error ? error.message : String(error), { tool, cause: error });
  }
}

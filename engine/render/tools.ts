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

/** The kustomize a source's `kustomize.version` names, as Argo CD's `kustomize.path.<version>` settings do. */
async function namedKustomize(version: string, options: RenderOptions): Promise<ResolvedTool> {
  const path = options.toolSettings?.kustomizeVersions?.[version];
  if (!path) {
    throw new RenderError(
      `kustomize version ${version} is not registered: add its binary to Plumbline's settings as tools.kustomizeVersions["${version}"]`,
      { tool: 'kustomize' },
    );
  }
  return resolveTool('kustomize', { settingPath: path });
}

async function kustomizeTool(options: RenderOptions, version: string | undefined): Promise<ResolvedTool> {
  if (version) return namedKustomize(version, options);
  try {
    return await find('kustomize', options);
  } catch (error) {
    // A broken kustomize setting is the user's to fix, not a reason to fall back silently.
    if (options.toolSettings?.kustomize || !(error instanceof ToolNotFoundError)) throw error;
    return find('kubectl', options);
  }
}

/** `kustomizeVersion`: a Kustomize source's `kustomize.version`, which picks a registered binary. */
export async function toolsFor(
  sourceType: SourceType,
  options: RenderOptions,
  kustomizeVersion?: string,
): Promise<RenderTools> {
  // a plugin runs the programs its definition names (plugin/pluginRender.ts versions them)
  if (sourceType === 'Directory' || sourceType === 'Plugin') return { versions: {} };
  try {
    const tool =
      sourceType === 'Helm' ? await find('helm', options) : await kustomizeTool(options, kustomizeVersion);
    return { tool, versions: { [tool.name]: await toolVersion(tool) } };
  } catch (error) {
    const tool = error instanceof ToolNotFoundError ? error.tool : sourceType === 'Helm' ? 'helm' : 'kubectl';
    throw new RenderError(error instanceof Error ? error.message : String(error), { tool, cause: error });
  }
}

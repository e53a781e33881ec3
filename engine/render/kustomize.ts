// Renders a kustomize source with a standalone `kustomize build` when the user has one, else with
// `kubectl kustomize`. A source's kustomize options are applied as Argo CD applies them, by
// editing the application's kustomization (see kustomize-edit.ts) — in a private copy of the
// checkout (kustomize-workdir.ts), so the checkout is never written to.
import { relative } from 'node:path';
import { RenderError, describeError } from './errors.ts';
import { parseToolOutput } from './manifests.ts';
import { editsKustomization } from './kustomize-edit.ts';
import { componentsToAdd } from './kustomize-components.ts';
import { kustomizeWorkdir } from './kustomize-workdir.ts';
import { helmKubeVersion } from './helm.ts';
import { ToolArgs } from '../tools/args.ts';
import { runTool } from '../tools/run.ts';
import { assertKustomizationInside } from './kustomize-paths.ts';
import type { ResolvedTool } from '../tools/resolve.ts';
import type { KubeObject, KustomizeSourceOptions, ToolLimits } from './types.ts';

export interface KustomizeRun {
  tool: ResolvedTool;
  repoRoot: string;
  appDir: string;
  options: KustomizeSourceOptions | undefined;
  /** Argo CD's build environment (ARGOCD_APP_*), substituted into images and labels. */
  env: Record<string, string>;
  /** The tool's version, for the options that need a minimum kustomize. */
  toolVersion?: string;
  tmpDir: string;
  timeoutMs?: number;
  /** Output and memory limits (and the run time, over timeoutMs) of the kustomize process. */
  limits?: ToolLimits;
  /** Remote bases and URLs in kustomizations are allowed (setting render.allowRemoteKustomizeBases). */
  allowRemoteBases?: boolean;
  signal?: AbortSignal;
  /** Where the output's duplicate mapping-key warnings go. */
  warnings?: string[];
}

/** `build` (or kubectl's `kustomize`) of `dir`, files restricted to each kustomization's folder. */
export function kustomizeBuildArgs(tool: ResolvedTool, dir: string, toolVersion?: string): ToolArgs {
  const args = new ToolArgs(tool.name === 'kustomize' ? 'build' : 'kustomize');
  // kustomize 3 spells the flag differently; root-only is its default all the same.
  const [major = 99] = tool.name === 'kustomize' ? (kustomizeRelease(toolVersion) ?? []) : [];
  if (major >= 4) args.flag('--load-restrictor=LoadRestrictionsRootOnly');
  return args.operand(dir, 'kustomization folder');
}

async function build(run: KustomizeRun, dir: string, label: string): Promise<KubeObject[]> {
  let stdout: string;
  try {
    await assertKustomizationInside({ root: run.repoRoot, dir, allowRemote: run.allowRemoteBases ?? false });
    ({ stdout } = await runTool(run.tool.path, kustomizeBuildArgs(run.tool, dir, run.toolVersion), {
      cwd: run.repoRoot,
      timeoutMs: run.timeoutMs,
      ...run.limits,
      signal: run.signal,
    }));
  } catch (error) {
    throw new RenderError(`render kustomization ${label}: ${describeError(error)}`, {
      tool: run.tool.name,
      cause: error,
    });
  }
  return parseToolOutput(
    stdout,
    `render kustomization ${label}`,
    run.tool.name,
    'kustomize',
    run.limits?.maxOutputBytes,
    run.warnings,
  );
}

/** Major and minor of `kustomize version` (`v5.8.1`, `{kustomize/v3.5.4 ...}`) or kubectl's `... kustomize v5.5.0`. */
export function kustomizeRelease(version = ''): [number, number] | undefined {
  const match = /kustomize[/ ]v?(\d+)\.(\d+)/.exec(version) ?? /v?(\d+)\.(\d+)/.exec(version);
  return match ? [Number(match[1]), Number(match[2])] : undefined;
}

export async function renderKustomize(run: KustomizeRun): Promise<KubeObject[]> {
  const label = relative(run.repoRoot, run.appDir) || '.';
  const options = run.options ?? {};
  // Argo CD parses it even though only a build with --enable-helm uses it (Plumbline never enables helm).
  if (options.kubeVersion) {
    try {
      helmKubeVersion(options.kubeVersion);
    } catch (error) {
      throw new RenderError(`kustomize.kubeVersion: ${describeError(error)}`);
    }
  }
  if (!editsKustomization(options)) return build(run, run.appDir, label);
  if (options.components?.length) {
    const [major = 99, minor = 0] = kustomizeRelease(run.toolVersion) ?? [];
    if (major < 3 || (major === 3 && minor < 7))
      throw new RenderError('kustomize components require kustomize v3.7.0 and above', {
        tool: run.tool.name,
      });
  }
  const components = await componentsToAdd(
    run.repoRoot,
    run.appDir,
    options.components ?? [],
    options.ignoreMissingComponents ?? false,
  );
  const workdir = await kustomizeWorkdir(run.repoRoot, run.appDir, run.tmpDir, {
    options,
    env: run.env,
    components,
  });
  try {
    return await build({ ...run, repoRoot: workdir.root }, workdir.appDir, label);
  } catch (error) {
    if (!(error instanceof RenderError)) throw error;
    throw new RenderError(workdir.scrub(error.message), { tool: error.tool, cause: error });
  } finally {
    await workdir.dispose();
  }
}

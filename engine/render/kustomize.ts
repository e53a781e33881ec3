// Renders a kustomize source with a standalone `kustomize build` when the user has one, else with
// `kubectl kustomize`. Source options go into an overlay in a scratch folder (see
// kustomize-overlay.ts), so the checkout is never written to.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { stringify } from 'yaml';
import { RenderError, describeError } from './errors.ts';
import { parseToolOutput } from './manifests.ts';
import { needsOverlay, overlayKustomization } from './kustomize-overlay.ts';
import { runTool } from '../tools/run.ts';
import type { ResolvedTool } from '../tools/resolve.ts';
import type { KubeObject, KustomizeSourceOptions } from './types.ts';

export interface KustomizeRun {
  tool: ResolvedTool;
  repoRoot: string;
  appDir: string;
  options: KustomizeSourceOptions | undefined;
  tmpDir: string;
  timeoutMs?: number;
  signal?: AbortSignal;
}

export function kustomizeBuildArgs(tool: ResolvedTool, dir: string): string[] {
  return tool.name === 'kustomize' ? ['build', dir] : ['kustomize', dir];
}

async function build(run: KustomizeRun, dir: string, label: string): Promise<KubeObject[]> {
  let stdout: string;
  try {
    ({ stdout } = await runTool(run.tool.path, kustomizeBuildArgs(run.tool, dir), {
      cwd: run.repoRoot,
      timeoutMs: run.timeoutMs,
      signal: run.signal,
    }));
  } catch (error) {
    throw new RenderError(`render kustomization ${label}: ${describeError(error)}`, {
      tool: run.tool.name,
      cause: error,
    });
  }
  return parseToolOutput(stdout, `render kustomization ${label}`, run.tool.name, 'kustomize');
}

export async function renderKustomize(run: KustomizeRun): Promise<KubeObject[]> {
  const label = relative(run.repoRoot, run.appDir) || '.';
  if (!needsOverlay(run.options)) return build(run, run.appDir, label);
  await mkdir(run.tmpDir, { recursive: true });
  const overlayDir = await mkdtemp(join(run.tmpDir, 'kustomize-'));
  try {
    // kustomize accepts only a relative path to another kustomization.
    const resource = relative(overlayDir, run.appDir).split(sep).join('/');
    const kustomization = overlayKustomization(resource, run.options ?? {});
    await writeFile(join(overlayDir, 'kustomization.yaml'), stringify(kustomization));
    return await build(run, overlayDir, label);
  } finally {
    await rm(overlayDir, { recursive: true, force: true });
  }
}

// Renders a Helm chart with `helm template`, the arguments built as Argo CD's repo server builds
// them: release name (default: the app name), namespace, kube and API versions, --set /
// --set-string / --set-file parameters, value files, then the source's inline values, and CRDs
// unless skipCrds. Helm keeps its cache, config and data inside Plumbline's cache folder.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { stringify } from 'yaml';
import { RenderError, describeError } from './errors.ts';
import { resolveHelmFile, type ValueFileRoots } from './helm-values.ts';
import { parseToolOutput } from './manifests.ts';
import { runTool } from '../tools/run.ts';
import type { HelmSourceOptions, KubeObject, RenderContext } from './types.ts';

export interface HelmTemplateRun {
  helmPath: string;
  helmEnv: Record<string, string>;
  roots: ValueFileRoots;
  /** How the chart is named in messages: its path in the repository, or `chart@version`. */
  chartLabel: string;
  options: HelmSourceOptions;
  context: RenderContext;
  scratchDir: string;
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** Helm's own environment, rooted in Plumbline's cache so no user setting leaks into a render. */
export function helmEnvironment(cacheDir: string): Record<string, string> {
  const home = join(cacheDir, 'helm');
  return {
    HELM_CACHE_HOME: join(home, 'cache'),
    HELM_CONFIG_HOME: join(home, 'config'),
    HELM_DATA_HOME: join(home, 'data'),
  };
}

/** `v1.30.2-eks-1234` → `1.30.2`: helm accepts only the semantic part (Argo CD trims it too). */
export function helmKubeVersion(version: string | undefined): string | undefined {
  if (!version) return undefined;
  const match = /^v?(\d+)\.(\d+)(?:\.(\d+))?/.exec(version.trim());
  if (!match) throw new RenderError(`could not parse kubernetes version ${version}`);
  return `${match[1]}.${match[2]}.${match[3] ?? '0'}`;
}

/** Helm splits --set on commas; a value's commas are escaped unless it is a `{a,b}` list. */
export function escapeSetValue(value: string): string {
  if (value.startsWith('{') && value.endsWith('}')) return value;
  let escaped = '';
  let previous = '';
  for (const char of value) {
    escaped += char === ',' && previous !== '\\' ? '\\,' : char;
    previous = char;
  }
  return escaped;
}

function lastByName<T extends { name?: string }>(items: T[] | undefined): T[] {
  const byName = new Map<string, T>();
  for (const item of items ?? []) if (item.name) byName.set(item.name, item);
  return [...byName.values()];
}

async function inlineValuesFile(options: HelmSourceOptions, scratchDir: string): Promise<string | undefined> {
  // valuesObject takes precedence over values, as in Argo CD.
  const hasObject = options.valuesObject !== undefined && Object.keys(options.valuesObject).length > 0;
  const text = hasObject ? stringify(options.valuesObject) : options.values;
  if (!text || text.trim() === '') return undefined;
  const path = join(scratchDir, 'source-values.yaml');
  await writeFile(path, text);
  return path;
}

export async function helmTemplateArgs(run: HelmTemplateRun): Promise<string[]> {
  const { options, context, roots } = run;
  const args = ['template', options.releaseName || context.appName, roots.chartDir];
  const namespace = options.namespace || context.destinationNamespace;
  if (namespace) args.push('--namespace', namespace);
  const kubeVersion = helmKubeVersion(options.kubeVersion || context.kubeVersion);
  if (kubeVersion) args.push('--kube-version', kubeVersion);
  for (const p of lastByName(options.parameters)) {
    args.push(p.forceString ? '--set-string' : '--set', `${p.name}=${escapeSetValue(p.value ?? '')}`);
  }
  for (const p of lastByName(options.fileParameters)) {
    const path = await resolveHelmFile(p.path ?? '', roots, 'helm file parameter', false);
    args.push('--set-file', `${p.name}=${escapeSetValue(path ?? '')}`);
  }
  for (const name of options.valueFiles ?? []) {
    const path = await resolveHelmFile(name, roots, 'value file', options.ignoreMissingValueFiles ?? false);
    if (path !== undefined) args.push('--values', path);
  }
  const inline = await inlineValuesFile(options, run.scratchDir);
  if (inline) args.push('--values', inline);
  const apiVersions = options.apiVersions?.length ? options.apiVersions : (context.apiVersions ?? []);
  for (const apiVersion of apiVersions) args.push('--api-versions', apiVersion);
  if (!options.skipCrds) args.push('--include-crds');
  if (options.skipSchemaValidation) args.push('--skip-schema-validation');
  if (options.skipTests) args.push('--skip-tests');
  return args;
}

export async function renderHelm(
  run: Omit<HelmTemplateRun, 'scratchDir'> & { tmpDir: string },
): Promise<KubeObject[]> {
  const scratchDir = await mkdtemp(join(run.tmpDir, 'helm-'));
  try {
    const args = await helmTemplateArgs({ ...run, scratchDir });
    let stdout: string;
    try {
      ({ stdout } = await runTool(run.helmPath, args, {
        cwd: run.roots.chartDir,
        env: run.helmEnv,
        timeoutMs: run.timeoutMs,
        signal: run.signal,
      }));
    } catch (error) {
      let message = describeError(error).split(scratchDir).join('<source values>');
      // Argo CD runs `helm dependency build` here; Plumbline's checkouts are read-only.
      if (/but missing in charts\/ directory/.test(message)) {
        message += ' (Plumbline does not run `helm dependency build`: commit the dependencies into charts/)';
      }
      throw new RenderError(`render helm chart ${run.chartLabel}: ${message}`, {
        tool: 'helm',
        cause: error,
      });
    }
    return parseToolOutput(stdout, `render helm chart ${run.chartLabel}`, 'helm');
  } finally {
    await rm(scratchDir, { recursive: true, force: true });
  }
}

/** A chart folder as messages name it: relative to the repository. */
export function chartLabelOf(repoRoot: string, chartDir: string): string {
  return relative(repoRoot, chartDir) || '.';
}

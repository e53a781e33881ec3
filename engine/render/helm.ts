// Renders a Helm chart with `helm template`, the arguments built as Argo CD's repo server builds
// them: release name (default: the app name), namespace, kube and API versions, --set /
// --set-string / --set-file parameters, value files (Argo CD's build variables substituted in
// parameter values and file names), then the source's inline values, and CRDs
// unless skipCrds. Helm keeps its cache, config and data inside Plumbline's cache folder. A chart
// whose dependencies were built (helm-dependencies.ts) is templated from its copy.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { stringify } from 'yaml';
import { argoEnvsubst } from './envsubst.ts';
import { RenderError, describeError } from './errors.ts';
import { resolveHelmFile, type ValueFileRoots } from './helm-values.ts';
import { parseToolOutput } from './manifests.ts';
import { ToolArgs } from '../tools/args.ts';
import { runTool } from '../tools/run.ts';
import { assertChartSchemasSafe } from './helm-schema.ts';
import type { HelmSourceOptions, KubeObject, RenderContext, ToolLimits } from './types.ts';

export interface HelmTemplateRun {
  helmPath: string;
  helmEnv: Record<string, string>;
  roots: ValueFileRoots;
  /** How the chart is named in messages: its path in the repository, or `chart@version`. */
  chartLabel: string;
  /** The folder helm templates when not `roots.chartDir`: a copy with the chart's dependencies built. */
  templateDir?: string;
  options: HelmSourceOptions;
  context: RenderContext;
  scratchDir: string;
  /** Run time, output and memory limits of the helm process. */
  limits?: ToolLimits;
  /** http(s) `$ref`s in the chart's values.schema.json files are allowed (setting). */
  allowRemoteSchemaRefs?: boolean;
  signal?: AbortSignal;
  /** Where the output's duplicate mapping-key warnings go. */
  warnings?: string[];
  /** Argo CD's build variables, substituted in parameter values, value files and file parameters. */
  buildEnv?: Record<string, string>;
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

export async function helmTemplateArgs(run: HelmTemplateRun): Promise<ToolArgs> {
  const { options, context, roots } = run;
  const args = new ToolArgs('template');
  const namespace = options.namespace || context.destinationNamespace;
  if (namespace) args.option('--namespace', namespace, 'helm namespace');
  const kubeVersion = helmKubeVersion(options.kubeVersion || context.kubeVersion);
  if (kubeVersion) args.option('--kube-version', kubeVersion, 'kubernetes version');
  const buildEnv = run.buildEnv ?? {};
  for (const p of lastByName(options.parameters)) {
    const value = `${p.name}=${escapeSetValue(argoEnvsubst(p.value ?? '', buildEnv))}`;
    args.option(p.forceString ? '--set-string' : '--set', value, 'helm parameter', { multiline: true });
  }
  for (const p of lastByName(options.fileParameters)) {
    const path = await resolveHelmFile(p.path ?? '', roots, 'helm file parameter', false, buildEnv);
    args.option('--set-file', `${p.name}=${escapeSetValue(path ?? '')}`, 'helm file parameter');
  }
  for (const name of options.valueFiles ?? []) {
    const ignoreMissing = options.ignoreMissingValueFiles ?? false;
    const path = await resolveHelmFile(name, roots, 'value file', ignoreMissing, buildEnv);
    if (path !== undefined) args.option('--values', path, 'value file');
  }
  const inline = await inlineValuesFile(options, run.scratchDir);
  if (inline) args.option('--values', inline, 'inline values');
  const apiVersions = options.apiVersions?.length ? options.apiVersions : (context.apiVersions ?? []);
  for (const apiVersion of apiVersions) args.option('--api-versions', apiVersion, 'API version');
  if (!options.skipCrds) args.flag('--include-crds');
  if (options.skipSchemaValidation) args.flag('--skip-schema-validation');
  if (options.skipTests) args.flag('--skip-tests');
  // The release name and chart come last, after `--`: a name like `--set-file=...` stays a name.
  args.operand(options.releaseName || context.appName, 'helm release name');
  args.operand(run.templateDir ?? roots.chartDir, 'chart folder');
  return args;
}

export async function renderHelm(
  run: Omit<HelmTemplateRun, 'scratchDir'> & { tmpDir: string },
): Promise<KubeObject[]> {
  const scratchDir = await mkdtemp(join(run.tmpDir, 'helm-'));
  try {
    let stdout: string;
    try {
      const chartDir = run.templateDir ?? run.roots.chartDir;
      await assertChartSchemasSafe(chartDir, run.chartLabel, run.allowRemoteSchemaRefs ?? false);
      const args = await helmTemplateArgs({ ...run, scratchDir });
      ({ stdout } = await runTool(run.helmPath, args, {
        cwd: chartDir,
        env: run.helmEnv,
        ...run.limits,
        signal: run.signal,
      }));
    } catch (error) {
      if (error instanceof RenderError) throw error;
      let message = describeError(error).split(scratchDir).join('<source values>');
      if (run.templateDir) message = message.split(run.templateDir).join(run.chartLabel);
      throw new RenderError(`render helm chart ${run.chartLabel}: ${message}`, {
        tool: 'helm',
        cause: error,
      });
    }
    return parseToolOutput(
      stdout,
      `render helm chart ${run.chartLabel}`,
      'helm',
      'helm',
      run.limits?.maxOutputBytes,
      run.warnings,
    );
  } finally {
    await rm(scratchDir, { recursive: true, force: true });
  }
}

/** A chart folder as messages name it: relative to the repository. */
export function chartLabelOf(repoRoot: string, chartDir: string): string {
  return relative(repoRoot, chartDir) || '.';
}

// renderSource: one Argo CD source at a checked-out commit → the desired Kubernetes objects, as
// Argo CD's repo server generates them, tracked for the application and cached on disk.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { RenderCache, renderCacheKey } from './cache.ts';
import { renderDirectory } from './directory.ts';
import { RenderError } from './errors.ts';
import { isExactChartVersion, pullChart } from './helm-chart.ts';
import { chartWithDependencies } from './helm-dependencies.ts';
import { isOciSource, pullOciSource } from './oci-source.ts';
import { chartLabelOf, helmEnvironment, renderHelm } from './helm.ts';
import { renderKustomize } from './kustomize.ts';
import { PluginRender } from './plugin/index.ts';
import { assertObjectCount, renderLimitsOf } from './limits.ts';
import { argoBuildEnv } from './envsubst.ts';
import { assertNoSymlinksOut, resolveAppDir } from './paths.ts';
import { sourceTypeOf } from './source-type.ts';
import { toolsFor, type RenderTools } from './tools.ts';
import { trackObjects } from './tracking.ts';
import type {
  KubeObject,
  RenderContext,
  RenderOptions,
  RenderResult,
  RenderSource,
  SourceType,
} from './types.ts';

/** Ref names (`values` for `$values/...`) the source's helm files read from. */
function refsUsed(source: RenderSource): string[] {
  const names = [
    ...(source.helm?.valueFiles ?? []),
    ...(source.helm?.fileParameters ?? []).map((p) => p.path ?? ''),
  ];
  return [
    ...new Set(names.filter((name) => name.startsWith('$')).map((name) => name.slice(1).split('/')[0] ?? '')),
  ];
}

/** What fixes the input of the render, or undefined when it cannot be pinned (then no caching). */
function pinnedRevisions(source: RenderSource, options: RenderOptions): Record<string, string> | undefined {
  const revisions: Record<string, string> = {};
  if (source.chart) {
    if (!isExactChartVersion(source.targetRevision ?? '')) return undefined;
    revisions.chart = `${source.repoURL}|${source.chart}@${source.targetRevision}`;
  } else if (options.commitSha) {
    revisions.commit = options.commitSha;
  } else {
    return undefined;
  }
  for (const ref of refsUsed(source)) {
    const sha = options.refCommitShas?.[ref] ?? options.refCommitShas?.[`$${ref}`];
    if (!sha) {
      if (options.refSources?.[ref] ?? options.refSources?.[`$${ref}`]) return undefined;
      continue; // not a ref at all: a file whose name starts with `$`, pinned by the commit
    }
    revisions[`ref:${ref}`] = sha;
  }
  return revisions;
}

/**
 * Checkouts of a commit found free of symlinks out: a commit's tree never changes, so the check
 * runs once per checkout, not once per application rendered from it (a thousand applications
 * in one repository would otherwise walk the whole tree a thousand times).
 */
const checkedTrees = new Map<string, Promise<void>>();

function checkedOnce(checkoutDir: string, commitSha: string | undefined): Promise<void> {
  if (!commitSha) return assertNoSymlinksOut(checkoutDir);
  const key = `${checkoutDir}\n${commitSha}`;
  let check = checkedTrees.get(key);
  if (!check) {
    if (checkedTrees.size >= 1000) checkedTrees.clear();
    check = assertNoSymlinksOut(checkoutDir);
    checkedTrees.set(key, check);
    // a failed check is made again next time (the tree may have been removed meanwhile)
    check.catch(() => checkedTrees.delete(key));
  }
  return check;
}

interface Job {
  source: RenderSource;
  checkoutDir: string | undefined;
  context: RenderContext;
  options: RenderOptions;
  sourceType: SourceType;
  appDir: string | undefined;
  tools: RenderTools;
  tmpDir: string;
  /** Duplicate mapping keys the render read, filled as it parses. */
  warnings: string[];
  /** The config management plugin of a Plugin source. */
  plugin: PluginRender | undefined;
}

async function renderHelmSource(job: Job): Promise<KubeObject[]> {
  const { source, options, context } = job;
  const helmPath = job.tools.tool?.path as string;
  const helmEnv = helmEnvironment(options.cacheDir);
  const refSources = options.refSources ?? {};
  const common = {
    helmPath,
    helmEnv,
    options: source.helm ?? {},
    context,
    tmpDir: job.tmpDir,
    warnings: job.warnings,
    buildEnv: buildEnvOf(job),
  };
  const { tool: toolLimits, allowRemoteSchemaRefs } = renderLimitsOf(options);
  const limits = { limits: toolLimits, signal: options.signal };
  // the Helm repositories the user configured now (names for `@name`, CAs, insecure)
  const helmRepositories = [
    ...(options.helmRepositories ?? []),
    ...((await options.repositorySettings?.helmRepositories()) ?? []),
  ];
  const tlsFor = options.repositorySettings?.tlsFor;
  // dependencies missing from charts/ are built into a copy of the chart, as Argo CD builds them
  const renderChart = async (repoRoot: string, chartDir: string, chartLabel: string) => {
    const chart = await chartWithDependencies({
      helmPath,
      repoRoot,
      chartDir,
      chartLabel,
      cacheDir: options.cacheDir,
      tmpDir: job.tmpDir,
      secrets: options.secrets,
      helmRepositories,
      tlsFor,
      passCredentials: source.helm?.passCredentials ?? false,
      refresh: options.hardRefresh,
      ...limits,
    });
    try {
      return await renderHelm({
        ...common,
        ...limits,
        allowRemoteSchemaRefs,
        roots: { repoRoot, chartDir, refSources },
        chartLabel,
        templateDir: chart.chartDir,
      });
    } finally {
      await chart.dispose();
    }
  };
  if (!source.chart) {
    const root = job.checkoutDir as string;
    const chartDir = job.appDir as string;
    return renderChart(root, chartDir, chartLabelOf(root, chartDir));
  }
  options.onProgress?.({
    phase: 'pull-chart',
    message: `pulling ${source.chart} ${source.targetRevision ?? ''}`,
  });
  const pulled = await pullChart({
    helmPath,
    helmEnv,
    cacheDir: options.cacheDir,
    repoURL: source.repoURL ?? '',
    chart: source.chart,
    version: source.targetRevision ?? '',
    passCredentials: source.helm?.passCredentials ?? false,
    refresh: options.hardRefresh ?? false,
    tmpDir: job.tmpDir,
    secrets: options.secrets,
    helmRepositories,
    tlsFor,
    ...limits,
  });
  try {
    await assertNoSymlinksOut(pulled.chartDir);
    return await renderChart(pulled.chartDir, pulled.chartDir, `${source.chart}@${source.targetRevision}`);
  } finally {
    await pulled.dispose();
  }
}

/** Argo CD's ARGOCD_APP_* variables for the source (kustomize options, jsonnet ext vars and TLAs). */
function buildEnvOf(job: Job): Record<string, string> {
  return argoBuildEnv({
    ...job.context,
    revision: job.options.commitSha,
    repoURL: job.source.repoURL,
    path: job.source.path,
    targetRevision: job.source.targetRevision,
  });
}

async function renderRaw(job: Job): Promise<KubeObject[]> {
  switch (job.sourceType) {
    case 'Directory':
      return renderDirectory(
        job.appDir as string,
        job.checkoutDir as string,
        job.source.directory,
        renderLimitsOf(job.options).maxOutputBytes,
        job.warnings,
        {
          buildEnv: buildEnvOf(job),
          timeoutMs: renderLimitsOf(job.options).tool.timeoutMs,
          maxMemoryBytes: renderLimitsOf(job.options).tool.maxMemoryBytes,
          tmpDir: job.tmpDir,
          signal: job.options.signal,
        },
      );
    case 'Kustomize':
      return renderKustomize({
        tool: job.tools.tool as NonNullable<RenderTools['tool']>,
        repoRoot: job.checkoutDir as string,
        appDir: job.appDir as string,
        options: job.source.kustomize,
        env: buildEnvOf(job),
        toolVersion: Object.values(job.tools.versions)[0],
        tmpDir: job.tmpDir,
        timeoutMs: job.options.timeoutMs,
        limits: renderLimitsOf(job.options).tool,
        allowRemoteBases: renderLimitsOf(job.options).allowRemoteKustomizeBases,
        signal: job.options.signal,
        warnings: job.warnings,
      });
    case 'Helm':
      return renderHelmSource(job);
    case 'Plugin':
      return (job.plugin as PluginRender).render(job.appDir as string, job.warnings);
  }
}

export async function renderSource(
  source: RenderSource,
  checkoutDir: string | undefined,
  context: RenderContext,
  options: RenderOptions,
): Promise<RenderResult> {
  if (!context.appName) throw new RenderError('a render needs the application name');
  if (!isOciSource(source)) return renderCheckout(source, checkoutDir, context, options);
  // an OCI artifact is pulled into the cache and rendered as a checkout whose commit is its digest;
  // a chart artifact's content is the chart folder
  const oci = await pullOciSource(source, options);
  const path = source.chart ? '.' : source.path;
  const inArtifact: RenderSource = { ...source, chart: undefined, path };
  const result = await renderCheckout(inArtifact, oci.dir, context, { ...options, commitSha: oci.digest });
  return { ...result, revision: oci.digest };
}

async function renderCheckout(
  source: RenderSource,
  checkoutDir: string | undefined,
  context: RenderContext,
  options: RenderOptions,
): Promise<RenderResult> {
  const progress = options.onProgress ?? (() => undefined);
  progress({ phase: 'prepare', message: `reading source ${source.path ?? source.chart ?? '.'}` });
  let appDir: string | undefined;
  if (!source.chart) {
    if (!checkoutDir) throw new RenderError('a git source needs its checkout folder');
    appDir = await resolveAppDir(checkoutDir, source.path);
  }
  const plugin = checkoutDir && appDir ? new PluginRender(source, checkoutDir, context, options) : undefined;
  const sourceType = await sourceTypeOf(source, appDir, plugin?.discovers);
  progress({ phase: 'tools', message: `finding the tools for ${sourceType}` });
  const tools =
    sourceType === 'Plugin' && plugin && appDir
      ? { versions: await plugin.versions(appDir) }
      : await toolsFor(sourceType, options, source.kustomize?.version);

  const revisions = pinnedRevisions(source, options);
  const cache = new RenderCache(options.cacheDir, options.cacheLimits);
  const key =
    revisions &&
    renderCacheKey({
      revisions,
      source,
      toolVersions: tools.versions,
      appName: context.appName,
      projectName: context.projectName,
      destinationNamespace: context.destinationNamespace,
      kubeVersion: context.kubeVersion,
      apiVersions: context.apiVersions,
    });
  if (key && !options.hardRefresh) {
    const cached = await cache.get(key);
    if (cached) {
      progress({ phase: 'cache-hit', message: `${cached.objects.length} objects from the render cache` });
      const warnings = cached.warnings ?? [];
      return { ...cached, objects: trackObjects(cached.objects, context), warnings, fromCache: true };
    }
  }

  // A cached render of the same commit passed this check when it was made.
  if (checkoutDir && !source.chart) await checkedOnce(checkoutDir, options.commitSha);
  const tmpDir = join(options.cacheDir, 'tmp');
  await mkdir(tmpDir, { recursive: true });
  progress({ phase: 'render', message: `rendering ${sourceType}` });
  const warnings: string[] = [];
  const job = { source, checkoutDir, context, options, sourceType, appDir, tools, tmpDir, warnings, plugin };
  const raw = await (options.slots ? options.slots.run(() => renderRaw(job)) : renderRaw(job));
  assertObjectCount(raw.length, renderLimitsOf(options), `source ${source.path ?? source.chart ?? '.'}`);
  if (key) await cache.put(key, { objects: raw, sourceType, toolVersions: tools.versions, warnings });
  const objects = trackObjects(raw, context);
  progress({ phase: 'done', message: `${objects.length} objects` });
  return { objects, sourceType, toolVersions: tools.versions, warnings, fromCache: false };
}

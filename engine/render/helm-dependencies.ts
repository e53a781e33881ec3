// Builds the dependencies of a chart in git as Argo CD's repo server does (`helm dependency build`
// with its Chart.lock, the chart's repositories added with their credentials), without touching
// the checkout: a chart whose charts/ folder lacks a dependency (or, with a lock, holds another
// version of it) is rendered from a copy with the built archives in charts/. Built archives are
// cached under <cacheDir>/helm-dependencies/<key> (dependencyCacheKey: the lock's digest or the
// dependency list), so a second render, and one without network, needs no repository.
import { createHash, randomUUID } from 'node:crypto';
import {
  copyFile,
  lstat,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  realpath,
  rename,
  rm,
  stat,
  writeFile,
} from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { archiveEntries } from './chart-archive.ts';
import { RenderError, describeError } from './errors.ts';
import {
  dependencyCacheKey,
  dependencyRepositories,
  readChartDependencies,
  type ChartDependency,
  type ChartDependencies,
  type DependencyRepository,
  type HelmRepositorySettings,
} from './helm-dependencies-list.ts';
import { fetchIndex } from './helm-index.ts';
import { openHelmHome, repositoryAccess } from './helm-repository-home.ts';
import { isInside } from './paths.ts';
import type { RepositoryTls, ToolLimits } from './types.ts';
import { displayUrl, scrub } from '../git/scrub.ts';
import type { SecretStore } from '../secrets/secretStore.ts';
import { ToolArgs } from '../tools/args.ts';
import { runTool } from '../tools/run.ts';
import { parseYamlValue } from '../yaml/index.ts';

export interface DependencyBuild {
  helmPath: string;
  repoRoot: string;
  chartDir: string;
  /** The chart's path in the repository, for messages. */
  chartLabel: string;
  cacheDir: string;
  tmpDir: string;
  secrets?: SecretStore;
  helmRepositories?: readonly HelmRepositorySettings[];
  /** The CA trusted for a host and a repository's `insecure` (RepositorySettings.tlsFor). */
  tlsFor?: (url: string) => Promise<RepositoryTls>;
  /** The source's helm.passCredentials: credentials go to every host a repository sends helm to. */
  passCredentials: boolean;
  /** Build again even when the cache has the dependencies (hard refresh). */
  refresh?: boolean;
  limits?: ToolLimits;
  signal?: AbortSignal;
}

export interface ChartToRender {
  /** The folder helm templates: the chart itself, or a copy with its dependencies built. */
  chartDir: string;
  dispose: () => Promise<void>;
}

/** A dependency archive larger than this once unpacked is refused (helm's own limit is 100 MiB). */
const MAX_ARCHIVE_BYTES = 100 * 1024 * 1024;
/** Files and folders a chart copy may hold. */
const MAX_COPIED_ENTRIES = 20_000;
const MAX_COPY_DEPTH = 64;

interface VendoredChart {
  file: string;
  name: string;
  version: string;
  archive: boolean;
}

function chartIdentity(text: string): { name: string; version: string } | undefined {
  try {
    const value = parseYamlValue(text, { source: 'Chart.yaml' }) as Record<string, unknown> | null;
    if (!value || typeof value.name !== 'string') return undefined;
    return { name: value.name, version: String(value.version ?? '') };
  } catch {
    return undefined;
  }
}

async function archiveIdentity(path: string): Promise<{ name: string; version: string } | undefined> {
  try {
    const info = await stat(path);
    if (info.size > MAX_ARCHIVE_BYTES) return undefined;
    const entries = await archiveEntries(await readFile(path), path, MAX_ARCHIVE_BYTES);
    const chart = entries.find((entry) => /^[^/]+\/Chart\.yaml$/.test(entry.name) && entry.type !== '5');
    return chart ? chartIdentity(chart.content.toString('utf8')) : undefined;
  } catch {
    return undefined;
  }
}

/** The charts in charts/: folders with a Chart.yaml and chart archives, as helm loads them. */
export async function vendoredCharts(chartDir: string): Promise<VendoredChart[]> {
  const folder = join(chartDir, 'charts');
  const names = await readdir(folder).catch(() => [] as string[]);
  const found: VendoredChart[] = [];
  for (const file of names) {
    const path = join(folder, file);
    const info = await stat(path).catch(() => undefined);
    if (info?.isDirectory()) {
      const text = await readFile(join(path, 'Chart.yaml'), 'utf8').catch(() => undefined);
      const identity = text === undefined ? undefined : chartIdentity(text);
      if (identity) found.push({ file, ...identity, archive: false });
    } else if (info?.isFile() && file.endsWith('.tgz')) {
      const identity = await archiveIdentity(path);
      if (identity) found.push({ file, ...identity, archive: true });
    }
  }
  return found;
}

/**
 * Whether helm would miss a dependency (none of charts/ has its name: helm's own check), or the
 * lock pins a version charts/ holds only another archive of (stale vendored dependencies).
 */
export function needsBuild(chart: ChartDependencies, vendored: VendoredChart[]): boolean {
  for (const dependency of chart.dependencies) {
    const present = vendored.filter((entry) => entry.name === dependency.name);
    if (present.length === 0) return true;
    const locked = chart.lock?.dependencies.find((entry) => entry.name === dependency.name);
    if (!locked || !dependency.repository || present.some((entry) => !entry.archive)) continue;
    if (!present.some((entry) => entry.version === locked.version)) return true;
  }
  return false;
}

/** The folder a `file://` dependency names: inside the repository, and neither the chart nor a folder holding it. */
export async function localDependencyDir(
  repoRoot: string,
  chartDir: string,
  dependency: ChartDependency,
  label: string,
): Promise<string> {
  const written = dependency.repository.slice('file://'.length);
  const what = `${label}: dependency ${dependency.name} (${dependency.repository})`;
  const target = resolve(chartDir, written);
  const realRoot = await realpath(repoRoot);
  const realTarget = await realpath(target).catch(() => undefined);
  if (!isInside(repoRoot, target) || (realTarget !== undefined && !isInside(realRoot, realTarget)))
    throw new RenderError(`${what} points outside the repository`);
  if (realTarget === undefined) throw new RenderError(`${what} does not exist`);
  if (isInside(realTarget, await realpath(chartDir)))
    throw new RenderError(`${what} holds the chart itself: a dependency cycle`);
  return realTarget;
}

/** A digest of a folder's files (names and contents), for the cache key of `file://` dependencies. */
async function treeDigest(dir: string): Promise<string> {
  const hash = createHash('sha256');
  let count = 0;
  const walk = async (folder: string, depth: number): Promise<void> => {
    if (depth > MAX_COPY_DEPTH) throw new RenderError(`${folder}: folders nested too deep`);
    for (const entry of (await readdir(folder, { withFileTypes: true })).sort((a, b) =>
      a.name < b.name ? -1 : 1,
    )) {
      if (++count > MAX_COPIED_ENTRIES)
        throw new RenderError(`${folder}: more than ${MAX_COPIED_ENTRIES} files`);
      const path = join(folder, entry.name);
      hash.update(`${relative(dir, path)}\0`);
      if (entry.isDirectory()) await walk(path, depth + 1);
      else hash.update(await readFile(path).catch(() => Buffer.alloc(0)));
    }
  };
  await walk(dir, 0);
  return hash.digest('hex');
}

/**
 * Copies a folder of the repository. A symlinked file is copied as the file (the repository was
 * checked to hold no symlink out); a symlinked folder is refused (it could loop).
 */
async function copyTree(from: string, to: string, label: string): Promise<void> {
  let count = 0;
  const walk = async (source: string, target: string, depth: number): Promise<void> => {
    if (depth > MAX_COPY_DEPTH) throw new RenderError(`${label}: folders nested too deep to copy`);
    await mkdir(target, { recursive: true });
    for (const entry of await readdir(source, { withFileTypes: true })) {
      if (++count > MAX_COPIED_ENTRIES)
        throw new RenderError(`${label}: more than ${MAX_COPIED_ENTRIES} files to copy`);
      const path = join(source, entry.name);
      const info = entry.isSymbolicLink() ? await stat(path).catch(() => undefined) : await lstat(path);
      if (info?.isDirectory()) {
        if (entry.isSymbolicLink())
          throw new RenderError(
            `${label}: ${relative(from, path)} is a symlink to a folder, which a chart copy can not hold`,
          );
        await walk(path, join(target, entry.name), depth + 1);
      } else if (info?.isFile()) {
        await copyFile(path, join(target, entry.name));
      }
    }
  };
  await walk(from, to, 0);
}

/** Refuses a dependency archive that helm would not load safely: climbing names, links, absolute paths. */
async function checkArchive(path: string, label: string): Promise<void> {
  const entries = await archiveEntries(await readFile(path), label, MAX_ARCHIVE_BYTES);
  for (const entry of entries) {
    const name = entry.name.replaceAll('\\', '/');
    if (name.startsWith('/') || name.split('/').includes('..'))
      throw new RenderError(
        `${label}: the archive holds ${JSON.stringify(entry.name.slice(0, 200))}, outside the chart`,
      );
    if (entry.type === '1' || entry.type === '2')
      throw new RenderError(
        `${label}: the archive holds a link (${JSON.stringify(entry.name.slice(0, 200))})`,
      );
  }
}

/** Which dependencies a helm message concerns, named with their repositories (no credentials). */
function concerned(message: string, chart: ChartDependencies): string {
  const remote = chart.dependencies.filter((dependency) => dependency.repository);
  const named = remote.filter((dependency) => message.includes(dependency.name));
  return (named.length > 0 ? named : remote)
    .map((dependency) => `${dependency.name} ${dependency.version} from ${displayUrl(dependency.repository)}`)
    .join(', ');
}

const building = new Map<string, Promise<string>>();

/** The folder of built archives for `key`, building them first if the cache has none. */
async function builtDependencies(build: DependencyBuild, chart: ChartDependencies): Promise<string> {
  const configured = build.helmRepositories ?? [];
  const repositories = dependencyRepositories(chart.dependencies, configured, build.chartLabel);
  const locals = new Map<ChartDependency, string>();
  const localTrees: Record<string, string> = {};
  for (const dependency of chart.dependencies.filter((d) => d.repository.startsWith('file://'))) {
    const dir = await localDependencyDir(build.repoRoot, build.chartDir, dependency, build.chartLabel);
    locals.set(dependency, dir);
    localTrees[dependency.repository] = await treeDigest(dir);
  }
  const key = dependencyCacheKey({
    dependencies: chart.dependencies,
    lockDigest: chart.lock?.digest,
    repositories: repositories.map(({ name, url }) => ({ name, url })),
    localTrees,
  });
  const finalDir = join(build.cacheDir, 'helm-dependencies', key);
  if (!build.refresh && (await stat(join(finalDir, 'complete')).catch(() => undefined))) return finalDir;
  let pending = building.get(finalDir);
  if (!pending) {
    pending = buildInto(build, chart, repositories, locals, finalDir).finally(() =>
      building.delete(finalDir),
    );
    building.set(finalDir, pending);
  }
  return pending;
}

async function buildInto(
  build: DependencyBuild,
  chart: ChartDependencies,
  repositories: DependencyRepository[],
  locals: Map<ChartDependency, string>,
  finalDir: string,
): Promise<string> {
  const label = `build dependencies of helm chart ${build.chartLabel}`;
  const accesses = await Promise.all(
    repositories.map((repository) =>
      repositoryAccess(repository, {
        secrets: build.secrets,
        settings: repository.settings,
        tlsFor: build.tlsFor,
        passCredentials: build.passCredentials,
      }),
    ),
  );
  const home = await openHelmHome(build.tmpDir, accesses);
  const work = await mkdtemp(join(build.tmpDir, 'helm-deps-'));
  const staging = `${finalDir}.partial-${randomUUID()}`;
  try {
    // helm reads each index from its cache (--skip-refresh): fetched here, bounded, with clear errors
    for (const [index, access] of accesses.entries()) {
      if (access.oci) continue;
      const repository = repositories[index] as DependencyRepository;
      try {
        const body = await fetchIndex({
          repository: access,
          timeoutMs: build.limits?.timeoutMs ?? 60_000,
          signal: build.signal,
        });
        await writeFile(home.indexFile(access.name), body);
      } catch (error) {
        throw new RenderError(
          `${label}: dependency ${repository.dependencyNames.join(', ')}: ${describeError(error)}`,
          { tool: 'helm', cause: error },
        );
      }
    }
    // the chart's own files helm reads, where the repository has them, and its file:// dependencies beside it
    const realRoot = await realpath(build.repoRoot);
    const chartCopy = join(work, relative(realRoot, await realpath(build.chartDir)));
    await mkdir(chartCopy, { recursive: true });
    for (const name of ['Chart.yaml', 'Chart.lock', 'requirements.yaml', 'requirements.lock']) {
      await copyFile(join(build.chartDir, name), join(chartCopy, name)).catch(
        (error: NodeJS.ErrnoException) => {
          if (error.code !== 'ENOENT') throw error;
        },
      );
    }
    for (const dependency of chart.dependencies.filter((d) => d.repository === '')) {
      const vendored = join(build.chartDir, 'charts', dependency.name);
      if (
        await stat(vendored).then(
          (info) => info.isDirectory(),
          () => false,
        )
      )
        await copyTree(vendored, join(chartCopy, 'charts', dependency.name), build.chartLabel);
    }
    for (const dir of locals.values()) {
      const inWork = join(work, relative(realRoot, dir));
      if (!inWork.startsWith(`${work}${sep}`)) continue;
      await copyTree(dir, inWork, build.chartLabel);
    }
    let output: string;
    try {
      ({ stdout: output } = await runTool(
        build.helmPath,
        new ToolArgs('dependency', 'build').flag('--skip-refresh').operand('.', 'chart'),
        {
          cwd: chartCopy,
          env: home.env,
          ...build.limits,
          signal: build.signal,
        },
      ));
    } catch (error) {
      const message = describeError(error);
      throw new RenderError(`${label}: ${concerned(message, chart)}: ${message}`, {
        tool: 'helm',
        cause: error,
      });
    }
    await mkdir(staging, { recursive: true });
    const built = (await readdir(join(chartCopy, 'charts')).catch(() => [] as string[])).filter((name) =>
      name.endsWith('.tgz'),
    );
    // helm skips an archive it can not load (and says so only on stdout): that is a failed build
    const lacking = chart.dependencies.filter(
      (dependency) => dependency.repository && !built.some((name) => name.startsWith(`${dependency.name}-`)),
    );
    if (lacking.length > 0) {
      const lines = output.split('\n').filter((line) => /could not|error|skipping/i.test(line));
      const said = scrub(lines.join(' ').slice(0, 2000));
      const named = lacking.map((d) => `${d.name} ${d.version} from ${displayUrl(d.repository)}`).join(', ');
      throw new RenderError(`${label}: ${named}: helm built no archive of it${said ? `: ${said}` : ''}`, {
        tool: 'helm',
      });
    }
    for (const name of built) {
      const path = join(chartCopy, 'charts', name);
      if (!(await lstat(path)).isFile()) continue;
      await checkArchive(path, `${label}: ${name}`);
      await copyFile(path, join(staging, name));
    }
    await mkdir(join(staging, 'complete'));
    await rm(finalDir, { recursive: true, force: true });
    await mkdir(dirname(finalDir), { recursive: true });
    await rename(staging, finalDir);
    return finalDir;
  } finally {
    await home.dispose();
    await rm(work, { recursive: true, force: true });
    await rm(staging, { recursive: true, force: true });
  }
}

/**
 * The chart as helm should template it: the chart itself when its dependencies are all in
 * charts/ (or it has none), else a copy whose charts/ holds the built archives, archives of
 * other versions taken out (as `helm dependency build` does).
 */
export async function chartWithDependencies(build: DependencyBuild): Promise<ChartToRender> {
  const chart = await readChartDependencies(build.chartDir, build.chartLabel);
  const unchanged = { chartDir: build.chartDir, dispose: async () => {} };
  if (chart.dependencies.length === 0) return unchanged;
  const vendored = await vendoredCharts(build.chartDir);
  if (!needsBuild(chart, vendored)) return unchanged;
  const builtDir = await builtDependencies(build, chart);
  const built = (await readdir(builtDir)).filter((name) => name.endsWith('.tgz'));
  const copyRoot = await mkdtemp(join(build.tmpDir, 'helm-chart-'));
  try {
    const chartDir = join(copyRoot, 'chart');
    await copyTree(build.chartDir, chartDir, build.chartLabel);
    const localNames = new Set(chart.dependencies.filter((d) => d.repository === '').map((d) => d.name));
    for (const entry of vendored) {
      if (entry.archive && !built.includes(entry.file) && !localNames.has(entry.name))
        await rm(join(chartDir, 'charts', entry.file), { force: true });
    }
    await mkdir(join(chartDir, 'charts'), { recursive: true });
    for (const name of built) await copyFile(join(builtDir, name), join(chartDir, 'charts', name));
    return { chartDir, dispose: () => rm(copyRoot, { recursive: true, force: true }) };
  } catch (error) {
    await rm(copyRoot, { recursive: true, force: true });
    throw error;
  }
}

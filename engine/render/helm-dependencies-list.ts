// What a chart in git says about its dependencies, read as Argo CD's repo server and helm read it:
// the `dependencies` of Chart.yaml (requirements.yaml for an apiVersion v1 chart), the lock
// (Chart.lock / requirements.lock), which Helm repositories `helm dependency build` needs added
// (https and oci URLs, and `@name` / `alias:name` naming a repository the user configured), and
// the key the built dependencies are cached under. Every field is checked before helm sees it.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { stableJson } from './cache.ts';
import { RenderError } from './errors.ts';
import { displayUrl } from '../git/scrub.ts';
import { parseYamlValue, readYamlFile } from '../yaml/index.ts';
import { credentialUrlKey } from '../secrets/repoCredentials.ts';

export interface ChartDependency {
  name: string;
  version: string;
  /** As written: a URL, `@name`, `alias:name`, `file://path`, or empty (vendored in charts/). */
  repository: string;
}

export interface ChartDependencies {
  dependencies: ChartDependency[];
  /** The lock's digest and pinned dependencies; undefined without a lock file. */
  lock?: { digest: string; dependencies: ChartDependency[] };
}

/** A Helm repository the user configured (Argo CD's repository of type helm); nothing in it is secret. */
export interface HelmRepositorySettings {
  /** Its name, which `@name` and `alias:name` dependency references use. */
  name?: string;
  url: string;
  /** PEM certificates of the CAs that sign the server's certificate, trusted instead of the system's. */
  tlsCaData?: string;
  /** No certificate check. */
  insecure?: boolean;
}

/** One repository helm is told about, with the dependencies that come from it. */
export interface DependencyRepository {
  /** The name in helm's repositories.yaml: the configured name, or the URL with `/` as `-` (Argo CD). */
  name: string;
  url: string;
  oci: boolean;
  settings?: HelmRepositorySettings;
  dependencyNames: string[];
}

const MAX_DEPENDENCIES = 200;
const MAX_FIELD = 1024;
// helm's own rule for chart names; it also keeps a name from being a path or an option
const CHART_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

function text(value: unknown, what: string, label: string): string {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string' && typeof value !== 'number')
    throw new RenderError(`${label}: ${what} must be a string`);
  const result = String(value);
  if (result.length > MAX_FIELD)
    throw new RenderError(`${label}: ${what} is longer than ${MAX_FIELD} characters`);
  if (/[\0\r\n]/.test(result)) throw new RenderError(`${label}: ${what} contains a NUL or a line break`);
  return result;
}

function dependencyList(value: unknown, label: string): ChartDependency[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new RenderError(`${label}: dependencies must be a list`);
  if (value.length > MAX_DEPENDENCIES)
    throw new RenderError(`${label}: ${value.length} dependencies, over the limit of ${MAX_DEPENDENCIES}`);
  return value.map((item: unknown, index) => {
    if (!item || typeof item !== 'object')
      throw new RenderError(`${label}: dependency ${index + 1} is not a mapping`);
    const fields = item as Record<string, unknown>;
    const name = text(fields.name, `dependency ${index + 1} name`, label);
    if (!CHART_NAME.test(name))
      throw new RenderError(`${label}: dependency name ${JSON.stringify(name)} is not a chart name`);
    const version = text(fields.version, `dependency ${name} version`, label);
    // a version or a constraint (`>=1.0 <2.0`, `1.2.*`); never a path or an option
    if (version.startsWith('-') || /[/\\]|\.\./.test(version))
      throw new RenderError(
        `${label}: dependency ${name} version ${JSON.stringify(version)} is not a version`,
      );
    const repository = text(fields.repository, `dependency ${name} repository`, label).trim();
    if (repository.startsWith('-'))
      throw new RenderError(
        `${label}: dependency ${name} repository ${JSON.stringify(repository)} is not a repository`,
      );
    return { name, version, repository };
  });
}

async function readOptionalYaml(path: string, label: string): Promise<Record<string, unknown> | undefined> {
  let content: string;
  try {
    content = await readYamlFile(path, { what: 'chart file', name: label });
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw new RenderError(String((error as Error).message), { file: label, cause: error });
  }
  const value = parseYamlValue(content, { source: label });
  if (value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw new RenderError(`${label}: not a mapping`);
  return value as Record<string, unknown>;
}

/** The dependencies and lock of the chart in `chartDir`; `label` is its path in the repository. */
export async function readChartDependencies(chartDir: string, label: string): Promise<ChartDependencies> {
  const chart = (await readOptionalYaml(join(chartDir, 'Chart.yaml'), `${label}/Chart.yaml`)) ?? {};
  const v1 = chart.apiVersion === 'v1';
  const requirements = v1
    ? await readOptionalYaml(join(chartDir, 'requirements.yaml'), `${label}/requirements.yaml`)
    : undefined;
  const dependencies = dependencyList(
    (requirements ?? chart).dependencies,
    `${label}/${requirements ? 'requirements.yaml' : 'Chart.yaml'}`,
  );
  const lockName = v1 ? 'requirements.lock' : 'Chart.lock';
  const lockFile = await readOptionalYaml(join(chartDir, lockName), `${label}/${lockName}`);
  if (!lockFile) return { dependencies };
  return {
    dependencies,
    lock: {
      digest: text(lockFile.digest, 'digest', `${label}/${lockName}`),
      dependencies: dependencyList(lockFile.dependencies, `${label}/${lockName}`),
    },
  };
}

/** `@name` / `alias:name`: the configured repository's name; undefined for anything else. */
export function repositoryAlias(repository: string): string | undefined {
  if (repository.startsWith('@')) return repository.slice(1);
  if (repository.startsWith('alias:')) return repository.slice('alias:'.length);
  return undefined;
}

/** Whether two repository URLs name the same repository (case, trailing `/` and credentials aside). */
export function sameUrl(a: string, b: string): boolean {
  return credentialUrlKey(a) === credentialUrlKey(b);
}

/**
 * The repositories helm must know for the dependencies, as Argo CD's getHelmDependencyRepos
 * lists them: https and oci URLs (named after the URL), and aliases, which must name a
 * configured repository. Local (`file://`, empty) and other repositories are left to helm.
 */
export function dependencyRepositories(
  dependencies: ChartDependency[],
  configured: readonly HelmRepositorySettings[],
  label: string,
): DependencyRepository[] {
  const byUrl = new Map<string, DependencyRepository>();
  for (const dependency of dependencies) {
    const alias = repositoryAlias(dependency.repository);
    let entry: Omit<DependencyRepository, 'dependencyNames'> | undefined;
    if (alias !== undefined) {
      const settings = configured.find((repository) => repository.name === alias);
      if (!settings)
        throw new RenderError(
          `${label}: dependency ${dependency.name} names the Helm repository ${JSON.stringify(alias)} (${dependency.repository}), which is not configured`,
        );
      entry = { name: alias, url: settings.url, oci: /^oci:\/\//i.test(settings.url), settings };
    } else if (/^(https|oci):\/\//i.test(dependency.repository)) {
      const url = dependency.repository;
      const settings = configured.find((repository) => sameUrl(repository.url, url));
      // Argo CD's sanitizeRepoName, of the URL as shown (no credentials in a file name)
      entry = { name: displayUrl(url).replaceAll('/', '-'), url, oci: /^oci:/i.test(url), settings };
    }
    if (!entry) continue;
    const key = credentialUrlKey(entry.url);
    const known = byUrl.get(key);
    if (known) known.dependencyNames.push(dependency.name);
    else byUrl.set(key, { ...entry, dependencyNames: [dependency.name] });
  }
  return [...byUrl.values()];
}

/**
 * The key built dependencies are cached under: the lock's digest (or, without a lock, the
 * dependency list), the Chart.yaml dependencies (a lock out of step with them is helm's error,
 * not a cache hit), the URLs aliases stand for, and the content of `file://` dependencies.
 */
export function dependencyCacheKey(parts: {
  dependencies: ChartDependency[];
  lockDigest?: string;
  repositories: Array<{ name: string; url: string }>;
  localTrees: Record<string, string>;
}): string {
  const identity = {
    format: 1,
    lock: parts.lockDigest ?? null,
    dependencies: parts.dependencies,
    repositories: parts.repositories.map(({ name, url }) => ({ name, url: credentialUrlKey(url) })),
    local: parts.localTrees,
  };
  return createHash('sha256').update(stableJson(identity)).digest('hex');
}

// Charts from Helm repositories (`chart` + an http(s) `repoURL`): pulled once per (repository,
// chart, exact version) with `helm pull --untar` into <cacheDir>/charts/, and reused after that,
// since a published chart version does not change. A version range resolves against the
// repository's index (Argo CD's MaxVersion) and the version it names is cached the same way.
// Credentials (from the URL, else the keychain) reach helm through a private helm home
// (helm-repository-home.ts), never its command line.
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { RenderError, describeError } from './errors.ts';
import { argumentProblem, ToolArgs } from '../tools/args.ts';
import { runTool } from '../tools/run.ts';
import type { RepositoryTls, ToolLimits } from './types.ts';
import { displayUrl, rememberUrlCredentials } from '../git/scrub.ts';
import type { SecretStore } from '../secrets/secretStore.ts';
import { sameUrl, type HelmRepositorySettings } from './helm-dependencies-list.ts';
import { fetchIndex, resolveChartVersion } from './helm-index.ts';
import { openHelmHome, repositoryAccess } from './helm-repository-home.ts';

export interface PulledChart {
  chartDir: string;
  /** Removes a throw-away pull (of a version range); a no-op for a cached exact version. */
  dispose: () => Promise<void>;
}

const keep = async (): Promise<void> => {};

export interface ChartPull {
  helmPath: string;
  helmEnv: Record<string, string>;
  cacheDir: string;
  repoURL: string;
  chart: string;
  version: string;
  passCredentials: boolean;
  refresh: boolean;
  /** Where the private helm home of the pull is made. */
  tmpDir: string;
  secrets?: SecretStore;
  helmRepositories?: readonly HelmRepositorySettings[];
  /** The CA trusted for a host and a repository's `insecure` (RepositorySettings.tlsFor). */
  tlsFor?: (url: string) => Promise<RepositoryTls>;
  limits?: ToolLimits;
  signal?: AbortSignal;
}

const EXACT_VERSION = /^v?\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.+-]*)?$/;

export function isExactChartVersion(version: string): boolean {
  return EXACT_VERSION.test(version);
}

function checkChartName(chart: string): void {
  // The name becomes a folder name and a helm argument: no paths, no options.
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(chart)) throw new RenderError(`invalid chart name ${chart}`);
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

export async function pullChart(pull: ChartPull): Promise<PulledChart> {
  checkChartName(pull.chart);
  // the version becomes a helm argument: refused before any request, whatever the index holds
  const versionProblem = argumentProblem(pull.version, 'chart version');
  if (versionProblem) throw new RenderError(versionProblem);
  // helm gets the URL as written (it sends its userinfo as basic auth); messages never show it
  rememberUrlCredentials(pull.repoURL);
  const shownUrl = displayUrl(pull.repoURL);
  if (!/^https?:\/\//i.test(pull.repoURL)) {
    throw new RenderError(
      `helm repository ${shownUrl}: only http(s) Helm repositories and OCI registries (oci://) are supported`,
    );
  }
  const repoKey = createHash('sha256').update(pull.repoURL).digest('hex').slice(0, 16);
  const versionDir = (version: string) => join(pull.cacheDir, 'charts', repoKey, pull.chart, version);
  const cached = async (version: string) =>
    !pull.refresh && (await exists(join(versionDir(version), pull.chart, 'Chart.yaml')));
  let version = pull.version;
  if (isExactChartVersion(version) && (await cached(version))) {
    return { chartDir: join(versionDir(version), pull.chart), dispose: keep };
  }
  const failure = (error: unknown) =>
    new RenderError(
      `pull helm chart ${pull.chart} ${pull.version} from ${shownUrl}: ${describeError(error)}`,
      {
        tool: 'helm',
        cause: error,
      },
    );
  const access = await repositoryAccess(
    { name: 'chart-repository', url: pull.repoURL, oci: false },
    {
      secrets: pull.secrets,
      settings: pull.helmRepositories?.find((repository) => sameUrl(repository.url, pull.repoURL)),
      tlsFor: pull.tlsFor,
      passCredentials: pull.passCredentials,
    },
  );
  const home = await openHelmHome(pull.tmpDir, [access]);
  try {
    let index: Buffer;
    try {
      index = await fetchIndex({
        repository: access,
        timeoutMs: pull.limits?.timeoutMs ?? 60_000,
        signal: pull.signal,
      });
    } catch (error) {
      throw failure(error);
    }
    await writeFile(home.indexFile(access.name), index);
    if (version && !isExactChartVersion(version)) {
      version = resolveChartVersion(
        index,
        pull.chart,
        version,
        `pull helm chart ${pull.chart} from ${shownUrl}`,
      );
      if (await cached(version)) return { chartDir: join(versionDir(version), pull.chart), dispose: keep };
    }
    const exact = isExactChartVersion(version);
    const finalDir = versionDir(exact ? version : `pull-${randomUUID()}`);
    const staging = `${finalDir}.partial-${randomUUID()}`;
    await mkdir(staging, { recursive: true });
    try {
      const args = new ToolArgs('pull').flag('--untar').option('--untardir', staging, 'chart folder');
      if (version) args.option('--version', version, 'chart version');
      args.operand(`${access.name}/${pull.chart}`, 'chart name');
      await runTool(pull.helmPath, args, { env: home.env, ...pull.limits, signal: pull.signal });
      await rm(finalDir, { recursive: true, force: true });
      await rename(staging, finalDir);
    } catch (error) {
      throw failure(error);
    } finally {
      await rm(staging, { recursive: true, force: true });
    }
    const dispose = exact ? keep : () => rm(finalDir, { recursive: true, force: true });
    return { chartDir: join(finalDir, pull.chart), dispose };
  } finally {
    await home.dispose();
  }
}

// Charts from Helm repositories (`chart` + an http(s) `repoURL`): pulled once per (repository,
// chart, exact version) with `helm pull --untar` into <cacheDir>/charts/, and reused after that,
// since a published chart version does not change. A version range is pulled afresh each time.
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { RenderError, describeError } from './errors.ts';
import { ToolArgs } from '../tools/args.ts';
import { runTool } from '../tools/run.ts';
import type { ToolLimits } from './types.ts';
import { displayUrl, rememberUrlCredentials } from '../git/scrub.ts';

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
  // helm gets the URL as written (it sends its userinfo as basic auth); messages never show it
  rememberUrlCredentials(pull.repoURL);
  const shownUrl = displayUrl(pull.repoURL);
  if (!/^https?:\/\//i.test(pull.repoURL)) {
    throw new RenderError(
      `helm repository ${shownUrl}: only http(s) Helm repositories and OCI registries (oci://) are supported`,
    );
  }
  const exact = isExactChartVersion(pull.version);
  const repoKey = createHash('sha256').update(pull.repoURL).digest('hex').slice(0, 16);
  const finalDir = join(
    pull.cacheDir,
    'charts',
    repoKey,
    pull.chart,
    exact ? pull.version : `pull-${randomUUID()}`,
  );
  if (exact && !pull.refresh && (await exists(join(finalDir, pull.chart, 'Chart.yaml')))) {
    return { chartDir: join(finalDir, pull.chart), dispose: keep };
  }
  const staging = `${finalDir}.partial-${randomUUID()}`;
  await mkdir(staging, { recursive: true });
  try {
    const args = new ToolArgs('pull')
      .option('--repo', pull.repoURL, 'helm repository URL')
      .flag('--untar')
      .option('--untardir', staging, 'chart folder');
    if (pull.version) args.option('--version', pull.version, 'chart version');
    if (pull.passCredentials) args.flag('--pass-credentials');
    args.operand(pull.chart, 'chart name');
    await runTool(pull.helmPath, args, { env: pull.helmEnv, ...pull.limits, signal: pull.signal });
    await rm(finalDir, { recursive: true, force: true });
    await rename(staging, finalDir);
  } catch (error) {
    throw new RenderError(
      `pull helm chart ${pull.chart} ${pull.version} from ${shownUrl}: ${describeError(error)}`,
      {
        tool: 'helm',
        cause: error,
      },
    );
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  const dispose = exact ? keep : () => rm(finalDir, { recursive: true, force: true });
  return { chartDir: join(finalDir, pull.chart), dispose };
}

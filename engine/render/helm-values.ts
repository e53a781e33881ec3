// Resolves the files a helm source names: value files and --set-file paths, relative to the chart
// folder or, with `$ref/...`, to the checkout of another source of the same application, after
// Argo CD's build variables are substituted in them. Every one must stay inside its repository;
// http(s) URLs are handed to helm as they are.
import { argoEnvsubst } from './envsubst.ts';
import { RenderError } from './errors.ts';
import { resolveRepoFile } from './paths.ts';

export interface ValueFileRoots {
  /** The repository (or pulled chart) holding the chart. */
  repoRoot: string;
  /** The chart's folder, which relative names start from. */
  chartDir: string;
  /** Other sources' checkouts by ref name (with or without the leading `$`). */
  refSources: Record<string, string>;
}

const REMOTE = /^https?:\/\//i;
const URL_SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

function refCheckout(name: string, refSources: Record<string, string>): string | undefined {
  if (!name.startsWith('$')) return undefined;
  const ref = name.slice(1).split('/')[0] ?? '';
  return refSources[`$${ref}`] ?? refSources[ref];
}

/** Absolute path (or URL) for helm, or undefined for a missing file that may be skipped. */
export async function resolveHelmFile(
  written: string,
  roots: ValueFileRoots,
  what: string,
  ignoreMissing: boolean,
  buildEnv: Record<string, string> = {},
): Promise<string | undefined> {
  const refRoot = refCheckout(written, roots.refSources);
  // Argo CD substitutes its build variables (`${ARGOCD_APP_NAME}`) in the name, after a `$ref/`
  const name =
    refRoot === undefined
      ? argoEnvsubst(written, buildEnv)
      : `${written.slice(0, written.indexOf('/') + 1)}${argoEnvsubst(written.slice(written.indexOf('/') + 1), buildEnv)}`;
  if (REMOTE.test(name)) return name;
  if (URL_SCHEME.test(name))
    throw new RenderError(`${what} ${name}: only http and https URLs are allowed`, { file: name });
  // `$values/env/prod.yaml` is relative to the root of the source whose ref is `values`.
  const file =
    refRoot === undefined
      ? await resolveRepoFile(roots.repoRoot, roots.chartDir, name, what)
      : await resolveRepoFile(refRoot, refRoot, name.slice(name.indexOf('/') + 1), what);
  if (file.exists) return file.path;
  if (ignoreMissing) return undefined;
  throw new RenderError(`${what} ${name} does not exist`, { file: name });
}

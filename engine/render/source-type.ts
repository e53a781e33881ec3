// Chooses how a source is rendered, as Argo CD does: a `chart` is Helm; otherwise an explicit
// helm/kustomize/directory block decides, but only one that sets something (Argo CD drops empty
// blocks when it normalises the spec, and two set blocks are an error); otherwise the files in
// the application folder decide: a configured plugin whose discovery claims the folder comes first
// (as in Argo CD), then a kustomization beats a Chart.yaml, and neither means Directory. A `plugin`
// block, even an empty one, makes the source a plugin's (Argo CD does not normalise it away).
import { readdir } from 'node:fs/promises';
import { RenderError } from './errors.ts';
import type {
  DirectorySourceOptions,
  HelmSourceOptions,
  KustomizeSourceOptions,
  RenderSource,
  SourceType,
} from './types.ts';

export const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

function hasEntries(value: object | unknown[] | undefined): boolean {
  return value !== undefined && Object.keys(value).length > 0;
}

export function helmBlockIsSet(helm: HelmSourceOptions | undefined): boolean {
  if (!helm) return false;
  return Boolean(
    helm.version ||
    helm.releaseName ||
    hasEntries(helm.valueFiles) ||
    hasEntries(helm.parameters) ||
    hasEntries(helm.fileParameters) ||
    helm.values ||
    hasEntries(helm.valuesObject) ||
    helm.passCredentials ||
    helm.ignoreMissingValueFiles ||
    helm.skipCrds ||
    helm.skipTests ||
    helm.skipSchemaValidation ||
    helm.kubeVersion ||
    hasEntries(helm.apiVersions) ||
    helm.namespace,
  );
}

export function kustomizeBlockIsSet(kustomize: KustomizeSourceOptions | undefined): boolean {
  if (!kustomize) return false;
  return Boolean(
    kustomize.namePrefix ||
    kustomize.nameSuffix ||
    kustomize.version ||
    kustomize.namespace ||
    hasEntries(kustomize.images) ||
    hasEntries(kustomize.replicas) ||
    hasEntries(kustomize.commonLabels) ||
    hasEntries(kustomize.commonAnnotations) ||
    hasEntries(kustomize.patches) ||
    hasEntries(kustomize.components) ||
    kustomize.kubeVersion ||
    hasEntries(kustomize.apiVersions) ||
    kustomize.ignoreMissingComponents,
  );
}

/** A directory block counts with recurse, jsonnet options, or an include/exclude pattern. */
export function directoryBlockIsSet(directory: DirectorySourceOptions | undefined): boolean {
  if (!directory) return false;
  const jsonnet = directory.jsonnet;
  return Boolean(
    directory.recurse ||
    directory.include ||
    directory.exclude ||
    hasEntries(jsonnet?.extVars) ||
    hasEntries(jsonnet?.tlas) ||
    hasEntries(jsonnet?.libs),
  );
}

export function explicitSourceType(source: RenderSource): SourceType | undefined {
  const types: SourceType[] = [];
  if (kustomizeBlockIsSet(source.kustomize)) types.push('Kustomize');
  if (helmBlockIsSet(source.helm)) types.push('Helm');
  if (directoryBlockIsSet(source.directory)) types.push('Directory');
  if (source.plugin !== undefined && source.plugin !== null) types.push('Plugin');
  if (types.length > 1) throw new RenderError(`multiple application sources defined: ${types.join(',')}`);
  return types[0];
}

/** Type from the files directly in the application folder. */
export async function discoveredSourceType(appDir: string): Promise<SourceType> {
  const names = await readdir(appDir);
  if (names.some((name) => KUSTOMIZATION_FILES.includes(name))) return 'Kustomize';
  // Argo CD's discovery tests the suffix, so `Chart.yaml` is found however it is prefixed.
  if (names.some((name) => name.endsWith('Chart.yaml'))) return 'Helm';
  return 'Directory';
}

/** `pluginClaims`: whether a configured plugin's discovery takes the folder (engine/render/plugin). */
export async function sourceTypeOf(
  source: RenderSource,
  appDir: string | undefined,
  pluginClaims?: (appDir: string) => Promise<boolean>,
): Promise<SourceType> {
  if (source.chart) return 'Helm';
  const explicit = explicitSourceType(source);
  if (explicit) return explicit;
  if (appDir === undefined) throw new RenderError('a source needs a path or a chart');
  if (pluginClaims && (await pluginClaims(appDir))) return 'Plugin';
  return discoveredSourceType(appDir);
}

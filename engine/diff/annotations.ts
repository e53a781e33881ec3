// The Argo CD annotations in users' manifests that decide whether an object's sync status
// counts for its application: sync hooks, `hook: Skip`, and `compare-options: IgnoreExtraneous`;
// and, on the Application itself, the compare options that choose its diff.
import { annotationOf } from './identity.ts';
import type { KubeObject } from './types.ts';

export const HOOK_ANNOTATION = 'argocd.argoproj.io/hook';
export const HELM_HOOK_ANNOTATION = 'helm.sh/hook';
export const COMPARE_OPTIONS_ANNOTATION = 'argocd.argoproj.io/compare-options';

function options(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** `argocd.argoproj.io/hook: Skip`: the object is neither applied nor judged. */
export function isSkipped(obj: KubeObject): boolean {
  return options(annotationOf(obj, HOOK_ANNOTATION)).includes('Skip');
}

/**
 * gitops-engine's rule: Argo CD's own hook annotation (unless it says Skip) makes a hook,
 * and so does Helm's, except `crd-install`, which Helm also puts on CRDs that are not hooks.
 */
export function isHook(obj: KubeObject): boolean {
  if (annotationOf(obj, HOOK_ANNOTATION) !== undefined) return !isSkipped(obj);
  const helm = annotationOf(obj, HELM_HOOK_ANNOTATION);
  return helm !== undefined && helm !== 'crd-install';
}

/** Argo CD's HasAnnotationOption: a comma-separated list, items trimmed. */
export function hasCompareOption(obj: KubeObject, option: string): boolean {
  return options(annotationOf(obj, COMPARE_OPTIONS_ANNOTATION)).includes(option);
}

/** How an Application's `compare-options` annotation sets its diff, as Argo CD reads it. */
export interface AppDiffOptions {
  /** `ServerSideDiff=true` / `=false`; absent: Plumbline's default (a dry run when the cluster answers). */
  serverSideDiff?: boolean;
  /** `IncludeMutationWebhook=true`: with `ServerSideDiff=true`, what webhooks add is judged too. */
  includeMutationWebhook: boolean;
}

/** Argo CD's reading: `ServerSideDiff=false` wins over `=true`; any other item is ignored. */
export function appDiffOptions(app: KubeObject): AppDiffOptions {
  const serverSideDiff = hasCompareOption(app, 'ServerSideDiff=false')
    ? false
    : hasCompareOption(app, 'ServerSideDiff=true')
      ? true
      : undefined;
  return {
    ...(serverSideDiff !== undefined ? { serverSideDiff } : {}),
    includeMutationWebhook: hasCompareOption(app, 'IncludeMutationWebhook=true'),
  };
}

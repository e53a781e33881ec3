// Which objects are sync hooks, as Argo CD's gitops-engine decides it: hooks are judged by
// the sync operation, not counted in an application's health.
import { annotation } from './object.ts';
import type { KubeObject } from './types.ts';

export const HOOK_ANNOTATION = 'argocd.argoproj.io/hook';
export const HELM_HOOK_ANNOTATION = 'helm.sh/hook';
export const HOOK_FINALIZER = 'argocd.argoproj.io/hook-finalizer';

const HOOK_TYPES = new Set(['PreSync', 'Sync', 'PostSync', 'SyncFail', 'PostDelete', 'Skip']);
/** Helm hooks Argo CD runs (as PreSync/PostSync); others (test, rollback, crd-install) it ignores. */
const HELM_HOOK_TYPES = new Set(['pre-install', 'pre-upgrade', 'post-install', 'post-upgrade']);

function csv(value: string | undefined): string[] {
  if (value === undefined) return [];
  return [...new Set(value.split(',').map((item) => item.trim()))].filter((item) => item !== '');
}

/** The hook types of an object: Argo CD's own annotation, else the Helm one. */
export function hookTypes(obj: KubeObject): string[] {
  const argo = csv(annotation(obj, HOOK_ANNOTATION)).filter((t) => HOOK_TYPES.has(t));
  if (argo.length > 0) return argo;
  return csv(annotation(obj, HELM_HOOK_ANNOTATION)).filter((t) => HELM_HOOK_TYPES.has(t));
}

/** `argocd.argoproj.io/hook: Skip` alone: the object is neither applied nor a hook. */
export function isSkipped(obj: KubeObject): boolean {
  const types = hookTypes(obj);
  return types.length === 1 && types[0] === 'Skip';
}

/**
 * Any Argo CD hook annotation (except a lone Skip) makes a hook; so does a Helm hook
 * annotation other than `crd-install`, which Helm uses for CRDs that are not hooks.
 */
export function isHook(obj: KubeObject): boolean {
  if (annotation(obj, HOOK_ANNOTATION) !== undefined) return !isSkipped(obj);
  const helm = annotation(obj, HELM_HOOK_ANNOTATION);
  return helm !== undefined && helm !== 'crd-install';
}

export function hasHookFinalizer(obj: KubeObject): boolean {
  const finalizers = obj.metadata?.finalizers;
  return Array.isArray(finalizers) && finalizers.includes(HOOK_FINALIZER);
}

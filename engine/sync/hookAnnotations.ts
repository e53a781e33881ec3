// Which sync phases a hook runs in, its wave and its delete policies, from Argo CD's
// annotations or Helm's (pre-install/pre-upgrade → PreSync, post-install/post-upgrade →
// PostSync, hook-weight → wave).
import type { KubeObject } from '../diff/index.ts';
import { HELM_HOOK_ANNOTATION, HOOK_ANNOTATION, hookTypes } from '../health/index.ts';
import { annotation } from './objectMeta.ts';
import type { SyncPhase } from './types.ts';

export const SYNC_WAVE_ANNOTATION = 'argocd.argoproj.io/sync-wave';
export const HOOK_DELETE_POLICY_ANNOTATION = 'argocd.argoproj.io/hook-delete-policy';
const HELM_WEIGHT_ANNOTATION = 'helm.sh/hook-weight';
const HELM_DELETE_POLICY_ANNOTATION = 'helm.sh/hook-delete-policy';

export type HookDeletePolicy = 'HookSucceeded' | 'HookFailed' | 'BeforeHookCreation';

const HELM_PHASES: Record<string, SyncPhase> = {
  'pre-install': 'PreSync',
  'pre-upgrade': 'PreSync',
  'post-install': 'PostSync',
  'post-upgrade': 'PostSync',
};
const HELM_DELETE_POLICIES: Record<string, HookDeletePolicy> = {
  'hook-succeeded': 'HookSucceeded',
  'hook-failed': 'HookFailed',
  'before-hook-creation': 'BeforeHookCreation',
};
const SYNC_PHASE_HOOKS = new Set<string>(['PreSync', 'Sync', 'PostSync', 'SyncFail']);

function csv(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** The phases a hook runs in (one task per phase); PostDelete and Skip are not sync phases. */
export function hookPhases(obj: KubeObject): SyncPhase[] {
  const phases = hookTypes(obj).map((type) => HELM_PHASES[type] ?? type);
  return [...new Set(phases)].filter((phase): phase is SyncPhase => SYNC_PHASE_HOOKS.has(phase));
}

/** `sync-wave`, else (for Helm hooks) `hook-weight`, else 0; an unparsable value is 0. */
export function waveOf(obj: KubeObject): number {
  const helm = annotation(obj, HOOK_ANNOTATION) === undefined && annotation(obj, HELM_HOOK_ANNOTATION);
  const text =
    annotation(obj, SYNC_WAVE_ANNOTATION) ?? (helm ? annotation(obj, HELM_WEIGHT_ANNOTATION) : undefined);
  const wave = Number.parseInt(text ?? '0', 10);
  return Number.isFinite(wave) ? wave : 0;
}

/** BeforeHookCreation when none is given, as Argo CD does. */
export function hookDeletePolicies(obj: KubeObject): HookDeletePolicy[] {
  const argo = csv(annotation(obj, HOOK_DELETE_POLICY_ANNOTATION)).filter(
    (p): p is HookDeletePolicy => p === 'HookSucceeded' || p === 'HookFailed' || p === 'BeforeHookCreation',
  );
  const helm = csv(annotation(obj, HELM_DELETE_POLICY_ANNOTATION)).flatMap(
    (p) => HELM_DELETE_POLICIES[p] ?? [],
  );
  const policies = argo.length > 0 ? argo : helm;
  return policies.length > 0 ? policies : ['BeforeHookCreation'];
}

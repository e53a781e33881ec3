// The rules of deleting an application as Argo CD (v3) applies them: which propagation its
// finalizer (or the user's choice) asks for, which live objects go and which stay
// (`Delete=false`, Helm's `resource-policy: keep`, CRDs), which need the user's confirmation
// (`Delete=confirm`), the order (highest sync wave first, one wave at a time), which objects are
// PreDelete / PostDelete hooks and which hooks are removed afterwards by their delete policy.
import { objectKey, type KubeObject } from '../diff/index.ts';
import { hookDeletePolicies, waveOf } from './hookAnnotations.ts';
import { annotation, metadataOf } from './objectMeta.ts';
import { syncOption } from './syncOptions.ts';
import type { PropagationPolicy } from './objectWrites.ts';

export const RESOURCES_FINALIZER = 'resources-finalizer.argocd.argoproj.io';
export const FOREGROUND_FINALIZER = `${RESOURCES_FINALIZER}/foreground`;
export const BACKGROUND_FINALIZER = `${RESOURCES_FINALIZER}/background`;
const HELM_RESOURCE_POLICY_ANNOTATION = 'helm.sh/resource-policy';

/** What happens to the application's objects: deleted with a propagation policy, or left (orphan). */
export type Cascade = 'foreground' | 'background' | 'orphan';
export const CASCADES: readonly Cascade[] = ['foreground', 'background', 'orphan'];

export type DeleteHookType = 'PreDelete' | 'PostDelete';

/** Argo CD's finalizers: the first propagation finalizer decides — its /background variant
 * deletes in the background, the plain one and /foreground in the foreground; without one the
 * objects stay (orphan). */
export function cascadeOfFinalizers(finalizers: readonly string[] | undefined): Cascade {
  for (const finalizer of finalizers ?? []) {
    if (finalizer === BACKGROUND_FINALIZER) return 'background';
    if (finalizer === RESOURCES_FINALIZER || finalizer === FOREGROUND_FINALIZER) return 'foreground';
  }
  return 'orphan';
}

/** The Kubernetes propagation policy a cascade deletes with; none for orphan. */
export function propagationOf(cascade: Cascade): PropagationPolicy | null {
  if (cascade === 'foreground') return 'Foreground';
  if (cascade === 'background') return 'Background';
  return null;
}

const HOOK_VALUES: Record<DeleteHookType, { argo: string; helm: string }> = {
  PreDelete: { argo: 'PreDelete', helm: 'pre-delete' },
  PostDelete: { argo: 'PostDelete', helm: 'post-delete' },
};

function listed(value: string | undefined, item: string): boolean {
  return (value ?? '').split(',').some((part) => part.trim() === item);
}

/** Argo CD's isHookOfType: its own hook annotation or Helm's names the type, in a comma list. */
export function isDeleteHook(obj: KubeObject, type: DeleteHookType): boolean {
  const wanted = HOOK_VALUES[type];
  return (
    listed(annotation(obj, 'argocd.argoproj.io/hook'), wanted.argo) ||
    listed(annotation(obj, 'helm.sh/hook'), wanted.helm)
  );
}

export interface DeletionVerdict {
  /** Deleted with the application. */
  deleted: boolean;
  /** Why it stays, when it does. */
  keptBecause?: string;
  /** `Delete=confirm`: deleted only once the user confirmed it. */
  needsConfirmation: boolean;
}

/** Argo CD's shouldBeDeleted, with the reason an object stays; the object's annotation wins over the app's options. */
export function deletionVerdict(obj: KubeObject, appSyncOptions: readonly string[] = []): DeletionVerdict {
  const option = syncOption('Delete', obj, appSyncOptions)?.toLowerCase();
  if (objectKey(obj).kind === 'CustomResourceDefinition' && objectKey(obj).group === 'apiextensions.k8s.io')
    return {
      deleted: false,
      keptBecause: 'a CustomResourceDefinition is never deleted with an application',
      needsConfirmation: false,
    };
  if (option === 'false') return { deleted: false, keptBecause: 'Delete=false', needsConfirmation: false };
  if (listed(annotation(obj, HELM_RESOURCE_POLICY_ANNOTATION), 'keep'))
    return {
      deleted: false,
      keptBecause: `${HELM_RESOURCE_POLICY_ANNOTATION}: keep`,
      needsConfirmation: false,
    };
  return { deleted: true, needsConfirmation: option === 'confirm' };
}

/** The objects Argo CD deletes next: those of the highest sync wave among them. */
export function nextDeletionWave<T extends KubeObject>(objects: readonly T[]): T[] {
  if (objects.length === 0) return [];
  const highest = Math.max(...objects.map(waveOf));
  return objects.filter((obj) => waveOf(obj) === highest);
}

export function isBeingDeleted(obj: KubeObject): boolean {
  return typeof metadataOf(obj).deletionTimestamp === 'string';
}

export type HookOutcome = 'Healthy' | 'Degraded' | 'Progressing' | string;

/**
 * Argo CD's cleanup of delete hooks: with the worst health of all hooks of the type, a hook goes
 * when one of its delete policies matches it (HookSucceeded: healthy, HookFailed: degraded).
 * The default policy (BeforeHookCreation) matches neither, so such a hook stays.
 */
export function hookRemovedAfterwards(hook: KubeObject, aggregatedHealth: HookOutcome): boolean {
  return hookDeletePolicies(hook).some(
    (policy) =>
      (policy === 'HookSucceeded' && aggregatedHealth === 'Healthy') ||
      (policy === 'HookFailed' && aggregatedHealth === 'Degraded'),
  );
}

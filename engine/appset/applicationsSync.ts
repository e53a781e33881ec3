// What one generation does to the applications a set already has, under the set's
// `syncPolicy.applicationsSync` (Argo CD v3's applicationset controller): new names are created
// under every policy; existing ones are updated only under create-update and sync, keeping the
// annotations, labels and deletion-hook finalizers Argo CD preserves; names no longer generated
// are deleted only under create-delete and sync. A deleted application's resources are pruned
// only when the set does not preserve them and the application carries the resources finalizer.
import { isDeepStrictEqual } from 'node:util';
import type { applicationsSyncPolicies, Application, ApplicationSet } from '../model/index.ts';
import { RESOURCES_FINALIZER } from './generate.ts';
import { rollingSyncSteps, selectSteps } from './rollingSyncSteps.ts';

export type ApplicationsSyncPolicy = (typeof applicationsSyncPolicies)[number];

/** Kept from the existing application on update: its deletion hooks may be under way. */
const PRESERVED_FINALIZERS = [
  'pre-delete-finalizer.argocd.argoproj.io',
  'post-delete-finalizer.argocd.argoproj.io',
];
/** Written on applications by Argo CD's other parts; an update never takes them away. */
const PRESERVED_ANNOTATIONS = [
  'notified.notifications.argoproj.io',
  'argocd.argoproj.io/refresh',
  'argocd.argoproj.io/hydrate',
];

/** The set's policy; `sync` when it names none (Argo CD's default). */
export function applicationsSyncPolicy(set: ApplicationSet): ApplicationsSyncPolicy {
  return set.spec.syncPolicy?.applicationsSync ?? 'sync';
}

export const policyAllowsUpdate = (policy: ApplicationsSyncPolicy) =>
  policy === 'create-update' || policy === 'sync';
export const policyAllowsDelete = (policy: ApplicationsSyncPolicy) =>
  policy === 'create-delete' || policy === 'sync';

/** `resources-finalizer.argocd.argoproj.io`, with or without a `/background` or `/foreground` stage. */
export const hasResourcesFinalizer = (app: Application) =>
  (app.metadata.finalizers ?? []).some(
    (finalizer) => finalizer === RESOURCES_FINALIZER || finalizer.startsWith(`${RESOURCES_FINALIZER}/`),
  );

export interface DeletedApplication {
  name: string;
  application: Application;
  /** Whether its objects in the cluster are deleted with it. */
  pruneResources: boolean;
}

export interface ApplicationsSyncPlan {
  /** The set's applications after this generation, by name. */
  next: Application[];
  created: string[];
  updated: string[];
  /** Generated differently, but the policy keeps the existing definition. */
  keptByPolicy: string[];
  deleted: DeletedApplication[];
  /** No longer generated, but the policy keeps them. */
  orphaned: string[];
  unchanged: string[];
}

function withPreserved(generated: Application, found: Application, set: ApplicationSet): Application {
  const fields = set.spec.preservedFields as { annotations?: unknown; labels?: unknown } | undefined;
  const strings = (list: unknown) =>
    Array.isArray(list) ? list.filter((key): key is string => typeof key === 'string') : [];
  const annotations = { ...generated.metadata.annotations };
  for (const key of [...strings(fields?.annotations), ...PRESERVED_ANNOTATIONS]) {
    const kept = found.metadata.annotations?.[key];
    if (kept !== undefined) annotations[key] = kept;
  }
  const labels = { ...generated.metadata.labels };
  for (const key of strings(fields?.labels)) {
    const kept = found.metadata.labels?.[key];
    if (kept !== undefined) labels[key] = kept;
  }
  const finalizers = [...(generated.metadata.finalizers ?? [])];
  for (const prefix of PRESERVED_FINALIZERS)
    for (const finalizer of found.metadata.finalizers ?? [])
      if (finalizer.startsWith(prefix) && !finalizers.includes(finalizer)) finalizers.push(finalizer);
  const metadata: Application['metadata'] = { ...generated.metadata };
  if (Object.keys(annotations).length > 0) metadata.annotations = annotations;
  else delete metadata.annotations;
  if (Object.keys(labels).length > 0) metadata.labels = labels;
  else delete metadata.labels;
  if (finalizers.length > 0) metadata.finalizers = finalizers;
  else delete metadata.finalizers;
  return { ...generated, metadata };
}

const byName = (a: { metadata: { name: string } }, b: { metadata: { name: string } }) =>
  a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;

/** The set's applications after a successful generation of `desired`, from `current`. */
export function planApplicationsSync(
  set: ApplicationSet,
  current: readonly Application[],
  desired: readonly Application[],
): ApplicationsSyncPlan {
  const policy = applicationsSyncPolicy(set);
  const existing = new Map(current.map((app) => [app.metadata.name, app]));
  const wanted = new Set(desired.map((app) => app.metadata.name));
  const plan: ApplicationsSyncPlan = {
    next: [],
    created: [],
    updated: [],
    keptByPolicy: [],
    deleted: [],
    orphaned: [],
    unchanged: [],
  };
  for (const generated of [...desired].sort(byName)) {
    const name = generated.metadata.name;
    const found = existing.get(name);
    if (!found) {
      plan.next.push(generated);
      plan.created.push(name);
      continue;
    }
    const merged = withPreserved(generated, found, set);
    if (isDeepStrictEqual(merged, found)) {
      plan.next.push(found);
      plan.unchanged.push(name);
    } else if (policyAllowsUpdate(policy)) {
      plan.next.push(merged);
      plan.updated.push(name);
    } else {
      plan.next.push(found);
      plan.keptByPolicy.push(name);
    }
  }
  const preserve = set.spec.syncPolicy?.preserveResourcesOnDeletion === true;
  for (const found of [...current].sort(byName)) {
    const name = found.metadata.name;
    if (wanted.has(name)) continue;
    if (policyAllowsDelete(policy))
      plan.deleted.push({
        name,
        application: found,
        pruneResources: !preserve && hasResourcesFinalizer(found),
      });
    else {
      plan.next.push(found);
      plan.orphaned.push(name);
    }
  }
  plan.next.sort(byName);
  return plan;
}

/** A set gone from the workspace: its applications go with it unless its policy forbids deleting. */
export function planSetRemoval(set: ApplicationSet, current: readonly Application[]): ApplicationsSyncPlan {
  const plan = planApplicationsSync(set, current, []);
  return { ...plan, deleted: inDeletionOrder(set, plan.deleted) };
}

/**
 * Argo CD's PerformReverseDeletion: under RollingSync with `deletionOrder: Reverse` (any case),
 * the applications of the last step go first, then those of the step before; those no step
 * selects go last. The deletions run one after another in this order.
 */
function inDeletionOrder(set: ApplicationSet, deleted: DeletedApplication[]): DeletedApplication[] {
  const steps = rollingSyncSteps(set);
  if (!steps?.length || set.spec.strategy?.deletionOrder?.toLowerCase() !== 'reverse') return deleted;
  const { stepOf } = selectSteps(
    steps,
    deleted.map(({ name, application }) => ({ name, labels: application.metadata.labels ?? {} })),
  );
  const turn = (name: string) => steps.length - (stepOf.get(name) ?? -1) - 1;
  return [...deleted].sort((a, b) => turn(a.name) - turn(b.name));
}

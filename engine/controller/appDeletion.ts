// Deleting an application's objects from its cluster as Argo CD's controller finalizes an
// application: PreDelete hooks created and waited for, then (unless the cascade is orphan) the
// live objects it tracks deleted with the propagation policy, highest sync wave first and one
// wave at a time, each gone before the next; then PostDelete hooks; then the hooks whose delete
// policy matches removed. Every write passes the project's rules and the cluster's namespaces
// (engine/policy) first. Plumbline's choices: what the plan refuses (a Delete=confirm object not
// confirmed, a hook the project forbids) stops the deletion before anything is written, where
// Argo CD would run the PreDelete hooks and then wait.
import type { DeletionObject, DeletionPlan } from '../api/contract.ts';
import { ContractError } from '../api/errors.ts';
import { KubeApiError, type ClusterConnection } from '../cluster/index.ts';
import { describeKey, objectKey, type KubeObject, type ObjectKey } from '../diff/index.ts';
import { builtInHealth, type KubeObject as HealthObject } from '../health/index.ts';
import type { AppProject, Application } from '../model/index.ts';
import { authorizeWrite, type Verdict } from '../policy/projectRules.ts';
import { clusterNamespacesAllow } from '../policy/clusterNamespaces.ts';
import { readLiveObject, waveOf } from '../sync/index.ts';
import {
  cascadeOfFinalizers,
  deletionVerdict,
  hookRemovedAfterwards,
  isBeingDeleted,
  isDeleteHook,
  nextDeletionWave,
  propagationOf,
  type Cascade,
  type DeleteHookType,
} from '../sync/deletion.ts';
import { applyObject, deleteObject } from '../sync/objectWrites.ts';
import type { DestinationCluster } from './destinations.ts';

export interface DeletionSubject {
  app: Application;
  /** Undefined when the project does not exist: nothing may be written then. */
  project: AppProject | undefined;
  cluster: DestinationCluster | undefined;
  connection: ClusterConnection | undefined;
  /** The live objects the application tracks now. */
  live: readonly KubeObject[];
  /** What git renders to (for the hooks); undefined when it could not be rendered. */
  desired: readonly KubeObject[] | undefined;
  /** Why the cluster or git could not be read, for the plan's warnings. */
  warnings: string[];
}

export interface DeletionTiming {
  /** How long hooks may run, and objects take to go; 10 minutes unless given. */
  timeoutMs?: number;
  pollMs?: number;
}

const idOf = (key: ObjectKey) => `${key.group}/${key.kind}/${key.namespace}/${key.name}`;

function entry(obj: KubeObject, extra: Partial<DeletionObject> = {}): DeletionObject {
  const key = objectKey(obj);
  return {
    id: idOf(key),
    kind: key.kind,
    namespace: key.namespace,
    name: key.name,
    wave: waveOf(obj),
    needsConfirmation: false,
    keptBecause: null,
    ...extra,
  };
}

/** The write gate: the project's rules and a namespace-scoped cluster's namespaces. */
export function authorizeDeletionWrite(subject: DeletionSubject, obj: KubeObject): Verdict {
  const { app, project, cluster } = subject;
  if (!project) return { allowed: false, message: `project ${app.spec.project} does not exist` };
  const target = { namespace: objectKey(obj).namespace, obj };
  const byCluster = cluster ? clusterNamespacesAllow(cluster, target) : { allowed: true as const };
  if (!byCluster.allowed) return byCluster;
  return authorizeWrite(project, {
    cluster: app.spec.destination.name ?? app.spec.destination.server ?? '',
    destinationNamespace: app.spec.destination.namespace ?? '',
    ...target,
  });
}

function hooksOf(subject: DeletionSubject, type: DeleteHookType): KubeObject[] {
  return (subject.desired ?? []).filter((obj) => isDeleteHook(obj, type));
}

export function planDeletion(subject: DeletionSubject, requested: Cascade | undefined): DeletionPlan {
  const cascade = requested ?? cascadeOfFinalizers(subject.app.metadata.finalizers);
  const appOptions = subject.app.spec.syncPolicy?.syncOptions ?? [];
  const deleted: DeletionObject[] = [];
  const kept: DeletionObject[] = [];
  for (const obj of subject.live) {
    if (cascade === 'orphan') {
      kept.push(entry(obj, { keptBecause: 'the cascade is orphan' }));
      continue;
    }
    const verdict = deletionVerdict(obj, appOptions);
    const allowed = verdict.deleted ? authorizeDeletionWrite(subject, obj) : null;
    if (!verdict.deleted) kept.push(entry(obj, { keptBecause: verdict.keptBecause ?? 'kept' }));
    // as Argo CD's getPermittedAppLiveObjects: what the project does not permit is not touched
    else if (allowed && !allowed.allowed) kept.push(entry(obj, { keptBecause: allowed.message }));
    else deleted.push(entry(obj, { needsConfirmation: verdict.needsConfirmation }));
  }
  deleted.sort((a, b) => b.wave - a.wave || a.id.localeCompare(b.id));
  return {
    cascade,
    chosenBy: requested ? 'request' : 'finalizer',
    propagationPolicy: propagationOf(cascade),
    deleted,
    kept,
    preDeleteHooks: hooksOf(subject, 'PreDelete').map((obj) => entry(obj)),
    postDeleteHooks: hooksOf(subject, 'PostDelete').map((obj) => entry(obj)),
    warnings: subject.warnings,
  };
}

/** What must hold before anything is written; throws the contract's error saying what does not. */
export function checkDeletion(subject: DeletionSubject, plan: DeletionPlan, confirmDelete: boolean): void {
  const name = subject.app.metadata.name;
  const unconfirmed = plan.deleted.filter((obj) => obj.needsConfirmation);
  if (unconfirmed.length > 0 && !confirmDelete)
    throw new ContractError(
      'failed',
      `${name}: ${unconfirmed.map((o) => `${o.kind} ${o.namespace ? `${o.namespace}/` : ''}${o.name}`).join(', ')} ${unconfirmed.length === 1 ? 'is' : 'are'} marked Delete=confirm: confirm the deletion of ${unconfirmed.length === 1 ? 'it' : 'them'} (--confirm-delete)`,
    );
  const writes = plan.deleted.length + plan.preDeleteHooks.length + plan.postDeleteHooks.length;
  if (writes === 0) return;
  if (!subject.connection)
    throw new ContractError(
      'failed',
      `${name}: its cluster cannot be reached (${subject.warnings.join('; ') || 'no destination'}); delete it with --cascade orphan to leave its objects`,
    );
  for (const hook of [...hooksOf(subject, 'PreDelete'), ...hooksOf(subject, 'PostDelete')]) {
    const verdict = authorizeDeletionWrite(subject, hook);
    if (!verdict.allowed) throw new ContractError('failed', `${name}: hook refused: ${verdict.message}`);
  }
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });

class DeletionRun {
  private readonly deadline: number;
  private readonly pollMs: number;

  constructor(
    private readonly subject: DeletionSubject & { connection: ClusterConnection },
    timing: DeletionTiming,
  ) {
    this.deadline = Date.now() + (timing.timeoutMs ?? 600_000);
    this.pollMs = timing.pollMs ?? 1000;
  }

  private get name(): string {
    return this.subject.app.metadata.name;
  }

  private gate(obj: KubeObject): void {
    const verdict = authorizeDeletionWrite(this.subject, obj);
    if (!verdict.allowed) throw new Error(`${this.name}: refused: ${verdict.message}`);
  }

  private async waitOrFail(what: () => string): Promise<void> {
    if (Date.now() > this.deadline) throw new Error(`${this.name}: timed out waiting for ${what()}`);
    await sleep(this.pollMs);
  }

  private async current(objs: readonly KubeObject[]): Promise<KubeObject[]> {
    const read = await Promise.all(
      objs.map((obj) => readLiveObject(this.subject.connection, objectKey(obj))),
    );
    return read.filter((obj): obj is KubeObject => obj !== undefined);
  }

  /** Argo CD's executeHooks: create the hooks git has that are not live, wait until all are healthy. */
  async runHooks(type: DeleteHookType): Promise<void> {
    const wanted = hooksOf(this.subject, type);
    if (wanted.length === 0) return;
    for (const hook of wanted) {
      this.gate(hook);
      try {
        await applyObject(this.subject.connection, hook, undefined, 'replace', {
          dryRun: false,
          validate: true,
        });
      } catch (error) {
        if (!(error instanceof KubeApiError && error.status === 409)) throw error;
      }
    }
    for (;;) {
      const running = await this.current(wanted);
      const healths = running.map((obj) => ({
        obj,
        health: builtInHealth(obj as HealthObject)?.status ?? 'Healthy',
      }));
      const failed = healths.filter((h) => h.health === 'Degraded').map((h) => h.obj);
      if (failed.length > 0) {
        // deleted so that another attempt creates them again, as Argo CD does
        for (const obj of failed)
          await deleteObject(this.subject.connection, obj, 'Background', { dryRun: false });
        throw new Error(
          `${this.name}: ${type} hook(s) failed: ${failed.map((o) => describeKey(objectKey(o))).join(', ')}`,
        );
      }
      const pending = healths.filter((h) => h.health !== 'Healthy').length + (wanted.length - running.length);
      if (pending === 0) return;
      await this.waitOrFail(() => `${pending} ${type} hook(s) to complete`);
    }
  }

  /** Deletes the objects, highest wave first, waiting for each wave to be gone. */
  async deleteObjects(objs: readonly KubeObject[], cascade: Cascade): Promise<void> {
    const propagation = propagationOf(cascade);
    if (!propagation) return;
    let remaining = await this.current(objs);
    while (remaining.length > 0) {
      if (!remaining.some(isBeingDeleted)) {
        for (const obj of nextDeletionWave(remaining)) {
          this.gate(obj);
          await deleteObject(this.subject.connection, obj, propagation, { dryRun: false });
        }
      }
      remaining = await this.current(remaining);
      if (remaining.length === 0) return;
      await this.waitOrFail(
        () => `${remaining.map((o) => describeKey(objectKey(o))).join(', ')} to be deleted`,
      );
      remaining = await this.current(remaining);
    }
  }

  /** Argo CD's cleanupHooks: remove the hooks whose delete policy matches their worst health. */
  async cleanUpHooks(type: DeleteHookType): Promise<void> {
    const live = await this.current(hooksOf(this.subject, type));
    if (live.length === 0) return;
    const rank = (status: string) =>
      ['Healthy', 'Suspended', 'Progressing', 'Missing', 'Degraded', 'Unknown'].indexOf(status);
    const worst = live
      .map((obj) => builtInHealth(obj as HealthObject)?.status ?? 'Healthy')
      .reduce((a, b) => (rank(b) > rank(a) ? b : a), 'Healthy');
    const removed = live.filter((hook) => hookRemovedAfterwards(hook, worst));
    for (const hook of removed) {
      this.gate(hook);
      await deleteObject(this.subject.connection, hook, 'Background', { dryRun: false });
    }
    let remaining = await this.current(removed);
    while (remaining.length > 0) {
      await this.waitOrFail(() => `${type} hooks to be removed`);
      remaining = await this.current(remaining);
    }
  }
}

/** Runs a checked plan against the cluster; resolves once the objects are gone (or left). */
export async function deleteAppObjects(
  subject: DeletionSubject,
  plan: DeletionPlan,
  timing: DeletionTiming = {},
): Promise<void> {
  const { connection } = subject;
  const writes = plan.deleted.length + plan.preDeleteHooks.length + plan.postDeleteHooks.length;
  if (writes === 0 || !connection) return;
  const run = new DeletionRun({ ...subject, connection }, timing);
  await run.runHooks('PreDelete');
  const toDelete = new Set(plan.deleted.map((obj) => obj.id));
  // the PreDelete hooks just run are the application's objects too: Argo CD's cascade takes them
  const appOptions = subject.app.spec.syncPolicy?.syncOptions ?? [];
  const ranHooks = hooksOf(subject, 'PreDelete').filter(
    (hook) => !toDelete.has(idOf(objectKey(hook))) && deletionVerdict(hook, appOptions).deleted,
  );
  await run.deleteObjects(
    [...subject.live.filter((obj) => toDelete.has(idOf(objectKey(obj)))), ...ranHooks],
    plan.cascade,
  );
  await run.runHooks('PostDelete');
  await run.cleanUpHooks('PreDelete');
  await run.cleanUpHooks('PostDelete');
}

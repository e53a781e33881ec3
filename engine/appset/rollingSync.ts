// One pass of Argo CD v3's progressive sync (RollingSync) over a set's applications, as pure
// logic: each application's status on the set (Waiting → Pending → Progressing → Healthy, back to
// Waiting when its generated spec or its target revisions change), which steps may run (a step
// only when every application of the earlier ones exists and is Healthy), which Waiting
// applications become Pending within their step's maxUpdate, and the set's RolloutProgressing
// and InvalidRolloutConfig conditions. The caller syncs the Pending applications it is told to.
import { isAutomatedSync, type Application } from '../model/index.ts';
import {
  maxUpdateAllowed,
  rolloutIssueMessage,
  selectSteps,
  type LabelledApp,
  type RolloutStep,
} from './rollingSyncSteps.ts';

export const progressiveStatuses = ['Waiting', 'Pending', 'Progressing', 'Healthy'] as const;
export type ProgressiveStatus = (typeof progressiveStatuses)[number];

/** One entry of the set's `status.applicationStatus`, as Argo CD keeps it. */
export interface RolloutAppStatus {
  application: string;
  status: ProgressiveStatus;
  message: string;
  /** The 1-based step, "-1" when no step selects the application. */
  step: string;
  targetRevisions: string[];
  lastTransitionTime: string;
}

/** An application of the set as it stands now. */
export interface RolloutApp extends LabelledApp {
  /** Whether it exists yet (a generated application not created yet holds later steps back). */
  exists: boolean;
  /**
   * Whether its statuses are known (compared since the engine started): until then its recorded
   * status stands, as Argo CD's Application keeps its status across a restart.
   */
  known: boolean;
  health: string;
  sync: string;
  /** The revisions its sync status was compared at. */
  revisions: string[];
  /** When its latest operation started; null when none is known. */
  operationStartedAt: string | null;
  /** The phase of that operation: Succeeded, Failed, Error, Running…; null when none. */
  operationPhase: string | null;
  /** It has an InvalidSpecError or UnknownError condition: it cannot sync. */
  hasError: boolean;
  /** Its generated definition differs from the one it has now. */
  specChanged: boolean;
}

export interface RolloutPass {
  statuses: RolloutAppStatus[];
  /** Pending applications of a step allowed to run: the set syncs them. */
  toSync: string[];
  /** "ApplicationSet is performing rollout of step N" or "ApplicationSet Rollout has completed". */
  progressing: { active: boolean; message: string };
  /** Argo CD's InvalidRolloutConfig message; null when the steps are configured correctly. */
  invalidConfig: string | null;
}

const after = (a: string | null, b: string) => a !== null && Date.parse(a) > Date.parse(b);
const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((item, i) => item === b[i]);

function changedMessage(revisions: boolean, spec: boolean): string {
  if (revisions && spec)
    return 'Application has pending changes (revision and spec differ), setting status to Waiting';
  if (revisions) return 'Application has pending changes, setting status to Waiting';
  return 'Application has pending changes (spec differs), setting status to Waiting';
}

/** Argo CD's updateApplicationSetApplicationStatus for one existing application. */
function nextStatus(
  app: RolloutApp,
  found: RolloutAppStatus | undefined,
  step: string,
  now: string,
): RolloutAppStatus {
  const current: RolloutAppStatus = found ?? {
    application: app.name,
    targetRevisions: app.revisions,
    lastTransitionTime: now,
    message: 'No Application status found, defaulting status to Waiting',
    status: 'Waiting',
    step,
  };
  const next: RolloutAppStatus = { ...current, step };
  if (!app.known && found) return next;
  const set = (status: ProgressiveStatus, message: string) =>
    Object.assign(next, { status, message, lastTransitionTime: now });
  const revisionsChanged = !sameList(current.targetRevisions, app.revisions);
  if (revisionsChanged || app.specChanged) {
    next.targetRevisions = app.revisions;
    set('Waiting', changedMessage(revisionsChanged, app.specChanged));
  }
  const healthy = app.health === 'Healthy';
  if (next.status === 'Waiting') {
    // waiting does not mean it must sync: a synced application needs nothing from the set
    if (app.sync === 'Synced')
      if (healthy) set('Healthy', 'Application resource has synced, updating status to Healthy');
      else set('Progressing', 'Application resource has synced, updating status to Progressing');
    return next;
  }
  if (current.status === 'Pending') {
    if (after(app.operationStartedAt, current.lastTransitionTime)) {
      const phase = app.operationPhase;
      set(
        'Progressing',
        phase === 'Succeeded'
          ? 'Application resource completed a sync successfully, updating status from Pending to Progressing'
          : phase === 'Failed' || phase === 'Error'
            ? 'Application resource completed a sync, updating status from Pending to Progressing'
            : 'Application resource became Progressing, updating status from Pending to Progressing',
      );
    } else if (app.hasError)
      set('Progressing', 'Application resource has error and cannot sync, updating status to Progressing');
  }
  // whatever the sync did, the application has to become Healthy at the current revisions
  if (current.status === 'Progressing' && healthy && app.sync === 'Synced')
    set('Healthy', 'Application resource became Healthy, updating status from Progressing to Healthy');
  return next;
}

/** Argo CD's getAppsToSync: the applications of every step up to the first one not all Healthy. */
function appsToSync(stepApps: string[][], statuses: RolloutAppStatus[]): Set<string> {
  const status = new Map(statuses.map((s) => [s.application, s.status]));
  const allowed = new Set<string>();
  for (const names of stepApps) {
    for (const name of names) allowed.add(name);
    // an application not created yet has no status: its step is not done
    const done = names.every((name) => status.get(name) === 'Healthy');
    if (!done) break;
  }
  return allowed;
}

const stepIndex = (stepOf: Map<string, number>, name: string) => stepOf.get(name) ?? 0;

/**
 * Argo CD's updateApplicationSetApplicationStatusProgress: Waiting applications of an allowed step
 * become Pending, in name order, while fewer than its maxUpdate are Pending or Progressing. An
 * application no step selects counts in the first step, as Argo CD's step map defaults to it.
 */
function promote(
  steps: readonly RolloutStep[],
  statuses: RolloutAppStatus[],
  allowed: Set<string>,
  stepOf: Map<string, number>,
  now: string,
): RolloutAppStatus[] {
  const total = steps.map(() => 0);
  const updating = steps.map(() => 0);
  for (const status of statuses) {
    const index = stepIndex(stepOf, status.application);
    total[index]!++;
    if (status.status === 'Pending' || status.status === 'Progressing') updating[index]!++;
  }
  return statuses.map((status) => {
    const index = stepIndex(stepOf, status.application);
    const limit = maxUpdateAllowed(steps[index]!.maxUpdate, total[index]!).value;
    if (status.status !== 'Waiting' || !allowed.has(status.application) || updating[index]! >= limit)
      return status;
    updating[index]!++;
    return {
      ...status,
      status: 'Pending',
      message:
        'Application moved to Pending status, watching for the Application resource to start Progressing',
      lastTransitionTime: now,
    };
  });
}

/** The steps whose maxUpdate Argo CD finds invalid: those it reads for some application's status. */
function invalidMaxUpdates(
  steps: readonly RolloutStep[],
  statuses: RolloutAppStatus[],
  stepOf: Map<string, number>,
) {
  const invalid: Array<{ step: number; value: string }> = [];
  for (const status of statuses) {
    const index = stepIndex(stepOf, status.application);
    const { maxUpdate } = steps[index]!;
    if (maxUpdateAllowed(maxUpdate, 0).invalid && !invalid.some((i) => i.step === index))
      invalid.push({ step: index, value: String(maxUpdate) });
  }
  return invalid;
}

/** Argo CD's getProgressingCondition: the first step with an application not Healthy. */
function progressingOf(
  steps: readonly RolloutStep[],
  statuses: RolloutAppStatus[],
): RolloutPass['progressing'] {
  const unfinished = new Set(statuses.filter((s) => s.status !== 'Healthy').map((s) => s.step));
  for (let i = 0; i < steps.length; i++)
    if (unfinished.has(String(i + 1)))
      return { active: true, message: `ApplicationSet is performing rollout of step ${i + 1}` };
  return { active: false, message: 'ApplicationSet Rollout has completed' };
}

/**
 * One progressive sync pass: `generated` are the applications the set generates now (labels from
 * their generated definitions), `apps` how each stands, `previous` the statuses of the last pass.
 */
export function rolloutPass(
  steps: readonly RolloutStep[],
  generated: readonly LabelledApp[],
  apps: readonly RolloutApp[],
  previous: readonly RolloutAppStatus[],
  now: string,
): RolloutPass {
  const { stepApps, stepOf, issues } = selectSteps(steps, generated);
  const existing = apps.filter((app) => app.exists);
  const stepName = (name: string) => String((stepOf.get(name) ?? -2) + 1);
  const before = new Map(previous.map((status) => [status.application, status]));
  const updated = existing
    .map((app) => nextStatus(app, before.get(app.name), stepName(app.name), now))
    .sort((a, b) => (a.application < b.application ? -1 : a.application > b.application ? 1 : 0));
  const allowed = appsToSync(stepApps, updated);
  const statuses = promote(steps, updated, allowed, stepOf, now);
  return {
    statuses,
    toSync: statuses
      .filter((s) => s.status === 'Pending' && allowed.has(s.application))
      .map((s) => s.application),
    progressing: progressingOf(steps, statuses),
    invalidConfig: rolloutIssueMessage({
      ...issues,
      invalidMaxUpdates: invalidMaxUpdates(steps, statuses, stepOf),
    }),
  };
}

/** The set's rollout conditions from statuses already recorded (a summary, the CLI). */
export function rolloutConditions(
  steps: readonly RolloutStep[],
  generated: readonly LabelledApp[],
  statuses: RolloutAppStatus[],
): Pick<RolloutPass, 'progressing' | 'invalidConfig'> {
  const { stepOf, issues } = selectSteps(steps, generated);
  return {
    progressing: progressingOf(steps, statuses),
    invalidConfig: rolloutIssueMessage({
      ...issues,
      invalidMaxUpdates: invalidMaxUpdates(steps, statuses, stepOf),
    }),
  };
}

/**
 * A generated application as a RollingSync set hands it over: automated sync switched off (the
 * set syncs it), and how the set's sync runs — pruning when its automated policy pruned.
 */
export function underRollingSync(app: Application): { app: Application; prune: boolean } {
  const automated = app.spec.syncPolicy?.automated;
  if (!automated) return { app, prune: false };
  const prune = isAutomatedSync(app) && automated.prune === true;
  const syncPolicy = { ...app.spec.syncPolicy, automated: { ...automated, enabled: false } };
  return { app: { ...app, spec: { ...app.spec, syncPolicy } }, prune };
}

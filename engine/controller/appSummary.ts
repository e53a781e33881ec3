// What the contract says about one application: its definition as loaded from the workspace,
// plus what the engine learned rendering it.
import type { AppSummary, Condition } from '../api/contract.ts';
import { displayUrl } from '../git/scrub.ts';
import { appProjectName, appSources, isAutomatedSync } from '../model/index.ts';
import type { LoadedApplication } from '../workspace/index.ts';
import type { AppOrigin } from './appOrigins.ts';
import { contractCondition } from './workspaceSummary.ts';

export interface AppRuntime {
  phase: AppSummary['phase'];
  revisions: Array<string | null>;
  objectCount: number | null;
  conditions: Condition[];
  health: AppSummary['health'];
  sync: AppSummary['sync'];
  lastSync: AppSummary['lastSync'];
  pin: AppSummary['pin'];
  lease: AppSummary['lease'];
  operationRunning: boolean;
  syncWindows: AppSummary['syncWindows'];
  /** Set while the statuses come from a snapshot rather than the cluster. */
  liveSource?: AppSummary['liveSource'];
}

export function idleRuntime(): AppRuntime {
  return {
    phase: 'pending',
    revisions: [],
    objectCount: null,
    conditions: [],
    health: { status: 'Unknown', message: 'not compared with the cluster yet' },
    sync: { status: 'Unknown', message: 'not compared with the cluster yet' },
    lastSync: null,
    pin: null,
    lease: null,
    operationRunning: false,
    syncWindows: null,
  };
}

export function summarize(
  loaded: LoadedApplication & { owner?: AppOrigin },
  runtime: AppRuntime,
): AppSummary {
  const app = loaded.definition;
  const spec = (app?.spec ?? (loaded.raw.spec as Record<string, unknown> | undefined) ?? {}) as {
    destination?: { server?: string; name?: string; namespace?: string };
  };
  const sources = app ? appSources(app) : [];
  const conditions: Condition[] = [...loaded.conditions.map(contractCondition), ...runtime.conditions];
  return {
    name: loaded.name,
    project: app ? appProjectName(app) : 'default',
    sources: sources.map((source) => ({
      repoURL: displayUrl(source.repoURL),
      path: source.path ?? null,
      chart: source.chart ?? null,
      targetRevision: source.targetRevision || 'HEAD',
      ref: source.ref ?? null,
    })),
    destination: {
      server: spec.destination?.server ?? null,
      name: spec.destination?.name ?? null,
      namespace: spec.destination?.namespace ?? null,
    },
    info: (app?.spec.info ?? []).map(({ name, value }) => ({ name, value })),
    revision: runtime.revisions.find((revision) => revision !== null) ?? null,
    file: loaded.origin.file,
    conditions,
    phase: app ? runtime.phase : 'error',
    resourceCount: runtime.objectCount,
    autoSync: app ? isAutomatedSync(app) : false,
    health: runtime.health,
    sync: syncAtRevision(runtime),
    lastSync: runtime.lastSync,
    pin: runtime.pin,
    lease: runtime.lease,
    operationRunning: runtime.operationRunning,
    syncWindows: runtime.syncWindows,
    ...(runtime.liveSource ? { liveSource: runtime.liveSource } : {}),
    ...(loaded.owner?.kind === 'applicationSet' ? { applicationSet: loaded.owner.name } : {}),
    ...(loaded.owner?.kind === 'parent' ? { parent: loaded.owner.name } : {}),
  };
}

/**
 * The sync status as far as it holds for the revision the application is at now: one compared at
 * an earlier revision says "comparing" (Unknown) until the new revision has been compared, so a
 * new commit is never shown Synced before it was compared with the cluster.
 */
export function syncAtRevision(runtime: Pick<AppRuntime, 'sync' | 'revisions'>): AppSummary['sync'] {
  const current = runtime.revisions.find((revision) => revision !== null) ?? null;
  const compared = runtime.sync.revision;
  if (compared === undefined || compared === current) return runtime.sync;
  const was = compared ? ` (${runtime.sync.status} at ${compared.slice(0, 7)})` : '';
  return {
    status: 'Unknown',
    message: `comparing ${current ? current.slice(0, 7) : 'the new revision'}${was}`,
    revision: compared,
  };
}

export function pinSummary(
  pin: { revisions: Array<string | null>; since: string } | null,
): AppSummary['pin'] {
  const revision = pin?.revisions.find((r) => r !== null);
  return pin && revision ? { revision, since: pin.since } : null;
}

/** The conditions with the health customizations' problem, if any, said once. */
export function withHealthProblem(conditions: Condition[], problem: string | null): Condition[] {
  return withProblem(conditions, 'HealthCustomizationError', problem);
}

/** The conditions with one problem of this type, or none when the problem is gone. */
export function withProblem(conditions: Condition[], type: string, problem: string | null): Condition[] {
  const others = conditions.filter((c) => c.type !== type);
  return problem ? [...others, { type, message: problem }] : others;
}

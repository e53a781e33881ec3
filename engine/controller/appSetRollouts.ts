// Progressive syncs of the workspace's ApplicationSets (strategy RollingSync), as Argo CD's
// applicationset controller runs them: a pass after every generation (a generated spec that
// changed puts its application back to Waiting) and whenever the applications' statuses change;
// each pass records every application's status on its set and syncs the Pending applications
// of the steps allowed to run — as an automated operation, so sync windows apply as they do to
// Argo CD's. The generated applications are handed over with automated sync switched off.
import { isDeepStrictEqual } from 'node:util';
import type { AppSummary, Operation, RolloutSummary } from '../api/contract.ts';
import {
  rolloutConditions,
  rolloutPass,
  underRollingSync,
  type RolloutApp,
  type RolloutPass,
} from '../appset/rollingSync.ts';
import { rollingSyncSteps } from '../appset/rollingSyncSteps.ts';
import type { Application, ApplicationSet } from '../model/index.ts';
import type { AppSetRecord } from '../store/appSetStore.ts';
import type { SyncRequest } from './applicationsDeps.ts';
import type { SetState } from './appSets.ts';

/** The applications the sets hand over, as the engine runs them. */
export interface RolloutHost {
  list(): AppSummary[];
  sync(name: string, request: SyncRequest, automated: boolean): Promise<Operation>;
}

interface Trigger {
  at: string;
  phase: string | null;
  failed: boolean;
}

/** Passes coalesce: a burst of application changes is one pass per set. */
const PASS_DELAY_MS = 50;
/** A sync the set could not start (a closed window, an unreachable cluster) is asked again after this. */
const RETRY_MS = 10_000;

const ERROR_CONDITIONS = new Set(['InvalidSpecError', 'UnknownError']);

export class AppSetRollouts {
  private host: RolloutHost | null = null;
  private readonly triggers = new Map<string, Trigger>();
  /** Each set's conditions, for the statuses they were worked out from. */
  private readonly conditions = new Map<
    string,
    { statuses: AppSetRecord['applicationStatus'] } & Pick<RolloutPass, 'progressing' | 'invalidConfig'>
  >();
  private timer: NodeJS.Timeout | null = null;
  private timerDue = 0;
  private closed = false;

  /** The sets by name; a pass writes its statuses into the set's record and has it persisted. */
  constructor(
    private readonly sets: ReadonlyMap<string, SetState>,
    private readonly persist: (state: SetState) => void,
    /** A long-running host syncs; the CLI only shows what the host left. */
    private readonly live: boolean,
  ) {}

  /** The engine's applications: passes read them and sync through them. */
  attach(host: RolloutHost): void {
    this.host = host;
    this.request();
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
  }

  /** A generated application as the engine gets it: automated sync off under RollingSync. */
  handed(set: ApplicationSet | null, app: Application): Application {
    return set && rollingSyncSteps(set) ? underRollingSync(app).app : app;
  }

  /** A generation is about to replace `current` with `next`: the changed specs wait again. */
  generated(
    name: string,
    set: ApplicationSet,
    current: readonly Application[],
    next: readonly Application[],
  ): void {
    const before = new Map(current.map((app) => [app.metadata.name, app]));
    const changed = new Set(
      next
        .filter(
          (app) => before.has(app.metadata.name) && !isDeepStrictEqual(before.get(app.metadata.name), app),
        )
        .map((app) => app.metadata.name),
    );
    this.pass(name, set, next, changed);
  }

  /** Applications changed (statuses, operations): every rolling set passes again, soon. */
  request(delayMs = PASS_DELAY_MS): void {
    if (this.closed || !this.live) return;
    // a pass already due sooner covers this request; one due later (a retry) is brought forward
    if (this.timer && this.timerDue <= Date.now() + delayMs) return;
    if (this.timer) clearTimeout(this.timer);
    this.timerDue = Date.now() + delayMs;
    this.timer = setTimeout(() => {
      this.timer = null;
      for (const state of this.sets.values())
        if (state.loaded?.definition)
          this.pass(state.name, state.loaded.definition, state.record.applications, new Set());
    }, delayMs);
    this.timer.unref();
  }

  /** The set's rollout for clients; null when it does not roll out. */
  summary(name: string, set: ApplicationSet | null, record: AppSetRecord): RolloutSummary | null {
    const steps = set ? rollingSyncSteps(set) : null;
    if (!steps) return null;
    let known = this.conditions.get(name);
    if (known?.statuses !== record.applicationStatus) {
      const labelled = record.applications.map((app) => ({
        name: app.metadata.name,
        labels: app.metadata.labels ?? {},
      }));
      known = {
        statuses: record.applicationStatus,
        ...rolloutConditions(steps, labelled, record.applicationStatus),
      };
      this.conditions.set(name, known);
    }
    return {
      steps: steps.length,
      progressing: known.progressing,
      invalidConfig: known.invalidConfig,
      applications: record.applicationStatus,
    };
  }

  private pass(
    name: string,
    set: ApplicationSet,
    generated: readonly Application[],
    changed: Set<string>,
  ): void {
    const steps = rollingSyncSteps(set);
    const state = this.sets.get(name);
    if (!state) return;
    const record = state.record;
    if (!steps || steps.length === 0) {
      // a set no longer rolling out drops its statuses, as Argo CD does
      if (record.applicationStatus.length > 0) this.save(state, []);
      return;
    }
    if (!this.live || !this.host) return;
    const summaries = new Map(this.host.list().map((app) => [app.name, app]));
    const apps = generated.map((app) =>
      this.rolloutApp(name, app, summaries.get(app.metadata.name), changed),
    );
    const pass = rolloutPass(steps, apps, apps, record.applicationStatus, new Date().toISOString());
    if (!isDeepStrictEqual(pass.statuses, record.applicationStatus)) {
      this.save(state, pass.statuses);
      // a pass moves each application one status on (Pending → Progressing): one already Healthy
      // and Synced by then is not announced again, so the next pass is asked for here
      this.request();
    }
    const { progressing, invalidConfig } = pass;
    this.conditions.set(name, { statuses: state.record.applicationStatus, progressing, invalidConfig });
    for (const appName of pass.toSync) {
      const app = generated.find((candidate) => candidate.metadata.name === appName);
      const status = pass.statuses.find((s) => s.application === appName)!;
      if (app) this.trigger(name, app, summaries.get(appName), status.lastTransitionTime);
    }
  }

  private save(state: SetState, statuses: AppSetRecord['applicationStatus']): void {
    state.record = { ...state.record, applicationStatus: statuses };
    this.persist(state);
  }

  private rolloutApp(
    set: string,
    app: Application,
    summary: AppSummary | undefined,
    changed: Set<string>,
  ): RolloutApp {
    const name = app.metadata.name;
    const trigger = this.triggers.get(`${set}/${name}`);
    const ours = trigger && !trigger.failed ? trigger : null;
    // an operation someone else started shows as the application's last sync once it finished
    const finished = summary?.lastSync?.finishedAt ?? null;
    const hasError = summary?.conditions.some((c) => ERROR_CONDITIONS.has(c.type)) ?? false;
    const startedAt = ours && (!finished || ours.at > finished) ? ours.at : finished;
    return {
      name,
      labels: app.metadata.labels ?? {},
      exists: summary !== undefined,
      known: summary?.sync.revision != null || hasError,
      health: summary?.health.status ?? 'Unknown',
      sync: summary?.sync.status ?? 'Unknown',
      revisions: summary?.sync.revision ? [summary.sync.revision] : [],
      operationStartedAt: startedAt,
      operationPhase: startedAt === ours?.at ? ours.phase : (summary?.lastSync?.phase ?? null),
      hasError,
      specChanged: changed.has(name),
    };
  }

  /** Syncs a Pending application once for its Pending status, when the engine can run it. */
  private trigger(
    set: string,
    app: Application,
    summary: AppSummary | undefined,
    pendingSince: string,
  ): void {
    const key = `${set}/${app.metadata.name}`;
    const last = this.triggers.get(key);
    if (last && last.at >= pendingSince) {
      if (!last.failed) return;
      const wait = Date.parse(last.at) + RETRY_MS - Date.now();
      // a sync that could not start is asked again once its pause is over
      if (wait > 0) return this.request(wait);
    }
    // the engine compares before it syncs; an operation already running is waited for
    if (!this.host || !summary?.sync.revision || summary.operationRunning) return;
    const trigger: Trigger = { at: new Date().toISOString(), phase: 'Running', failed: false };
    this.triggers.set(key, trigger);
    const { prune } = underRollingSync(app);
    this.host.sync(app.metadata.name, { prune }, true).then(
      (operation) => {
        trigger.phase = operation.phase;
        this.request();
      },
      () => {
        trigger.failed = true;
        this.request();
      },
    );
  }
}

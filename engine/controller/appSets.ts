// The workspace's ApplicationSets at work, as Argo CD's applicationset controller runs them: each
// set generated when it appears or changes, when a repository its git generators read moves,
// when the cluster list changes (clusters generator), and every requeueAfterSeconds; the result
// applied to the set's applications under its applicationsSync policy and kept on disk. A
// generator or template error is a condition on the set and changes none of its applications
// (they keep the last good generation). Applications removed with their resources are pruned
// through the host before they leave. The CLI (no long-running host) reads what the host left.
import type { AppSetSummary, Condition, EngineEvent } from '../api/contract.ts';
import {
  applicationsSyncPolicy,
  planApplicationsSync,
  planSetRemoval,
  type ApplicationsSyncPlan,
} from '../appset/applicationsSync.ts';
import { gitRepositories, readsServices, readsClusters, requeueAfterSeconds } from '../appset/describe.ts';
import {
  cachedRepositories,
  generateApplications,
  type AppSetLimits,
  type ArgoNamespaceSource,
  type ScmAccess,
  type ClusterSource,
  type GenerateOptions,
} from '../appset/index.ts';
import type { RepositoryCache } from '../git/index.ts';
import type { Application, ApplicationSet } from '../model/index.ts';
import { AppSetStore, emptySetRecord, type AppSetRecord } from '../store/appSetStore.ts';
import type { LoadedApplicationSet } from '../workspace/index.ts';
import { keepIgnoredFields } from '../appset/ignoreAppDifferences.ts';
import { describeOrigin, type NameClash, type ProducedApplications } from './appOrigins.ts';
import { retryDeletion } from './deletionRetry.ts';
import { describeFailure } from './failures.ts';
import { RepoChanges } from './repoChanges.ts';
import { isDeepStrictEqual } from 'node:util';
import { checkRolloutSteps } from '../appset/rollingSyncSteps.ts';
import { AppSetRollouts } from './appSetRollouts.ts';
import { AppSetDrafts } from './appSetDrafts.ts';
import { loadedOf, setSummary } from './appSetViews.ts';
import { ContractError } from '../api/errors.ts';

export interface AppSetsDeps {
  dataDir: string;
  workspaceDir: string;
  repos: RepositoryCache;
  clusters: ClusterSource;
  /** Argo CD's namespace on the cluster that plays in-cluster, as it is now; undefined when none does. */
  argoNamespace?: () => Promise<ArgoNamespaceSource | undefined>;
  scm?: () => Promise<ScmAccess>;
  /** helm and a cache folder for goTemplate sets; throws when there is no helm. */
  goTemplate(): Promise<{ helmPath: string; cacheDir: string }>;
  /** A long-running host generates, persists, watches, requeues and prunes; the CLI only reads and previews. */
  live: boolean;
  repoPollMs: number;
  limits?: Partial<AppSetLimits>;
  /** The sets' applications changed: the merged list is made again. */
  applicationsChanged(): void;
  emit(event: EngineEvent): void;
  /** Deletes the objects of an application that leaves its set with its resources. */
  pruneResources(name: string): Promise<void>;
}

/** A set as the workspace or an app-of-apps parent offers it. */
export type OfferedSet = LoadedApplicationSet & { parent?: string };

export interface SetState {
  name: string;
  /** The app-of-apps parent whose manifests define the set; null for a workspace file. */
  parent: string | null;
  /** As loaded from the workspace; null once the set left it (its policy kept its applications). */
  loaded: LoadedApplicationSet | null;
  /** The last valid definition, for what a removal does. */
  definition: ApplicationSet | null;
  record: AppSetRecord;
  problems: Condition[];
  clashes: Condition[];
  queue: Promise<void>;
  timer: NodeJS.Timeout | null;
}

const ANNOUNCE_MS = 20;

export class AppSets {
  private readonly sets = new Map<string, SetState>();
  private readonly store: AppSetStore;
  private readonly repoChanges: RepoChanges;
  private announceTimer: NodeJS.Timeout | null = null;
  private closed = false;
  /** Sets whose owed deletions are being tried now: one try at a time each. */
  private readonly finishing = new WeakSet<SetState>();
  /** Progressive syncs (RollingSync): the engine's applications are attached once it has them. */
  readonly rollouts: AppSetRollouts;
  /** Edits and previews: a set's document, its git files, its generated applications. */
  readonly drafts: AppSetDrafts;

  constructor(private readonly deps: AppSetsDeps) {
    this.store = new AppSetStore(deps.dataDir, deps.workspaceDir);
    this.rollouts = new AppSetRollouts(this.sets, (state) => void this.persist(state), deps.live);
    this.drafts = new AppSetDrafts({
      sets: this.sets,
      dataDir: deps.dataDir,
      workspaceDir: deps.workspaceDir,
      baseOptions: () => this.baseOptions(),
      generateOptions: (set) => this.generateOptions(set),
      persist: (state) => this.persist(state),
      applicationsChanged: () => deps.applicationsChanged(),
    });
    this.repoChanges = new RepoChanges(
      deps.repos,
      () =>
        [...this.sets.values()].flatMap((state) =>
          state.loaded?.definition ? gitRepositories(state.loaded.definition) : [],
        ),
      (url) => {
        for (const state of this.sets.values())
          if (state.loaded?.definition && gitRepositories(state.loaded.definition).includes(url))
            void this.generate(state.name);
      },
      deps.repoPollMs,
    );
  }

  /**
   * Loads what each set had, then (a long-running host) generates them in the background. The CLI
   * shows the durable state as the host left it, as Argo CD's CLI shows the cluster's Applications:
   * it generates only to preview.
   */
  async start(sets: readonly LoadedApplicationSet[]): Promise<void> {
    await Promise.all(sets.map((set) => this.adopt(set)));
    // a newly opened workspace's sets replace the last one's in every client, none included
    this.announce();
    if (!this.deps.live) return;
    this.repoChanges.start();
    for (const state of this.sets.values()) void this.generate(state.name);
    await this.removeLeftWhileStopped(new Set(sets.map((set) => set.name)));
  }

  /**
   * Sets whose file left the workspace while Plumbline was not running still have applications
   * (and deletions owed): they go now as their last definition's policy says, as Argo CD's
   * garbage collection removes the Applications of a deleted set when its controller is back.
   */
  private async removeLeftWhileStopped(present: ReadonlySet<string>): Promise<void> {
    for (const name of await this.store.names()) {
      if (present.has(name) || this.sets.has(name)) continue;
      const record = await this.store.read(name).catch(() => emptySetRecord());
      // a parent's set comes back with the parent's render, not from the workspace
      if (record.parent !== null) continue;
      if (record.applications.length + record.pendingDeletions.length === 0) continue;
      const state: SetState = {
        name,
        parent: null,
        loaded: null,
        definition: record.definition,
        record,
        problems: [],
        clashes: [],
        queue: Promise.resolve(),
        timer: null,
      };
      this.sets.set(name, state);
      this.deps.applicationsChanged();
      void this.remove(state);
    }
  }

  close(): void {
    this.closed = true;
    this.repoChanges.stop();
    this.rollouts.close();
    for (const state of this.sets.values()) if (state.timer) clearTimeout(state.timer);
    if (this.announceTimer) clearTimeout(this.announceTimer);
  }

  /** The workspace was loaded again: new and changed sets are generated, removed ones let go. */
  workspaceChanged(sets: readonly OfferedSet[]): void {
    const present = new Set(sets.map((set) => set.name));
    for (const set of sets) {
      const state = this.sets.get(set.name);
      if (
        state?.loaded &&
        isDeepStrictEqual(state.loaded.raw, set.raw) &&
        isDeepStrictEqual(state.loaded.origin, set.origin) &&
        state.parent === (set.parent ?? null)
      )
        continue;
      void this.adopt(set).then(() => this.generate(set.name));
    }
    for (const state of this.sets.values())
      if (state.loaded && !present.has(state.name)) void this.remove(state);
  }

  /** The registered clusters or kubeconfig contexts changed: sets that read them generate again. */
  clustersChanged(): void {
    for (const state of this.sets.values())
      if (state.loaded?.definition && readsClusters(state.loaded.definition)) void this.generate(state.name);
  }

  /**
   * What sets read besides git and the cluster list changed (the cluster playing in-cluster, a
   * generator secret, the allowed SCM providers): the sets that read it generate again.
   */
  servicesChanged(): void {
    for (const state of this.sets.values())
      if (state.loaded?.definition && readsServices(state.loaded.definition)) void this.generate(state.name);
  }

  /** Every set's applications, as producers for the merged list (sets in name order). */
  producers(): ProducedApplications[] {
    return [...this.sets.values()]
      .sort((a, b) => (a.name < b.name ? -1 : 1))
      .map((state) => ({
        origin: { kind: 'applicationSet', name: state.name },
        applications: [
          ...state.record.applications.map((app) => loadedOf(state, this.rollouts, app, false)),
          ...state.record.pendingDeletions.map((pending) =>
            loadedOf(state, this.rollouts, pending.application, true),
          ),
        ],
      }));
  }

  /** Claims the merge refused: each set says which of its applications another owner holds. */
  clashesFound(clashes: readonly NameClash[]): void {
    let changed = false;
    for (const state of this.sets.values()) {
      const mine = clashes
        .filter((clash) => clash.refused.kind === 'applicationSet' && clash.refused.name === state.name)
        .map((clash): Condition => ({
          type: 'ApplicationNameClash',
          message: `the generated application ${clash.name} is not created: ${describeOrigin(clash.heldBy)} already defines an application of that name`,
        }));
      if (!isDeepStrictEqual(mine, state.clashes)) {
        state.clashes = mine;
        changed = true;
      }
    }
    if (changed) this.announce();
  }

  list(): AppSetSummary[] {
    return [...this.sets.values()]
      .sort((a, b) => (a.name < b.name ? -1 : 1))
      .map((state) => setSummary(state, this.rollouts));
  }

  get(name: string): {
    set: AppSetSummary;
    params: Record<string, Record<string, unknown>>;
    definition: Record<string, unknown> | null;
  } | null {
    const state = this.sets.get(name);
    if (!state) return null;
    return {
      set: setSummary(state, this.rollouts),
      params: state.record.params,
      definition: state.loaded?.raw ?? null,
    };
  }

  /** A workspace set's definition; why not, when it has none that can be generated. */
  definition(name: string): ApplicationSet {
    const state = this.sets.get(name);
    if (!state?.loaded)
      throw new ContractError('invalid-input', `no ApplicationSet named ${name} in the workspace`);
    if (!state.loaded.definition)
      throw new Error(
        `ApplicationSet ${name} (${state.loaded.origin.file}) is not valid: ${state.loaded.conditions.map((c) => c.message).join('; ')}`,
      );
    return state.loaded.definition;
  }

  /** Generates one set now, after any generation of it still running. */
  generate(name: string): Promise<void> {
    const state = this.sets.get(name);
    if (!state || !this.deps.live) return Promise.resolve();
    state.queue = state.queue.then(() => this.run(state)).catch(() => undefined);
    return state.queue;
  }

  private async adopt(set: OfferedSet): Promise<void> {
    const state = this.sets.get(set.name);
    if (state) {
      state.parent = set.parent ?? null;
      state.loaded = set;
      state.definition = set.definition ?? state.definition;
      return;
    }
    let record = emptySetRecord();
    const problems: Condition[] = [];
    try {
      record = await this.store.read(set.name);
    } catch (error) {
      problems.push({ type: 'StateError', message: describeFailure(error) });
    }
    if (this.sets.has(set.name)) return this.adopt(set);
    this.sets.set(set.name, {
      name: set.name,
      parent: set.parent ?? null,
      loaded: set,
      definition: set.definition,
      record,
      problems,
      clashes: [],
      queue: Promise.resolve(),
      timer: null,
    });
    if (record.applications.length + record.pendingDeletions.length > 0) this.deps.applicationsChanged();
  }

  /** What every generation reads: clusters, repositories, the SCM access, the limits. */
  private async baseOptions(): Promise<GenerateOptions> {
    const argoNamespace = await this.deps.argoNamespace?.();
    const scm = await this.deps.scm?.();
    return {
      ...(scm ? { scm } : {}),
      clusters: this.deps.clusters,
      repositories: cachedRepositories(this.deps.repos),
      ...(argoNamespace ? { argoNamespace } : {}),
      ...(this.deps.limits ? { limits: this.deps.limits } : {}),
    };
  }

  /** The base, and helm for a goTemplate set (throws when there is no helm). */
  private async generateOptions(set: ApplicationSet): Promise<GenerateOptions> {
    const base = await this.baseOptions();
    return set.spec.goTemplate === true ? { ...base, goTemplate: await this.deps.goTemplate() } : base;
  }

  private async run(state: SetState): Promise<void> {
    if (this.closed || !state.loaded) return;
    const set = state.loaded.definition;
    if (!set) {
      const why = state.loaded.conditions.map((c) => c.message).join('; ');
      this.setProblems(state, [{ type: 'InvalidSpecError', message: `the set is not valid: ${why}` }]);
      return;
    }
    let generated: Awaited<ReturnType<typeof generateApplications>>;
    let desired: Application[];
    try {
      generated = await generateApplications(set, await this.generateOptions(set));
      desired = await keepIgnoredFields(
        set,
        state.record.applications,
        generated.map((app) => app.application),
      );
      checkRolloutSteps(set);
    } catch (error) {
      this.setProblems(state, [{ type: 'ErrorOccurred', message: describeFailure(error) }]);
      this.requeue(state, set);
      return;
    }
    if (this.closed || state.loaded?.definition !== set) return;
    const plan = planApplicationsSync(set, state.record.applications, desired);
    const params = Object.fromEntries(generated.map((app) => [app.name, app.params]));
    this.rollouts.generated(state.name, set, state.record.applications, plan.next);
    // the generation's error goes as its applications come: no client sees the new ones beside it
    this.setProblems(
      state,
      state.problems.filter((p) => p.type === 'DeletionError'),
    );
    await this.applyPlan(state, plan, params);
    this.requeue(state, set);
  }

  private async applyPlan(
    state: SetState,
    plan: ApplicationsSyncPlan,
    params: Record<string, Record<string, unknown>>,
  ): Promise<void> {
    const kept = new Set(plan.next.map((app) => app.metadata.name));
    const record: AppSetRecord = {
      definition: state.definition,
      parent: state.parent,
      applications: plan.next,
      params: Object.fromEntries(
        Object.entries({ ...state.record.params, ...params }).filter(([name]) => kept.has(name)),
      ),
      generatedAt: new Date().toISOString(),
      pendingDeletions: [
        ...state.record.pendingDeletions.filter((pending) => !kept.has(pending.name)),
        ...plan.deleted
          .filter((deleted) => deleted.pruneResources)
          .map(({ name, application }) => ({ name, application })),
      ],
      applicationStatus: state.record.applicationStatus,
    };
    const changed =
      !isDeepStrictEqual(record.applications, state.record.applications) ||
      !isDeepStrictEqual(record.pendingDeletions, state.record.pendingDeletions);
    state.record = record;
    // the applications follow at once; what reaches the disk is for the next start
    if (changed) this.deps.applicationsChanged();
    await this.persist(state);
    if (this.deps.live && record.pendingDeletions.length > 0) void this.finishDeletions(state);
  }

  /** Prunes the resources of the applications removed with them; what fails is tried again next time. */
  private async finishDeletions(state: SetState, attempt = 0): Promise<void> {
    if (this.finishing.has(state) || this.closed) return;
    this.finishing.add(state);
    const failures: Condition[] = [];
    try {
      await this.prunePending(state, failures);
    } finally {
      this.finishing.delete(state);
    }
    this.setProblems(state, [...state.problems.filter((p) => p.type !== 'DeletionError'), ...failures]);
    if (!state.loaded && state.record.applications.length + state.record.pendingDeletions.length === 0)
      this.sets.delete(state.name);
    // tried again on its own, not only at the set's next generation (a list set may have none)
    if (failures.length > 0) retryDeletion(attempt, () => void this.finishDeletions(state, attempt + 1));
  }

  /** Prunes each owed deletion once, those owed while this runs included. */
  private async prunePending(state: SetState, failures: Condition[]): Promise<void> {
    const tried = new Set<string>();
    for (;;) {
      const pending = state.record.pendingDeletions.find((owed) => !tried.has(owed.name));
      if (!pending) return;
      tried.add(pending.name);
      try {
        await this.deps.pruneResources(pending.name);
        state.record.pendingDeletions = state.record.pendingDeletions.filter((p) => p.name !== pending.name);
        await this.persist(state);
        this.deps.applicationsChanged();
      } catch (error) {
        failures.push({
          type: 'DeletionError',
          message: `the application ${pending.name} left the set but its resources could not be deleted: ${describeFailure(error)}`,
        });
      }
    }
  }

  /** A set gone from the workspace: its applications go with it unless its policy keeps them. */
  private async remove(state: SetState): Promise<void> {
    state.loaded = null;
    if (!this.deps.live) return;
    if (state.timer) clearTimeout(state.timer);
    state.queue = state.queue.then(async () => {
      if (state.loaded) return; // it came back meanwhile
      const plan = state.definition ? planSetRemoval(state.definition, state.record.applications) : null;
      if (plan) await this.applyPlan(state, plan, {});
      const kept = state.record.applications.length;
      this.setProblems(
        state,
        kept > 0
          ? [
              {
                type: 'ApplicationSetRemoved',
                message: `the set left the workspace; its policy ${state.definition ? applicationsSyncPolicy(state.definition) : ''} keeps its ${kept} application(s)`,
              },
            ]
          : [],
      );
      if (kept + state.record.pendingDeletions.length === 0) this.sets.delete(state.name);
      this.announce();
    });
    await state.queue;
  }

  private requeue(state: SetState, set: ApplicationSet): void {
    if (!this.deps.live || this.closed) return;
    if (state.timer) clearTimeout(state.timer);
    const seconds = requeueAfterSeconds(set);
    if (seconds === null) return;
    state.timer = setTimeout(() => void this.generate(state.name), seconds * 1000);
    state.timer.unref();
  }

  private async persist(state: SetState): Promise<void> {
    this.announce();
    if (!this.deps.live) return;
    try {
      await this.store.write(state.name, {
        ...state.record,
        definition: state.definition,
        parent: state.parent,
      });
    } catch (error) {
      state.problems = [...state.problems, { type: 'StateError', message: describeFailure(error) }];
    }
  }

  private setProblems(state: SetState, problems: Condition[]): void {
    state.problems = problems;
    this.announce();
  }

  private announce(): void {
    if (this.announceTimer || this.closed) return;
    this.announceTimer = setTimeout(() => {
      this.announceTimer = null;
      this.deps.emit({ event: 'appsets.changed', payload: { sets: this.list() } });
    }, ANNOUNCE_MS);
    this.announceTimer.unref();
  }
}

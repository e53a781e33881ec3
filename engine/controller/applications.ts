// The applications of the workspace and what each renders to. Loads and watches the workspace
// folder, renders every application from git (one render at a time per application, again at
// least every reconciliation period), turns every failure into a condition on that application
// alone, runs its operations (sync, rollback) through AppOperationRunner, and announces changes.
import type { AppSummary, Manifests, ProjectSummary, WorkspaceInfo } from '../api/contract.ts';
import { ContractError } from '../api/errors.ts';
import { appProjectName, type Application } from '../model/index.ts';
import { SyncWindowWatch, windowsAllow } from './syncWindowWatch.ts';
import {
  loadWorkspace,
  watchWorkspace,
  type LoadedApplication,
  type NameChanges,
  type Workspace,
  type WorkspaceWatcher,
} from '../workspace/index.ts';
import {
  idleRuntime,
  pinSummary,
  summarize,
  withHealthProblem,
  withProblem,
  type AppRuntime,
} from './appSummary.ts';
import { describeFailure } from './failures.ts';
import { AppRenders } from './appRenders.ts';
import { manifestsOf } from './renderApp.ts';
import { RepoChanges } from './repoChanges.ts';
import { LiveComparisons } from './liveComparisons.ts';
import { AutoSyncRunner, type AutoSyncCandidate } from './autoSyncRunner.ts';
import { ForeignLeases } from './foreignLeases.ts';
import { isGitWorkspace } from '../workspace/git.ts';
import { AppStateStore } from '../store/appStateStore.ts';
import type { Settings } from '../store/settings.ts';
import { AppOperations } from './appOperations.ts';
import { AppOperationRunner } from './appOperationRunner.ts';
import { appLiveWork } from './appLiveWork.ts';
import type { AppLiveViews } from './appLiveViews.ts';
import type { AppResources } from './appResources.ts';
import type { AppOrphans } from './appOrphans.ts';
import { ReconcileSchedule } from './reconcileSchedule.ts';
import { AppRollbacks } from './appRollbacks.ts';
import { projectSummaries, workspaceInfo } from './workspaceSummary.ts';
import { createDefinition, updateDefinition } from './definitionEdits.ts';
import { keepScrubbedCredentials } from './keptCredentials.ts';
import type { ApplicationsDeps, SyncRequest } from './applicationsDeps.ts';
import { AppsAnnouncer } from './appsAnnouncer.ts';
import type { AppSets } from './appSets.ts';
import { appSetsFor } from './appSetsFor.ts';
import type { OwnedApplication } from './appOrigins.ts';
import { mergedApplications } from './mergedApplications.ts';
import { AppChildren } from './appChildren.ts';
import { AppDeletions, type DeletionRequest } from './appDeletions.ts';
import { ArgoCdPresence, MANAGED_BY_ARGOCD } from './argoCdPresence.ts';

export type { ApplicationsDeps, SyncRequest } from './applicationsDeps.ts';

export class Applications {
  private watcher: WorkspaceWatcher | null = null;
  private workspace: Workspace | null = null;
  /** The workspace's own applications and those its ApplicationSets generate, one owner per name. */
  private merged: OwnedApplication[] = [];
  private started = false;
  readonly appSets: AppSets;
  /** The child applications of "app of apps" parents. */
  private readonly children: AppChildren;
  private readonly runtimes = new Map<string, AppRuntime>();
  private readonly renders: AppRenders;
  private isGit = false;
  private readonly repoChanges: RepoChanges;
  private readonly comparisons: LiveComparisons;
  private readonly autoSync: AutoSyncRunner;
  private readonly state: AppStateStore;
  private readonly operations: AppOperations;
  private readonly runner: AppOperationRunner;
  private schedule: ReconcileSchedule | null = null;
  readonly rollbacks: AppRollbacks;
  /** The tree, diff, manifests and events of an application's live objects. */
  readonly live: AppLiveViews;
  /** A user's work on one live object: actions, delete, edit. */
  readonly resources: AppResources;
  /** Objects of the destination namespace no application tracks (the project's orphanedResources). */
  readonly orphans: AppOrphans;
  private readonly windows: SyncWindowWatch;
  private readonly foreignLeases: ForeignLeases;
  readonly deletions: AppDeletions;
  private readonly argoCd: ArgoCdPresence;
  private readonly announcer = new AppsAnnouncer(
    () => this.list(),
    (payload) => this.deps.emit({ event: 'apps.changed', payload }),
  );

  constructor(private readonly deps: ApplicationsDeps) {
    this.state = new AppStateStore(deps.dataDir, deps.workspaceDir);
    this.appSets = appSetsFor(deps, {
      applicationsChanged: () => this.remerge(),
      pruneResources: (name) => this.runner.pruneResources(name),
    });
    this.children = new AppChildren(
      () => this.remerge(),
      (name) => this.runner.pruneResources(name),
      deps.renderOnStart,
    );
    this.autoSync = new AutoSyncRunner(
      this.state,
      (name) => this.autoSyncCandidate(name),
      (name, prune) => this.sync(name, { prune }, true),
      deps.operationSlots,
      // Argo CD shows an automated sync that could not start as a SyncError condition
      (name, problem) => this.showProblem(name, 'SyncError', problem),
    );
    this.foreignLeases = new ForeignLeases({
      leases: deps.leases,
      where: (name) => {
        const app = this.loaded().find((loaded) => loaded.name === name)?.definition;
        const context = this.renders.context(name);
        if (!app || !context || !this.runtimes.has(name) || this.operations.isRunning(name)) return null;
        return { connection: deps.live.connection(context), namespace: app.spec.destination.namespace };
      },
      seen: (name, lease) => this.changeRuntime(name, { lease }),
    });
    this.renders = new AppRenders({
      ...deps,
      loaded: (name) => this.loaded().find((app) => app.name === name),
      project: (app) =>
        this.workspace?.projects.find((p) => p.name === appProjectName(app))?.definition ?? undefined,
      runtime: (name) => this.runtimeOf(name),
      pinned: (name) =>
        this.state.read(name).then(
          (record) => record.pin?.revisions,
          () => undefined,
        ),
      announce: () => this.announce(),
      rendered: (name) => this.rendered(name),
      childrenRendered: (name, file, objects) => this.children.rendered(name, file, objects),
    });
    this.rollbacks = new AppRollbacks({
      state: this.state,
      repos: deps.repos,
      settings: () => this.settings(),
      definition: (name) => this.find(name).definition,
      validApp: (name) => this.validApp(name),
      ensureRendered: (name) => this.ensureRendered(name),
      currentRevisions: (name) => this.renders.result(name)?.revisions ?? [],
      destinationContext: (name) => this.destinationContext(name),
      renderAt: (app, context, revisions) => this.renders.renderAt(app, context, revisions),
      preview: (target) => this.comparisons.preview(target),
      operate: (name, order) => this.runner.operate(name, order),
      untilIdle: (name) => this.operations.untilIdle(name),
      setPin: (name, pin) => this.setPin(name, pin),
      summary: (name) => this.get(name).app,
    });
    this.argoCd = new ArgoCdPresence({
      connection: (name) => {
        const context = this.renders.context(name);
        return context ? deps.live.connection(context) : undefined;
      },
      changed: (name, problem) => this.showProblem(name, MANAGED_BY_ARGOCD, problem),
    });
    this.deletions = new AppDeletions({
      workspaceDir: deps.workspaceDir,
      find: (name) => this.find(name),
      project: (app) =>
        this.workspace?.projects.find((p) => p.name === appProjectName(app))?.definition ?? undefined,
      ensureRendered: (name) => this.ensureRendered(name),
      desired: (name) => this.renders.result(name)?.objects,
      cluster: (name) => this.renders.destinationCluster(name),
      cacheFor: (app, context, desired) => this.comparisons.cacheFor({ app, context, desired: [...desired] }),
      operationRunning: (name) => this.operations.isRunning(name),
      reload: () => this.reload(),
    });
    this.comparisons = new LiveComparisons(
      deps.live,
      (name, result) => {
        const conditions = withHealthProblem(
          this.runtimes.get(name)?.conditions ?? [],
          deps.healthCustomizations.problem(),
        );
        this.changeRuntime(name, {
          sync: result.sync,
          health: result.health,
          conditions,
          liveSource: result.liveSource,
        });
        // an application another Argo CD still manages is not auto-synced (see argoCdPresence.ts)
        void this.argoCd.check(name).then(() => this.autoSync.runIfDue(name));
        void this.orphans.check(name);
      },
      deps.healthCustomizations,
      deps.unchangedByApply,
    );
    ({
      live: this.live,
      resources: this.resources,
      orphans: this.orphans,
    } = appLiveWork({
      engine: deps,
      renders: this.renders,
      comparisons: this.comparisons,
      find: (name) => this.find(name),
      validApp: (name) => this.validApp(name),
      projects: () => this.workspace?.projects ?? [],
      applications: () => new Set(this.loaded().map((app) => app.name)),
      problem: (name, type, message) => this.showProblem(name, type, message),
      compare: (name) => this.compare(name),
      refresh: (name) => this.refresh(name, false),
    }));
    this.windows = new SyncWindowWatch({
      workspace: () => this.workspace,
      current: (name) => this.runtimes.get(name)?.syncWindows,
      changed: (name, syncWindows) => this.changeRuntime(name, { syncWindows }),
      // compared again: auto-sync and a held interrupted operation get their chance
      opened: (name) => void this.rendered(name),
    });
    this.repoChanges = RepoChanges.forApplications(
      deps.repos,
      () => this.loaded(),
      (name) => void this.render(name, false),
      deps.repoPollMs,
    );
    this.operations = new AppOperations({
      store: this.state,
      leases: deps.leases,
      live: deps.live,
      comparisons: this.comparisons,
      report: (name, operation) => this.deps.emit({ event: 'apps.operation', payload: { name, operation } }),
      statusChanged: (name, change) => {
        this.changeRuntime(name, change);
        if (change.lease && !change.lease.heldByUs) this.foreignLeases.recheck(name);
      },
    });
    this.runner = new AppOperationRunner({
      operations: this.operations,
      renders: this.renders,
      comparisons: this.comparisons,
      autoSync: this.autoSync,
      definition: (name) => this.find(name).definition,
      projects: () => this.workspace?.projects ?? [],
      conditions: (name) => this.get(name).app.conditions,
      syncWindows: (name) => this.runtimes.get(name)?.syncWindows,
      ensureRendered: (name) => this.ensureRendered(name),
      compare: (name) => this.compare(name),
    });
  }

  async start(): Promise<void> {
    this.watcher = await watchWorkspace(this.deps.workspaceDir, (change) => {
      this.workspace = change.workspace;
      this.appSets.workspaceChanged(change.workspace.applicationSets);
      this.remerge(change.applications.changed);
      // Projects and ApplicationSets are announced with the workspace: their change may change
      // no application.
      const changed = (names: NameChanges) =>
        names.added.length + names.changed.length + names.removed.length > 0;
      if (change.problemsChanged || changed(change.applicationSets) || changed(change.projects))
        void this.announceWorkspace();
    });
    this.workspace = this.watcher.workspace;
    this.isGit = await isGitWorkspace(this.deps.workspaceDir);
    await this.appSets.start(this.workspace.applicationSets);
    this.remerge();
    this.started = true;
    await Promise.all(this.loaded().map((app) => this.restore(app)));
    this.windows.check();
    if (this.deps.renderOnStart) {
      this.settingsChanged(await this.settings());
      this.repoChanges.start();
      this.windows.start();
    }
  }

  /** Settings changed (or first read): a new reconciliation period, and every app rendered again. */
  settingsChanged({ reconciliation }: Settings): void {
    if (!this.deps.renderOnStart) return;
    this.schedule?.stop();
    this.schedule = ReconcileSchedule.fromSettings(reconciliation, (name) => void this.reconcile(name));
    for (const app of this.loaded()) void this.render(app.name, false);
  }

  close(): void {
    this.appSets.close();
    this.announcer.close();
    this.watcher?.close();
    this.repoChanges.stop();
    this.schedule?.stop();
    this.foreignLeases.close();
    this.windows.stop();
    this.autoSync.close();
  }

  /** What the durable state says of an application: its pin, last sync, auto-sync, interrupted work. */
  private async restore(loaded: LoadedApplication): Promise<void> {
    const runtime = this.runtimeOf(loaded.name);
    try {
      const record = await this.state.read(loaded.name);
      runtime.pin = pinSummary(record.pin);
      this.autoSync.restore(loaded.name, record);
      this.comparisons.rememberDeployed(loaded.name, record.deployedTypes);
      if (!loaded.definition) return;
      const retry = await this.operations.recover(loaded.definition);
      // only a long-running host retries; a CLI command does what it was asked and nothing more
      if (retry && this.deps.renderOnStart) this.runner.hold(loaded.name, retry);
    } catch (error) {
      runtime.conditions.push({ type: 'StateError', message: describeFailure(error) });
    }
  }

  /** What the engine learned of a loaded application, announced to every client. */
  private changeRuntime(name: string, change: Partial<AppRuntime>): void {
    const runtime = this.runtimes.get(name);
    if (!runtime) return;
    Object.assign(runtime, change);
    this.announce();
  }

  /** One problem of this condition type on the application (null: none), announced when it changes. */
  private showProblem(name: string, type: string, message: string | null): void {
    const conditions = this.runtimes.get(name)?.conditions ?? [];
    if ((conditions.find((c) => c.type === type)?.message ?? null) === message) return;
    this.changeRuntime(name, { conditions: withProblem(conditions, type, message) });
  }

  private runtimeOf(name: string): AppRuntime {
    const runtime = this.runtimes.get(name) ?? idleRuntime();
    this.runtimes.set(name, runtime);
    return runtime;
  }

  /** The reconciliation period ran out: render again (new commits too) and check who holds the lease. */
  private async reconcile(name: string): Promise<void> {
    await this.render(name, false);
    await this.foreignLeases.check(name);
  }

  list(): AppSummary[] {
    return this.loaded().map((app) => summarize(app, this.runtimes.get(app.name) ?? idleRuntime()));
  }

  get(name: string): { app: AppSummary; definition: Record<string, unknown> } {
    const loaded = this.find(name);
    return { app: summarize(loaded, this.runtimes.get(name) ?? idleRuntime()), definition: loaded.raw };
  }

  projects(): ProjectSummary[] {
    return projectSummaries(this.workspace && { ...this.workspace, applications: this.merged });
  }

  info(): WorkspaceInfo {
    return workspaceInfo(this.workspace, {
      dir: this.deps.workspaceDir,
      isGitRepository: this.isGit,
      isDemo: this.deps.isDemo,
    });
  }

  async create(definition: Record<string, unknown>): Promise<AppSummary> {
    const name = await createDefinition(this.deps.workspaceDir, this.loaded(), definition);
    return this.afterWrite(name);
  }

  async update(name: string, definition: Record<string, unknown>): Promise<AppSummary> {
    const stored = this.ownFile(name).raw;
    await updateDefinition(this.deps.workspaceDir, name, keepScrubbedCredentials(definition, stored));
    return this.afterWrite(name);
  }

  /** Deletes the application as Argo CD does (see appDeletions.ts), its definition last. */
  delete(name: string, request: DeletionRequest = {}) {
    this.ownFile(name);
    return this.deletions.delete(name, request);
  }

  async manifests(name: string, hardRefresh = false): Promise<Manifests> {
    this.find(name);
    if (hardRefresh) await this.render(name, true);
    else await this.ensureRendered(name);
    const rendered = this.renders.result(name);
    if (rendered) return manifestsOf(name, rendered);
    // The definition's own conditions too: an invalid application never reaches a render.
    const { conditions } = this.get(name).app;
    const reason =
      conditions.map((c) => `${c.type}: ${c.message}`).join('; ') || 'the application could not be rendered';
    throw new ContractError('failed', `${name}: ${reason}`);
  }

  async refresh(name: string, hard: boolean): Promise<AppSummary> {
    this.find(name);
    await this.render(name, hard);
    await this.compare(name);
    return this.get(name).app;
  }

  /** The settings file; an unreadable one counts as empty here (its problem is reported elsewhere). */
  private settings(): Promise<Settings> {
    return this.deps.settings.read().catch(() => ({}) as Settings);
  }

  private loaded(): LoadedApplication[] {
    return this.merged;
  }

  /** An application a workspace file defines: a generated one is changed through what generates it. */
  private ownFile(name: string): LoadedApplication {
    const found = this.merged.find((app) => app.name === name);
    if (found && found.owner.kind !== 'workspace')
      throw new ContractError(
        'invalid-input',
        `${name} is generated by ${found.owner.kind === 'applicationSet' ? `ApplicationSet ${found.owner.name}` : `the manifests of ${found.owner.name}`}: change it there`,
      );
    return this.find(name);
  }

  /**
   * Makes the merged list again (the workspace or a set changed): applications that went away are
   * forgotten, new ones restored and rendered, changed ones (and `alsoChanged`) rendered again.
   */
  private remerge(alsoChanged: readonly string[] = []): void {
    const producers = [...this.appSets.producers(), ...this.children.producers()];
    const { applications, change } = mergedApplications(this.workspace, producers, this.appSets, this.merged);
    this.merged = applications;
    if (!this.started) return;
    for (const name of change.removed) this.forget(name);
    // a parent gone takes its children (after this merge: forgetting them merges again)
    for (const name of change.removed) queueMicrotask(() => this.children.forget(name));
    for (const name of change.added) void this.restore(this.find(name)).then(() => this.render(name, false));
    for (const name of new Set([...change.changed, ...alsoChanged]))
      if (this.merged.some((app) => app.name === name)) void this.render(name, false);
    this.windows.check();
    this.announce();
  }

  private find(name: string): LoadedApplication {
    const found = this.loaded().find((app) => app.name === name);
    if (!found) throw new ContractError('invalid-input', `no application named ${name}`);
    return found;
  }

  /** The watcher sees our writes too, later; reloading now makes the answer reflect the write. */
  private async afterWrite(name: string): Promise<AppSummary> {
    await this.reload();
    void this.render(name, false);
    return this.get(name).app;
  }

  private async reload(): Promise<void> {
    this.workspace = await loadWorkspace(this.deps.workspaceDir);
    this.appSets.workspaceChanged(this.workspace.applicationSets);
    this.remerge();
  }

  private forget(name: string): void {
    this.runtimes.delete(name);
    this.renders.forget(name);
    this.comparisons.forget(name);
    this.autoSync.forget(name);
    this.schedule?.forget(name);
    this.runner.forget(name);
  }

  private async ensureRendered(name: string): Promise<void> {
    if (!this.renders.result(name)) await this.render(name, false);
  }

  private render(name: string, hardRefresh: boolean): Promise<void> {
    return this.renders.render(name, hardRefresh);
  }

  /** After every render: restart the reconciliation period, compare, and resume interrupted work. */
  private async rendered(name: string): Promise<void> {
    this.schedule?.restart(name);
    await this.compare(name);
    this.runner.resume(name);
  }

  /** Brings the cluster to what git says for one application (or shows what would change). */
  sync(name: string, options: SyncRequest, automated = false) {
    return this.runner.sync(name, options, automated);
  }

  terminate(name: string): boolean {
    this.find(name);
    return this.operations.terminate(name);
  }

  /** Pins an application to revisions (or unpins it) and renders it again. */
  async setPin(name: string, pin: { revisions: Array<string | null>; since: string } | null): Promise<void> {
    await this.state.update(name, (record) => {
      record.pin = pin;
    });
    this.runtimeOf(name).pin = pinSummary(pin);
    await this.render(name, false);
  }

  validApp(name: string): Application {
    const app = this.find(name).definition;
    if (!app) throw new ContractError('invalid-input', `${name}: its definition is invalid`);
    return app;
  }

  /** Where an application stands for auto-sync: never while pinned, busy or rolling back. */
  private autoSyncCandidate(name: string): AutoSyncCandidate | null {
    const app = this.loaded().find((loaded) => loaded.name === name)?.definition;
    const rendered = this.renders.result(name);
    const runtime = this.runtimes.get(name);
    if (!app || !rendered || !runtime || runtime.pin || this.operations.isRunning(name)) return null;
    if (!windowsAllow(runtime.syncWindows, true)) return null;
    if (this.runner.holds(name) || this.rollbacks.inProgress(name)) return null;
    if (this.deletions.inProgress(name) || this.argoCd.manages(name)) return null;
    // only a comparison at the rendered revisions says whether they are out of sync
    const comparison = this.comparisons.result(name);
    if (comparison?.revisions.join(',') !== rendered.revisions.join(',')) return null;
    return {
      app,
      revisions: rendered.revisions.join(','),
      outOfSync: comparison.sync.status === 'OutOfSync',
      desiredCount: rendered.objects.length,
    };
  }

  /**
   * Live objects of a cluster changed: compare again, from the desired state already rendered,
   * the applications these objects concern — every application there when no keys are given
   * (the cluster's reachability changed).
   */
  liveChanged(context: string, changedKeys?: ReadonlySet<string>): void {
    const deployed = this.renders.deployedTo(context);
    const concerned =
      changedKeys && changedKeys.size > 0 ? this.comparisons.concerned(context, changedKeys) : null;
    for (const name of deployed) if (!concerned || concerned.has(name)) void this.compare(name);
  }

  /** The kubeconfig context an application deploys to, for work on its live objects. */
  destinationContext(name: string): string {
    this.find(name);
    const context = this.renders.context(name);
    if (!context)
      throw new ContractError('failed', `${name}: its destination is not a cluster Plumbline can reach`);
    return context;
  }

  private compare(name: string): Promise<void> {
    return this.comparisons.request(() => {
      const app = this.loaded().find((loaded) => loaded.name === name)?.definition;
      const context = this.renders.context(name);
      const rendered = this.renders.result(name);
      return app && context && rendered
        ? { app, context, desired: rendered.objects, revisions: rendered.revisions }
        : null;
    }, name);
  }

  private announce(): void {
    this.announcer.request();
  }

  private async announceWorkspace(): Promise<void> {
    this.deps.emit({ event: 'workspace.changed', payload: this.info() });
  }
}

// The applications of the workspace and what each renders to: which there are comes from
// AppMembership; each is rendered from git (one render at a time per application, again at least
// every reconciliation period) and compared, every failure a condition on that application
// alone; its operations run through AppOperationRunner; what is learned lives in AppRuntimes.
import type { AppSummary, Manifests, ProjectSummary, WorkspaceInfo } from '../api/contract.ts';
import { ContractError } from '../api/errors.ts';
import type { Application } from '../model/index.ts';
import { SyncWindowWatch } from './syncWindowWatch.ts';
import type { LoadedApplication } from '../workspace/index.ts';
import { pinSummary, withHealthProblem } from './appSummary.ts';
import { describeFailure } from './failures.ts';
import { AppRenders } from './appRenders.ts';
import { RepoChanges } from './repoChanges.ts';
import { LiveComparisons } from './liveComparisons.ts';
import { AutoSyncRunner, autoSyncCandidate, type AutoSyncCandidate } from './autoSyncRunner.ts';
import { ForeignLeases } from './foreignLeases.ts';
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
import type { ApplicationsDeps, SyncRequest } from './applicationsDeps.ts';
import { AppRuntimes } from './appRuntimes.ts';
import type { AppSets } from './appSets.ts';
import { appSetsFor } from './appSetsFor.ts';
import { AppMembership, type MembershipChange } from './appMembership.ts';
import { AppChildren } from './appChildren.ts';
import { AppDeletions, type DeletionRequest } from './appDeletions.ts';
import { ArgoCdPresence, MANAGED_BY_ARGOCD } from './argoCdPresence.ts';

export type { ApplicationsDeps, SyncRequest } from './applicationsDeps.ts';

export class Applications {
  /** Which applications there are: the workspace's and those generated for it. */
  private readonly membership: AppMembership;
  readonly appSets: AppSets;
  /** The child applications of "app of apps" parents. */
  private readonly children: AppChildren;
  private readonly runtimes: AppRuntimes;
  private readonly renders: AppRenders;
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

  constructor(private readonly deps: ApplicationsDeps) {
    this.state = new AppStateStore(deps.dataDir, deps.workspaceDir);
    this.runtimes = new AppRuntimes(
      () => this.loaded(),
      (payload) => deps.emit({ event: 'apps.changed', payload }),
    );
    this.appSets = appSetsFor(deps, {
      applicationsChanged: () => this.membership.remerge(),
      pruneResources: (name) => this.runner.pruneResources(name),
    });
    this.children = new AppChildren(
      {
        changed: () => this.membership.remerge(),
        pruneResources: (name) => this.runner.pruneResources(name),
        projectsChanged: (names) => this.membership.projectsChanged(names),
        setsChanged: () => this.membership.setsChanged(),
      },
      deps.renderOnStart,
    );
    this.membership = new AppMembership({
      engine: deps,
      appSets: this.appSets,
      children: this.children,
      changed: (change) => this.membersChanged(change),
      written: (name) => {
        void this.render(name, false);
        return Promise.resolve(this.get(name).app);
      },
    });
    this.autoSync = new AutoSyncRunner(
      this.state,
      (name) => this.autoSyncCandidate(name),
      (name, prune) => this.sync(name, { prune }, true),
      deps.operationSlots,
      // Argo CD shows an automated sync that could not start as a SyncError condition
      (name, problem) => this.runtimes.showProblem(name, 'SyncError', problem),
    );
    this.foreignLeases = new ForeignLeases({
      leases: deps.leases,
      where: (name) => {
        const app = this.loaded().find((loaded) => loaded.name === name)?.definition;
        const context = this.renders.context(name);
        if (!app || !context || !this.runtimes.get(name) || this.operations.isRunning(name)) return null;
        return { connection: deps.live.connection(context), namespace: app.spec.destination.namespace };
      },
      seen: (name, lease) => this.runtimes.change(name, { lease }),
    });
    this.renders = new AppRenders({
      ...deps,
      loaded: (name) => this.loaded().find((app) => app.name === name),
      project: (app) => this.membership.projectOf(app),
      runtime: (name) => this.runtimes.of(name),
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
      changed: (name, problem) => this.runtimes.showProblem(name, MANAGED_BY_ARGOCD, problem),
    });
    this.deletions = new AppDeletions({
      workspaceDir: deps.workspaceDir,
      find: (name) => this.find(name),
      project: (app) => this.membership.projectOf(app),
      ensureRendered: (name) => this.ensureRendered(name),
      desired: (name) => this.renders.result(name)?.objects,
      cluster: (name) => this.renders.destinationCluster(name),
      cacheFor: (app, context, desired) => this.comparisons.cacheFor({ app, context, desired: [...desired] }),
      operationRunning: (name) => this.operations.isRunning(name),
      reload: () => this.membership.reload(),
    });
    this.comparisons = new LiveComparisons(
      deps.live,
      (name, result) => {
        const conditions = withHealthProblem(
          this.runtimes.get(name)?.conditions ?? [],
          deps.healthCustomizations.problem(),
        );
        this.runtimes.change(name, {
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
      projects: () => this.membership.projects(),
      applications: () => new Set(this.loaded().map((app) => app.name)),
      problem: (name, type, message) => this.runtimes.showProblem(name, type, message),
      compare: (name) => this.compare(name),
      refresh: (name) => this.refresh(name, false),
    }));
    this.windows = new SyncWindowWatch({
      workspace: () => this.membership.workspace,
      current: (name) => this.runtimes.get(name)?.syncWindows,
      changed: (name, syncWindows) => this.runtimes.change(name, { syncWindows }),
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
        this.runtimes.change(name, change);
        if (change.lease && !change.lease.heldByUs) this.foreignLeases.recheck(name);
      },
    });
    this.runner = new AppOperationRunner({
      operations: this.operations,
      renders: this.renders,
      comparisons: this.comparisons,
      autoSync: this.autoSync,
      definition: (name) => this.find(name).definition,
      projects: () => this.membership.projects(),
      conditions: (name) => this.get(name).app.conditions,
      syncWindows: (name) => this.runtimes.get(name)?.syncWindows,
      ensureRendered: (name) => this.ensureRendered(name),
      compare: (name) => this.compare(name),
    });
  }

  async start(): Promise<void> {
    await this.membership.start();
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
    // inClusterDestination names the cluster whose argocd namespace they read; allowedScmProviders
    this.appSets.servicesChanged();
  }

  close(): void {
    this.appSets.close();
    this.runtimes.close();
    this.membership.close();
    this.repoChanges.stop();
    this.schedule?.stop();
    this.foreignLeases.close();
    this.windows.stop();
    this.autoSync.close();
  }

  /** What the durable state says of an application: its pin, last sync, auto-sync, interrupted work. */
  private async restore(loaded: LoadedApplication): Promise<void> {
    const runtime = this.runtimes.of(loaded.name);
    try {
      const record = await this.state.read(loaded.name);
      runtime.pin = pinSummary(record.pin);
      this.autoSync.restore(loaded.name, record);
      this.comparisons.rememberDeployed(loaded.name, record.deployedTypes);
      if (loaded.definition)
        await this.runner.recover(loaded.name, loaded.definition, this.deps.renderOnStart);
    } catch (error) {
      runtime.conditions.push({ type: 'StateError', message: describeFailure(error) });
    }
  }

  /** The reconciliation period ran out: render again (new commits too) and check who holds the lease. */
  private async reconcile(name: string): Promise<void> {
    await this.render(name, false);
    await this.foreignLeases.check(name);
  }

  list(): AppSummary[] {
    return this.runtimes.list();
  }

  get(name: string): { app: AppSummary; definition: Record<string, unknown> } {
    const loaded = this.find(name);
    return { app: this.runtimes.summary(loaded), definition: loaded.raw };
  }

  projects(): ProjectSummary[] {
    return this.membership.projectSummaries();
  }

  info(): WorkspaceInfo {
    return this.membership.info();
  }

  create(definition: Record<string, unknown>): Promise<AppSummary> {
    return this.membership.create(definition);
  }

  update(name: string, definition: Record<string, unknown>): Promise<AppSummary> {
    return this.membership.update(name, definition);
  }

  /** Deletes the application as Argo CD does (see appDeletions.ts), its definition last. */
  delete(name: string, request: DeletionRequest = {}) {
    this.membership.ownFile(name);
    return this.deletions.delete(name, request);
  }

  manifests(name: string, hardRefresh = false): Promise<Manifests> {
    this.find(name);
    return this.renders.manifests(name, hardRefresh, () => this.get(name).app.conditions);
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
    return this.membership.loaded();
  }

  private find(name: string): LoadedApplication {
    return this.membership.find(name);
  }

  /**
   * The list changed: applications that went away are forgotten, new ones restored and
   * rendered, changed ones rendered again.
   */
  private membersChanged({ added, removed, changed }: MembershipChange): void {
    for (const name of removed) this.forget(name);
    // a parent gone takes its children (after this merge: forgetting them merges again)
    for (const name of removed) queueMicrotask(() => this.children.forget(name));
    for (const name of added) void this.restore(this.find(name)).then(() => this.render(name, false));
    for (const name of changed) void this.render(name, false);
    this.windows.check();
    this.announce();
  }

  private forget(name: string): void {
    this.runtimes.forget(name);
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
    this.runtimes.of(name).pin = pinSummary(pin);
    await this.render(name, false);
  }

  validApp(name: string): Application {
    const app = this.find(name).definition;
    if (!app) throw new ContractError('invalid-input', `${name}: its definition is invalid`);
    return app;
  }

  private autoSyncCandidate(name: string): AutoSyncCandidate | null {
    return autoSyncCandidate({
      app: this.loaded().find((loaded) => loaded.name === name)?.definition,
      rendered: this.renders.result(name),
      runtime: this.runtimes.get(name),
      busy:
        this.operations.isRunning(name) ||
        this.runner.holds(name) ||
        this.rollbacks.inProgress(name) ||
        this.deletions.inProgress(name) ||
        this.argoCd.manages(name),
      comparison: this.comparisons.result(name),
    });
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
    for (const name of deployed)
      if (!concerned || concerned.has(name)) {
        this.comparisons.invalidate(name);
        void this.compare(name);
      }
  }

  /** The kubeconfig context an application deploys to, for work on its live objects. */
  destinationContext(name: string): string {
    this.find(name);
    return this.renders.reachableContext(name);
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
    this.runtimes.announce();
  }
}

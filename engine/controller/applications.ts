// The applications of the workspace and what each renders to. Loads and watches the workspace
// folder, renders every application from git (one render at a time per application, again at
// least every reconciliation period), turns every failure into a condition on that application
// alone, runs its operations (sync, rollback) through AppOperations, and announces changes.
import type {
  AppSummary,
  KubeEvent,
  Manifests,
  Operation,
  ProjectSummary,
  ResourceDiff,
  TreeNode,
  WorkspaceInfo,
} from '../api/contract.ts';
import type { EngineEvent } from '../api/contract.ts';
import { ContractError } from '../api/errors.ts';
import { maskSecretObjects } from '../diff/index.ts';
import type { RepositoryCache } from '../git/index.ts';
import { appProjectName, appSources, type Application } from '../model/index.ts';
import type { RenderOptions } from '../render/index.ts';
import {
  loadWorkspace,
  watchWorkspace,
  type LoadedApplication,
  type Workspace,
  type WorkspaceWatcher,
} from '../workspace/index.ts';
import { idleRuntime, summarize, type AppRuntime } from './appSummary.ts';
import { describeFailure } from './failures.ts';
import { AppRenders } from './appRenders.ts';
import { RepoChanges } from './repoChanges.ts';
import type { DestinationResolution } from './destinations.ts';
import type { LiveClusters } from './liveClusters.ts';
import { LiveComparisons } from './liveComparisons.ts';
import { AutoSync } from './autoSync.ts';
import type { HealthCustomizations } from '../health/index.ts';
import { isGitWorkspace } from '../workspace/git.ts';
import { AppStateStore, type OperationRequest } from '../store/appStateStore.ts';
import type { Settings } from '../store/settings.ts';
import { desktopUser } from '../store/instanceIdentity.ts';
import { AppOperations, type OperationOrder, type OperationSubject } from './appOperations.ts';
import type { OperationLeases } from './operationLease.ts';
import { ReconcileSchedule } from './reconcileSchedule.ts';
import { AppRollbacks } from './appRollbacks.ts';
import { projectSummaries, workspaceInfo } from './workspaceSummary.ts';
import { createDefinition, deleteDefinition, updateDefinition } from './definitionEdits.ts';

export interface ApplicationsDeps {
  workspaceDir: string;
  isDemo: boolean;
  repos: RepositoryCache;
  renderOptions: Omit<RenderOptions, 'commitSha' | 'refSources' | 'refCommitShas' | 'hardRefresh'>;
  emit(event: EngineEvent): void;
  renderOnStart: boolean;
  /** How often repositories are asked for new commits (ls-remote). */
  repoPollMs: number;
  /** Where an application deploys: a kubeconfig context, or why there is none. */
  destination(app: LoadedApplication): Promise<DestinationResolution | null>;
  live: LiveClusters;
  healthCustomizations(): Promise<HealthCustomizations | undefined>;
  dataDir: string;
  leases: OperationLeases;
  settings: { read(): Promise<Settings> };
}

export interface SyncRequest {
  prune?: boolean;
  dryRun?: boolean;
  resources?: string[];
  syncOptions?: string[];
  confirmPrune?: boolean;
}

const defaultPeriodSeconds = 180;
/** How often a lease someone else holds is looked at again, so the UI sees it released. */
const leaseRecheckMs = 5_000;
const defaultJitterSeconds = 60;

export class Applications {
  private watcher: WorkspaceWatcher | null = null;
  private workspace: Workspace | null = null;
  private readonly runtimes = new Map<string, AppRuntime>();
  private readonly renders: AppRenders;
  private isGit = false;
  private readonly repoChanges: RepoChanges;
  private readonly comparisons: LiveComparisons;
  private readonly autoSync = new AutoSync();
  private readonly state: AppStateStore;
  private readonly operations: AppOperations;
  /** Operations interrupted by a crash, run again once their application is rendered. */
  private readonly interrupted = new Map<string, OperationOrder>();
  private schedule: ReconcileSchedule | null = null;
  readonly rollbacks: AppRollbacks;
  private readonly leaseChecks = new Map<string, NodeJS.Timeout>();

  constructor(private readonly deps: ApplicationsDeps) {
    this.state = new AppStateStore(deps.dataDir, deps.workspaceDir);
    this.renders = new AppRenders({
      ...deps,
      loaded: (name) => this.loaded().find((app) => app.name === name),
      runtime: (name) => this.runtimeOf(name),
      pinned: (name) =>
        this.state.read(name).then(
          (record) => record.pin?.revisions,
          () => undefined,
        ),
      announce: () => this.announce(),
      rendered: (name) => this.rendered(name),
    });
    this.rollbacks = new AppRollbacks({
      state: this.state,
      repos: deps.repos,
      settings: () => deps.settings.read().catch(() => ({}) as Settings),
      definition: (name) => this.find(name).definition,
      validApp: (name) => this.validApp(name),
      ensureRendered: (name) => this.ensureRendered(name),
      currentRevisions: (name) => this.renders.result(name)?.revisions ?? [],
      destinationContext: (name) => this.destinationContext(name),
      renderAt: (app, context, revisions) => this.renders.renderAt(app, context, revisions),
      preview: (target) => this.comparisons.preview(target),
      operate: (name, order) => this.operate(name, order),
      setPin: (name, pin) => this.setPin(name, pin),
      summary: (name) => this.get(name).app,
    });
    this.comparisons = new LiveComparisons(
      deps.live,
      (name, result) => {
        const runtime = this.runtimes.get(name);
        if (!runtime) return;
        Object.assign(runtime, { sync: result.sync, health: result.health });
        this.announce();
        void this.autoSyncIfDue(name);
      },
      deps.healthCustomizations,
    );
    this.repoChanges = new RepoChanges(
      deps.repos,
      () => this.repoUrls(),
      (url) => this.repoMoved(url),
      deps.repoPollMs,
    );
    this.operations = new AppOperations({
      store: this.state,
      leases: deps.leases,
      live: deps.live,
      comparisons: this.comparisons,
      report: (name, operation) => this.deps.emit({ event: 'apps.operation', payload: { name, operation } }),
      statusChanged: (name, change) => {
        const runtime = this.runtimes.get(name);
        if (!runtime) return;
        Object.assign(runtime, change);
        this.announce();
        if (change.lease && !change.lease.heldByUs) this.recheckLease(name);
      },
    });
  }

  async start(): Promise<void> {
    this.watcher = await watchWorkspace(this.deps.workspaceDir, (change) => {
      this.workspace = change.workspace;
      for (const name of change.applications.removed) this.forget(name);
      for (const name of [...change.applications.added, ...change.applications.changed])
        void this.render(name, false);
      this.announce();
      if (change.problemsChanged) void this.announceWorkspace();
    });
    this.workspace = this.watcher.workspace;
    this.isGit = await isGitWorkspace(this.deps.workspaceDir);
    for (const app of this.loaded()) await this.restore(app);
    if (this.deps.renderOnStart) {
      const { reconciliation } = await this.deps.settings.read().catch(() => ({}) as Settings);
      this.schedule = new ReconcileSchedule(
        (reconciliation?.periodSeconds ?? defaultPeriodSeconds) * 1000,
        (reconciliation?.jitterSeconds ?? defaultJitterSeconds) * 1000,
        (name) => void this.reconcile(name),
      );
      for (const app of this.loaded()) void this.render(app.name, false);
      this.repoChanges.start();
    }
  }

  close(): void {
    this.watcher?.close();
    this.repoChanges.stop();
    this.schedule?.stop();
    for (const timer of this.leaseChecks.values()) clearTimeout(timer);
  }

  /** What the durable state says of an application: its pin, last sync, auto-sync, interrupted work. */
  private async restore(loaded: LoadedApplication): Promise<void> {
    const runtime = this.runtimeOf(loaded.name);
    try {
      const record = await this.state.read(loaded.name);
      runtime.pin = pinSummary(record.pin);
      if (record.autoSync) this.autoSync.restore(loaded.name, record.autoSync);
      this.comparisons.rememberDeployed(loaded.name, record.deployedTypes);
      if (!loaded.definition) return;
      const retry = await this.operations.recover(loaded.definition);
      // only a long-running host retries; a CLI command does what it was asked and nothing more
      if (retry && this.deps.renderOnStart) this.interrupted.set(loaded.name, retry);
    } catch (error) {
      runtime.conditions.push({ type: 'StateError', message: describeFailure(error) });
    }
  }

  private runtimeOf(name: string): AppRuntime {
    let runtime = this.runtimes.get(name);
    if (!runtime) {
      runtime = idleRuntime();
      this.runtimes.set(name, runtime);
    }
    return runtime;
  }

  /** The reconciliation period ran out: render again (new commits too) and check who holds the lease. */
  private async reconcile(name: string): Promise<void> {
    await this.render(name, false);
    await this.checkLease(name);
  }

  /** Who else holds the application's lease; while someone does, asked again every few seconds. */
  private async checkLease(name: string): Promise<void> {
    const app = this.loaded().find((loaded) => loaded.name === name)?.definition;
    const context = this.renders.context(name);
    const runtime = this.runtimes.get(name);
    if (!app || !context || !runtime || this.operations.isRunning(name)) return;
    const holder = await this.deps.leases.foreignHolder(
      this.deps.live.connection(context),
      name,
      app.spec.destination.namespace,
    );
    runtime.lease = holder ? { holder: holder.holder, heldByUs: false, renewedAt: holder.renewedAt } : null;
    this.announce();
    if (holder) this.recheckLease(name);
  }

  private recheckLease(name: string): void {
    if (this.leaseChecks.has(name)) return;
    const timer = setTimeout(() => {
      this.leaseChecks.delete(name);
      void this.checkLease(name).catch(() => undefined);
    }, leaseRecheckMs);
    timer.unref();
    this.leaseChecks.set(name, timer);
  }

  list(): AppSummary[] {
    return this.loaded().map((app) => summarize(app, this.runtimes.get(app.name) ?? idleRuntime()));
  }

  get(name: string): { app: AppSummary; definition: Record<string, unknown> } {
    const loaded = this.find(name);
    return { app: summarize(loaded, this.runtimes.get(name) ?? idleRuntime()), definition: loaded.raw };
  }

  projects(): ProjectSummary[] {
    return projectSummaries(this.workspace);
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
    this.find(name);
    await updateDefinition(this.deps.workspaceDir, name, definition);
    return this.afterWrite(name);
  }

  async delete(name: string): Promise<boolean> {
    this.find(name);
    await deleteDefinition(this.deps.workspaceDir, name);
    await this.reload();
    return true;
  }

  async manifests(name: string, hardRefresh = false): Promise<Manifests> {
    this.find(name);
    if (hardRefresh) await this.render(name, true);
    else await this.ensureRendered(name);
    const rendered = this.renders.result(name);
    const runtime = this.runtimes.get(name);
    if (!rendered) {
      const reason =
        runtime?.conditions.map((c) => c.message).join('; ') || 'the application could not be rendered';
      throw new ContractError('failed', `${name}: ${reason}`);
    }
    return {
      name,
      revision: rendered.revisions.find((r) => r !== null) ?? null,
      sourceTypes: rendered.sourceTypes,
      objects: maskSecretObjects(rendered.objects),
    };
  }

  async refresh(name: string, hard: boolean): Promise<AppSummary> {
    this.find(name);
    await this.render(name, hard);
    await this.compare(name);
    return this.get(name).app;
  }

  private repoUrls(): string[] {
    return this.loaded().flatMap((app) =>
      app.definition ? appSources(app.definition).map((source) => source.repoURL) : [],
    );
  }

  private repoMoved(url: string): void {
    for (const app of this.loaded()) {
      if (app.definition && appSources(app.definition).some((source) => source.repoURL === url))
        void this.render(app.name, false);
    }
  }

  private loaded(): LoadedApplication[] {
    return this.workspace?.applications ?? [];
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
    this.announce();
  }

  private forget(name: string): void {
    this.runtimes.delete(name);
    this.renders.forget(name);
    this.comparisons.forget(name);
    this.autoSync.forget(name);
    this.schedule?.forget(name);
    this.interrupted.delete(name);
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
    const retry = this.interrupted.get(name);
    if (retry && this.renders.result(name)) {
      this.interrupted.delete(name);
      void this.operate(name, retry).catch(() => undefined);
    }
  }

  /** Brings the cluster to what git says for one application (or shows what would change). */
  sync(name: string, options: SyncRequest, automated = false): Promise<Operation> {
    const { dryRun = false, prune = false, ...rest } = options;
    return this.operate(name, {
      request: { prune, ...rest, revisions: [] },
      dryRun,
      initiatedBy: { username: automated ? null : desktopUser(), automated },
    });
  }

  /** Runs one operation at the request's revisions (the current ones when it names none). */
  private async operate(name: string, order: OperationOrder): Promise<Operation> {
    const subject = await this.subject(name, order.request.revisions);
    const operation = await this.operations.run(subject, {
      ...order,
      request: { ...order.request, revisions: subject.revisions },
    });
    // what a user deployed (a sync, a rollback) is what auto-sync compares the next revision with
    if (!order.dryRun && !order.initiatedBy.automated && !order.request.resources) {
      this.autoSync.deployed(subject.app, subject.revisions.join(','), operation.phase === 'Succeeded');
      await this.keepAutoSync(name);
    }
    await this.compare(name);
    return operation;
  }

  /** Everything an operation needs; rendered at the given revisions when they differ from the current ones. */
  private async subject(name: string, revisions: OperationRequest['revisions']): Promise<OperationSubject> {
    const app = this.find(name).definition;
    if (!app)
      throw new ContractError('invalid-input', `${name}: its definition is invalid; fix it before syncing`);
    if (this.operations.isRunning(name))
      throw new ContractError('failed', `${name}: an operation is already running`);
    await this.ensureRendered(name);
    const current = this.renders.result(name);
    const cluster = this.renders.destinationCluster(name);
    const context = cluster?.name;
    const project = this.workspace?.projects.find((p) => p.name === appProjectName(app))?.definition;
    if (!current)
      throw new ContractError(
        'failed',
        `${name}: nothing to sync: ${this.get(name)
          .app.conditions.map((c) => c.message)
          .join('; ')}`,
      );
    if (!cluster || !context)
      throw new ContractError('failed', `${name}: its destination is not a cluster Plumbline can reach`);
    if (!project)
      throw new ContractError('failed', `${name}: its project ${appProjectName(app)} does not exist`);
    const wanted = revisions.length > 0 && revisions.join() !== current.revisions.join();
    const rendered = wanted ? await this.renders.renderAt(app, context, revisions) : current;
    const outOfSync = new Set(
      (this.comparisons.result(name)?.resources ?? [])
        .filter((r) => r.comparison.status === 'OutOfSync')
        .map((r) => r.id),
    );
    return {
      app,
      project,
      context,
      cluster,
      desired: rendered.objects,
      revisions: rendered.revisions,
      outOfSync,
    };
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

  /** `syncPolicy.automated`: sync a new revision once, heal drift when asked (see AutoSync); never while pinned. */
  private async autoSyncIfDue(name: string): Promise<void> {
    const app = this.loaded().find((loaded) => loaded.name === name)?.definition;
    const rendered = this.renders.result(name);
    const runtime = this.runtimes.get(name);
    if (!app || !rendered || !runtime || runtime.pin || this.operations.isRunning(name)) return;
    if (this.interrupted.has(name) || this.rollbacks.inProgress(name)) return;
    const revisions = rendered.revisions.join(',');
    const state = {
      outOfSync: runtime.sync.status === 'OutOfSync',
      revisions,
      desiredCount: rendered.objects.length,
    };
    const decision = this.autoSync.decide(app, state);
    if (!decision) return;
    this.autoSync.attempt(app, revisions, decision);
    await this.keepAutoSync(name);
    const operation = await this.sync(name, { prune: decision.prune }, true).catch(() => null);
    this.autoSync.finished(name, operation?.phase === 'Succeeded');
    await this.keepAutoSync(name);
  }

  private async keepAutoSync(name: string): Promise<void> {
    const last = this.autoSync.lastAttempt(name);
    await this.state
      .update(name, (record) => {
        record.autoSync = last;
      })
      .catch(() => undefined);
  }

  /** The live objects of a cluster changed: compare the applications deployed there. */
  liveChanged(context: string): void {
    for (const name of this.renders.deployedTo(context)) void this.compare(name);
  }

  /** The kubeconfig context an application deploys to, for work on its live objects. */
  destinationContext(name: string): string {
    this.find(name);
    const context = this.renders.context(name);
    if (!context)
      throw new ContractError('failed', `${name}: its destination is not a cluster Plumbline can reach`);
    return context;
  }

  tree(name: string): TreeNode[] {
    this.find(name);
    return this.comparisons.tree(name);
  }

  diff(name: string, revealSecrets: boolean): ResourceDiff[] {
    this.find(name);
    return this.comparisons.diff(name, revealSecrets);
  }

  liveManifest(name: string, id: string): string {
    this.find(name);
    return this.comparisons.liveManifest(name, this.renders.context(name) ?? null, id);
  }

  resourceEvents(name: string, id: string): Promise<KubeEvent[]> {
    this.find(name);
    return this.comparisons.resourceEvents(name, this.renders.context(name) ?? null, id);
  }

  private compare(name: string): Promise<void> {
    return this.comparisons.request(() => {
      const app = this.loaded().find((loaded) => loaded.name === name)?.definition;
      const context = this.renders.context(name);
      const rendered = this.renders.result(name);
      return app && context && rendered ? { app, context, desired: rendered.objects } : null;
    }, name);
  }

  private announce(): void {
    this.deps.emit({ event: 'apps.changed', payload: { apps: this.list() } });
  }

  private async announceWorkspace(): Promise<void> {
    this.deps.emit({ event: 'workspace.changed', payload: this.info() });
  }
}

function pinSummary(pin: { revisions: Array<string | null>; since: string } | null): AppSummary['pin'] {
  const revision = pin?.revisions.find((r) => r !== null);
  return pin && revision ? { revision, since: pin.since } : null;
}

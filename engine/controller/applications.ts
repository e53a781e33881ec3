// The applications of the workspace and what each renders to. Loads and watches the workspace
// folder, renders every application from git (one render at a time per application), turns every
// failure into a condition on that application alone, and announces changes as events.
import type {
  AppSummary,
  Operation,
  KubeEvent,
  Manifests,
  ProjectSummary,
  ResourceDiff,
  TreeNode,
  WorkspaceInfo,
} from '../api/contract.ts';
import type { EngineEvent } from '../api/contract.ts';
import { ContractError } from '../api/errors.ts';
import { maskSecretObjects } from '../diff/index.ts';
import type { RepositoryCache } from '../git/index.ts';
import { applicationSchema, appProjectName, appSources } from '../model/index.ts';
import type { KubeObject, RenderOptions } from '../render/index.ts';
import {
  createApplication,
  deleteApplication,
  updateApplication,
  loadWorkspace,
  watchWorkspace,
  type LoadedApplication,
  type Workspace,
  type WorkspaceWatcher,
} from '../workspace/index.ts';
import { idleRuntime, summarize, type AppRuntime } from './appSummary.ts';
import { describeFailure } from './failures.ts';
import { renderApp } from './renderApp.ts';
import { RepoChanges } from './repoChanges.ts';
import type { DestinationResolution } from './destinations.ts';
import type { LiveClusters } from './liveClusters.ts';
import { LiveComparisons } from './liveComparisons.ts';
import { syncApp, type SyncAppInput } from './syncApp.ts';
import { AutoSync } from './autoSync.ts';
import type { HealthCustomizations } from '../health/index.ts';
import { isGitWorkspace } from '../workspace/git.ts';

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
}

interface Rendered {
  objects: KubeObject[];
  revisions: Array<string | null>;
  sourceTypes: string[];
}

export class Applications {
  private watcher: WorkspaceWatcher | null = null;
  private workspace: Workspace | null = null;
  private readonly runtimes = new Map<string, AppRuntime>();
  private readonly rendered = new Map<string, Rendered>();
  private readonly renders = new Map<string, Promise<void>>();
  private isGit = false;
  private readonly repoChanges: RepoChanges;
  private readonly comparisons: LiveComparisons;
  private readonly contexts = new Map<string, string>();
  private readonly syncing = new Set<string>();
  private readonly autoSync = new AutoSync();

  constructor(private readonly deps: ApplicationsDeps) {
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
    if (this.deps.renderOnStart) {
      for (const app of this.loaded()) void this.render(app.name, false);
      this.repoChanges.start();
    }
  }

  close(): void {
    this.watcher?.close();
    this.repoChanges.stop();
  }

  list(): AppSummary[] {
    return this.loaded().map((app) => summarize(app, this.runtimes.get(app.name) ?? idleRuntime()));
  }

  get(name: string): { app: AppSummary; definition: Record<string, unknown> } {
    const loaded = this.find(name);
    return { app: summarize(loaded, this.runtimes.get(name) ?? idleRuntime()), definition: loaded.raw };
  }

  projects(): ProjectSummary[] {
    return (this.workspace?.projects ?? []).map((project) => ({
      name: project.name,
      description: project.definition?.spec.description ?? null,
      sourceRepos: project.definition?.spec.sourceRepos ?? [],
      destinations: (project.definition?.spec.destinations ?? []).map((d) => ({
        server: d.server ?? null,
        name: d.name ?? null,
        namespace: d.namespace ?? null,
      })),
      builtIn: project.origin === null,
    }));
  }

  info(): WorkspaceInfo {
    const problems = (this.workspace?.problems ?? []).map(({ type, message, file, line }) => ({
      type,
      message,
      file,
      ...(line ? { line } : {}),
    }));
    return { dir: this.deps.workspaceDir, isGitRepository: this.isGit, isDemo: this.deps.isDemo, problems };
  }

  async create(definition: Record<string, unknown>): Promise<AppSummary> {
    const app = this.validDefinition(definition);
    if (this.loaded().some((loaded) => loaded.name === app.metadata.name)) {
      throw new ContractError('invalid-input', `an application named ${app.metadata.name} already exists`);
    }
    await createApplication(this.deps.workspaceDir, app);
    return this.afterWrite(app.metadata.name);
  }

  async update(name: string, definition: Record<string, unknown>): Promise<AppSummary> {
    const app = this.validDefinition(definition);
    if (app.metadata.name !== name)
      throw new ContractError('invalid-input', `renaming ${name} to ${app.metadata.name} is not supported`);
    this.find(name);
    await updateApplication(this.deps.workspaceDir, app);
    return this.afterWrite(name);
  }

  async delete(name: string): Promise<boolean> {
    this.find(name);
    await deleteApplication(this.deps.workspaceDir, name);
    await this.reload();
    return true;
  }

  async manifests(name: string, hardRefresh = false): Promise<Manifests> {
    if (hardRefresh || !this.rendered.has(name)) await this.render(name, hardRefresh);
    const rendered = this.rendered.get(name);
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

  /** The rendered objects, unmasked, for the engine's own use (diff, sync). */
  desiredObjects(name: string): KubeObject[] | null {
    return this.rendered.get(name)?.objects ?? null;
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

  private validDefinition(definition: Record<string, unknown>) {
    const parsed = applicationSchema.safeParse(definition);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ContractError(
        'invalid-input',
        `invalid application: ${issue?.path.join('.') || 'definition'}: ${issue?.message}`,
      );
    }
    return parsed.data;
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
    this.rendered.delete(name);
    this.contexts.delete(name);
    this.comparisons.forget(name);
    this.autoSync.forget(name);
  }

  /** Renders an application; a render asked for while one runs waits for it, then runs again. */
  private render(name: string, hardRefresh: boolean): Promise<void> {
    const previous = this.renders.get(name) ?? Promise.resolve();
    const next = previous.then(() => this.renderNow(name, hardRefresh));
    this.renders.set(name, next);
    void next.finally(() => this.renders.get(name) === next && this.renders.delete(name));
    return next;
  }

  private async renderNow(name: string, hardRefresh: boolean): Promise<void> {
    const loaded = this.loaded().find((app) => app.name === name);
    if (!loaded?.definition) return;
    const runtime: AppRuntime = {
      ...(this.runtimes.get(name) ?? idleRuntime()),
      phase: 'fetching',
      conditions: [],
    };
    this.runtimes.set(name, runtime);
    this.announce();
    const destination = await this.deps.destination(loaded);
    const destinationProblem = destination && 'problem' in destination ? destination.problem : null;
    if (destination && 'context' in destination) this.contexts.set(name, destination.context.name);
    else this.contexts.delete(name);
    const progress = (stage: 'fetch' | 'render', message: string) => {
      runtime.phase = stage === 'fetch' ? 'fetching' : 'rendering';
      this.deps.emit({ event: 'apps.progress', payload: { name, stage, message, done: false } });
    };
    try {
      const result = await renderApp(
        loaded.definition,
        { repos: this.deps.repos, renderOptions: { ...this.deps.renderOptions, hardRefresh } },
        progress,
        destination && 'context' in destination
          ? await this.deps.live.capabilities(destination.context.name)
          : undefined,
      );
      this.rendered.set(name, result);
      Object.assign(runtime, {
        phase: 'rendered',
        revisions: result.revisions,
        objectCount: result.objects.length,
      });
    } catch (error) {
      this.rendered.delete(name);
      Object.assign(runtime, { phase: 'error', objectCount: null });
      runtime.conditions.push({ type: 'ComparisonError', message: describeFailure(error) });
    }
    if (destinationProblem)
      runtime.conditions.push({ type: 'InvalidSpecError', message: destinationProblem });
    this.deps.emit({
      event: 'apps.progress',
      payload: { name, stage: 'render', message: runtime.phase, done: true },
    });
    this.announce();
    void this.compare(name);
  }

  /** Brings the cluster to what git says for one application (or shows what would change). */
  async sync(name: string, options: SyncAppInput['options']): Promise<Operation> {
    const app = this.find(name).definition;
    if (!app)
      throw new ContractError('invalid-input', `${name}: its definition is invalid; fix it before syncing`);
    if (this.syncing.has(name)) throw new ContractError('failed', `${name}: a sync is already running`);
    if (!this.rendered.has(name)) await this.render(name, false);
    const rendered = this.rendered.get(name);
    const context = this.contexts.get(name);
    const project = this.workspace?.projects.find((p) => p.name === appProjectName(app))?.definition;
    if (!rendered)
      throw new ContractError(
        'failed',
        `${name}: nothing to sync: ${this.get(name)
          .app.conditions.map((c) => c.message)
          .join('; ')}`,
      );
    if (!context)
      throw new ContractError('failed', `${name}: its destination is not a cluster Plumbline can reach`);
    if (!project)
      throw new ContractError('failed', `${name}: its project ${appProjectName(app)} does not exist`);
    const outOfSync = new Set(
      (this.comparisons.result(name)?.resources ?? [])
        .filter((r) => r.comparison.status === 'OutOfSync')
        .map((r) => r.id),
    );
    this.syncing.add(name);
    try {
      const report = (operation: Operation) =>
        this.deps.emit({ event: 'apps.operation', payload: { name, operation } });
      const cache = this.comparisons.cacheFor({ app, context, desired: rendered.objects });
      const operation = await syncApp(
        { app, project, context, desired: rendered.objects, cache, outOfSync, options },
        report,
      );
      report(operation);
      const runtime = this.runtimes.get(name);
      if (runtime && !operation.dryRun) {
        runtime.lastSync = {
          phase: operation.phase,
          finishedAt: operation.finishedAt,
          message: operation.message,
        };
      }
      await this.compare(name);
      this.announce();
      return operation;
    } finally {
      this.syncing.delete(name);
    }
  }

  /** `syncPolicy.automated`: sync a new revision once, heal drift when asked (see AutoSync). */
  private async autoSyncIfDue(name: string): Promise<void> {
    const app = this.loaded().find((loaded) => loaded.name === name)?.definition;
    const rendered = this.rendered.get(name);
    const runtime = this.runtimes.get(name);
    if (!app || !rendered || !runtime || this.syncing.has(name)) return;
    const revisions = rendered.revisions.join(',');
    const state = {
      outOfSync: runtime.sync.status === 'OutOfSync',
      revisions,
      desiredCount: rendered.objects.length,
    };
    const decision = this.autoSync.decide(app, state);
    if (!decision) return;
    this.autoSync.attempt(app, revisions, decision);
    const operation = await this.sync(name, { prune: decision.prune }).catch(() => null);
    this.autoSync.finished(name, operation?.phase === 'Succeeded');
  }

  /** The live objects of a cluster changed: compare the applications deployed there. */
  liveChanged(context: string): void {
    for (const [name, appContext] of this.contexts) if (appContext === context) void this.compare(name);
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
    return this.comparisons.liveManifest(name, this.contexts.get(name) ?? null, id);
  }

  resourceEvents(name: string, id: string): Promise<KubeEvent[]> {
    this.find(name);
    return this.comparisons.resourceEvents(name, this.contexts.get(name) ?? null, id);
  }

  private compare(name: string): Promise<void> {
    return this.comparisons.request(() => {
      const app = this.loaded().find((loaded) => loaded.name === name)?.definition;
      const context = this.contexts.get(name);
      const rendered = this.rendered.get(name);
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

// Rendering the applications of a workspace: one render at a time per application (a render
// asked for while one runs waits for it, then runs again), at the pinned revisions when a
// rollback pinned them, with the destination's capabilities; failures become conditions. A
// source its project does not permit is never fetched nor rendered (Argo CD's rule). Keeps the
// last result and the cluster of each application.
import type { Condition, EngineEvent, Manifests } from '../api/contract.ts';
import { ContractError } from '../api/errors.ts';
import type { RepositoryCache } from '../git/index.ts';
import { revisionSignatureCheck } from '../gpg/revisionSignatures.ts';
import type { AppProject, Application } from '../model/index.ts';
import { sourcesPermitted } from '../policy/sourceRepos.ts';
import type { RenderOptions } from '../render/index.ts';
import type { LoadedApplication } from '../workspace/index.ts';
import type { AppRuntime } from './appSummary.ts';
import { IN_CLUSTER_CONDITION, type DestinationCluster, type DestinationResolution } from './destinations.ts';
import { describeFailure } from './failures.ts';
import type { LiveClusters } from './liveClusters.ts';
import { manifestsOf, renderApp, type RenderedApp } from './renderApp.ts';
import { isArgoCdObject } from './appChildrenOf.ts';
import type { KubeObject } from '../diff/index.ts';

export interface AppRendersDeps {
  repos: RepositoryCache;
  /** Plumbline's data folder: its GnuPG keyring checks the revisions of projects with signatureKeys. */
  dataDir: string;
  renderOptions: Omit<RenderOptions, 'commitSha' | 'refSources' | 'refCommitShas' | 'hardRefresh'>;
  live: LiveClusters;
  emit(event: EngineEvent): void;
  destination(app: LoadedApplication): Promise<DestinationResolution | null>;
  loaded(name: string): LoadedApplication | undefined;
  /** The application's project; undefined when it does not exist (a condition says so already). */
  project(app: Application): AppProject | undefined;
  runtime(name: string): AppRuntime;
  /** The revisions a rollback pinned the application to. */
  pinned(name: string): Promise<ReadonlyArray<string | null> | undefined>;
  announce(): void;
  /** After every render, whatever its outcome. */
  rendered(name: string): Promise<void>;
  /** Every object of a render, for the argoproj.io Applications among them (app of apps). */
  childrenRendered?(name: string, file: string, objects: readonly KubeObject[]): Condition[];
}

export class AppRenders {
  private readonly results = new Map<string, RenderedApp>();
  private readonly queue = new Map<string, Promise<void>>();
  private readonly contexts = new Map<string, string>();
  private readonly clusters = new Map<string, DestinationCluster>();

  constructor(private readonly deps: AppRendersDeps) {}

  render(name: string, hardRefresh: boolean): Promise<void> {
    const previous = this.queue.get(name) ?? Promise.resolve();
    const next = previous.then(() => this.renderNow(name, hardRefresh));
    this.queue.set(name, next);
    void next.finally(() => this.queue.get(name) === next && this.queue.delete(name));
    return next;
  }

  /**
   * What an application renders to: rendered again when asked, or when it never was; else a
   * refusal naming its conditions (the definition's too: an invalid one never reaches a render).
   */
  async manifests(
    name: string,
    hardRefresh: boolean,
    conditions: () => readonly Condition[],
  ): Promise<Manifests> {
    if (hardRefresh || !this.results.has(name)) await this.render(name, hardRefresh);
    const rendered = this.results.get(name);
    if (rendered) return manifestsOf(name, rendered);
    const reason =
      conditions()
        .map((c) => `${c.type}: ${c.message}`)
        .join('; ') || 'the application could not be rendered';
    throw new ContractError('failed', `${name}: ${reason}`);
  }

  result(name: string): RenderedApp | undefined {
    return this.results.get(name);
  }

  /** The cluster (context) an application deploys to, once its destination resolved. */
  context(name: string): string | undefined {
    return this.contexts.get(name);
  }

  /** The context of an application's destination, or a refusal saying there is none to reach. */
  reachableContext(name: string): string {
    const context = this.contexts.get(name);
    if (!context)
      throw new ContractError('failed', `${name}: its destination is not a cluster Plumbline can reach`);
    return context;
  }

  /** The cluster an application deploys to, with what was said of it when it was registered. */
  destinationCluster(name: string): DestinationCluster | undefined {
    return this.clusters.get(name);
  }

  deployedTo(context: string): string[] {
    return [...this.contexts].filter(([, appContext]) => appContext === context).map(([name]) => name);
  }

  forget(name: string): void {
    this.results.delete(name);
    this.contexts.delete(name);
    this.clusters.delete(name);
  }

  /** Renders an application at given revisions, without keeping the result (rollbacks, retries). */
  async renderAt(
    app: Application,
    context: string,
    revisions: ReadonlyArray<string | null>,
  ): Promise<RenderedApp> {
    const refusal = this.sourceRefusal(app);
    if (refusal) throw new ContractError('failed', `${app.metadata.name}: ${refusal}`);
    try {
      return await renderApp(
        app,
        {
          repos: this.deps.repos,
          renderOptions: { ...this.deps.renderOptions, hardRefresh: false },
          verifySignature: this.signatureCheck(app),
        },
        () => undefined,
        await this.deps.live.capabilities(context),
        revisions,
      );
    } catch (error) {
      throw new ContractError('failed', `${app.metadata.name}: ${describeFailure(error)}`);
    }
  }

  /** The signature check of the application's project, when it lists signatureKeys. */
  private signatureCheck(app: Application) {
    return revisionSignatureCheck(this.deps.project(app), this.deps.repos, this.deps.dataDir);
  }

  /** Why the application's project does not permit one of its sources; null when it does. */
  private sourceRefusal(app: Application): string | null {
    const project = this.deps.project(app);
    const verdict = project ? sourcesPermitted(project, app) : { allowed: true as const };
    return verdict.allowed ? null : verdict.message;
  }

  private async renderNow(name: string, hardRefresh: boolean): Promise<void> {
    const loaded = this.deps.loaded(name);
    if (!loaded?.definition) return;
    const runtime = this.deps.runtime(name);
    Object.assign(runtime, { phase: 'fetching', conditions: [] });
    const pinned = await this.deps.pinned(name);
    this.deps.announce();
    const destination = await this.deps.destination(loaded);
    const context = destination && 'context' in destination ? destination.context.name : null;
    if (destination && 'context' in destination) {
      this.contexts.set(name, destination.context.name);
      this.clusters.set(name, destination.context);
    } else {
      this.contexts.delete(name);
      this.clusters.delete(name);
    }
    const progress = (stage: 'fetch' | 'render', message: string) => {
      runtime.phase = stage === 'fetch' ? 'fetching' : 'rendering';
      this.deps.emit({ event: 'apps.progress', payload: { name, stage, message, done: false } });
    };
    const refusal = this.sourceRefusal(loaded.definition);
    try {
      if (refusal) throw new SourceRefused(refusal);
      const result = await renderApp(
        loaded.definition,
        {
          repos: this.deps.repos,
          renderOptions: { ...this.deps.renderOptions, hardRefresh },
          verifySignature: this.signatureCheck(loaded.definition),
        },
        progress,
        context ? await this.deps.live.capabilities(context) : undefined,
        pinned,
      );
      // an app of apps: its Applications are children, not objects for its cluster
      const own = { ...result, objects: result.objects.filter((object) => !isArgoCdObject(object)) };
      this.results.set(name, own);
      const childConditions = this.deps.childrenRendered?.(name, loaded.origin.file, result.objects) ?? [];
      Object.assign(runtime, {
        phase: 'rendered',
        revisions: result.revisions,
        objectCount: own.objects.length,
      });
      runtime.conditions.push(...childConditions);
      runtime.conditions.push(...duplicateKeyConditions(result.warnings));
      // Argo CD's way: the render stands (its diff is shown), the condition stops every sync
      for (const message of result.signatureProblems ?? [])
        runtime.conditions.push({ type: 'ComparisonError', message });
    } catch (error) {
      this.results.delete(name);
      Object.assign(runtime, { phase: 'error', objectCount: null });
      runtime.conditions.push(
        error instanceof SourceRefused
          ? { type: 'InvalidSpecError', message: error.message }
          : { type: 'ComparisonError', message: describeFailure(error) },
      );
    }
    if (destination && 'problem' in destination)
      runtime.conditions.push({
        type: destination.needsInClusterChoice ? IN_CLUSTER_CONDITION : 'InvalidSpecError',
        message: destination.problem,
      });
    this.deps.emit({
      event: 'apps.progress',
      payload: { name, stage: 'render', message: runtime.phase, done: true },
    });
    this.deps.announce();
    await this.deps.rendered(name);
  }
}

/** Warnings shown of one render: a few, then how many more (the render itself went on). */
const MAX_WARNING_CONDITIONS = 5;

function duplicateKeyConditions(warnings: string[]): Array<{ type: string; message: string }> {
  const shown = warnings
    .slice(0, MAX_WARNING_CONDITIONS)
    .map((message) => ({ type: 'DuplicateKeyWarning', message }));
  const more = warnings.length - shown.length;
  if (more > 0) shown.push({ type: 'DuplicateKeyWarning', message: `${more} more duplicate mapping keys` });
  return shown;
}

/** A source the project does not permit: a spec error, not a failed render. */
class SourceRefused extends Error {}

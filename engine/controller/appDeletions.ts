// Deleting applications: gathers what a deletion needs (the definition, its project, the
// destination, the live objects it tracks, its rendered hooks), shows the plan, runs it (see
// appDeletion.ts) and removes the definition from the workspace (a commit in a git workspace).
// While one runs, auto-sync leaves the application alone.
import type { DeletionPlan } from '../api/contract.ts';
import { ContractError } from '../api/errors.ts';
import type { LiveCache } from '../cluster/index.ts';
import type { KubeObject } from '../diff/index.ts';
import { appProjectName, type AppProject, type Application } from '../model/index.ts';
import type { Cascade } from '../sync/deletion.ts';
import type { LoadedApplication } from '../workspace/index.ts';
import {
  checkDeletion,
  deleteAppObjects,
  planDeletion,
  type DeletionSubject,
  type DeletionTiming,
} from './appDeletion.ts';
import { deleteDefinition } from './definitionEdits.ts';
import type { DestinationCluster } from './destinations.ts';
import { describeFailure } from './failures.ts';

const LIST_TIMEOUT_MS = 30_000;

export interface AppDeletionsDeps {
  workspaceDir: string;
  find(name: string): LoadedApplication;
  project(app: Application): AppProject | undefined;
  /** Renders when there is no render yet; a failure is a warning of the plan. */
  ensureRendered(name: string): Promise<void>;
  desired(name: string): readonly KubeObject[] | undefined;
  cluster(name: string): DestinationCluster | undefined;
  cacheFor(app: Application, context: string, desired: readonly KubeObject[]): LiveCache;
  operationRunning(name: string): boolean;
  /** The workspace was written: read it again. */
  reload(): Promise<void>;
  timing?: DeletionTiming;
}

export interface DeletionRequest {
  cascade?: Cascade;
  confirmDelete?: boolean;
}

export class AppDeletions {
  private readonly running = new Set<string>();

  constructor(private readonly deps: AppDeletionsDeps) {}

  inProgress(name: string): boolean {
    return this.running.has(name);
  }

  async plan(name: string, cascade?: Cascade): Promise<DeletionPlan> {
    return planDeletion(await this.subject(name), cascade);
  }

  async delete(
    name: string,
    request: DeletionRequest,
  ): Promise<{ deleted: boolean; plan?: DeletionPlan; commit: string | null }> {
    const loaded = this.deps.find(name);
    // a definition that does not parse has no destination to clean: it can only go from the workspace
    if (!loaded.definition) {
      if (request.cascade && request.cascade !== 'orphan')
        throw new ContractError(
          'invalid-input',
          `${name}: its definition is invalid, so its objects cannot be found; delete it with --cascade orphan`,
        );
      return { deleted: true, commit: await this.removeDefinition(name) };
    }
    if (this.running.has(name)) throw new ContractError('failed', `${name}: it is being deleted already`);
    if (this.deps.operationRunning(name))
      throw new ContractError(
        'failed',
        `${name}: an operation is running; wait for it or terminate it first`,
      );
    this.running.add(name);
    try {
      const subject = await this.subject(name);
      const plan = planDeletion(subject, request.cascade);
      checkDeletion(subject, plan, request.confirmDelete ?? false);
      try {
        await deleteAppObjects(subject, plan, this.deps.timing);
      } catch (error) {
        throw new ContractError('failed', `delete ${name}: ${describeFailure(error)}`);
      }
      return { deleted: true, plan, commit: await this.removeDefinition(name) };
    } finally {
      this.running.delete(name);
    }
  }

  private async removeDefinition(name: string): Promise<string | null> {
    const { commit } = await deleteDefinition(this.deps.workspaceDir, name);
    await this.deps.reload();
    return commit;
  }

  private async subject(name: string): Promise<DeletionSubject> {
    const loaded = this.deps.find(name);
    const app = loaded.definition;
    if (!app) throw new ContractError('invalid-input', `${name}: its definition is invalid`);
    const warnings: string[] = [];
    try {
      await this.deps.ensureRendered(name);
    } catch (error) {
      warnings.push(`git: ${describeFailure(error)}`);
    }
    const desired = this.deps.desired(name);
    if (!desired)
      warnings.push(`${name} could not be rendered: its PreDelete and PostDelete hooks are unknown`);
    const cluster = this.deps.cluster(name);
    let live: KubeObject[] = [];
    let cache: LiveCache | undefined;
    if (cluster) {
      cache = this.deps.cacheFor(app, cluster.name, desired ?? []);
      const listed = await Promise.race([
        cache.synced().then(() => true),
        new Promise<false>((resolve) => setTimeout(() => resolve(false), LIST_TIMEOUT_MS).unref()),
      ]);
      if (!listed) warnings.push(`cluster ${cluster.label} did not answer: its objects may be incomplete`);
      live = cache.objectsTrackedBy(name);
    } else warnings.push(`${name}: its destination is not a cluster Plumbline can reach`);
    return {
      app,
      project: this.deps.project(app),
      cluster,
      connection: cache?.connection,
      live,
      desired,
      warnings: [
        ...warnings,
        ...(this.deps.project(app) ? [] : [`project ${appProjectName(app)} does not exist`]),
      ],
    };
  }
}

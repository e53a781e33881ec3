// History and rollback of the applications of a workspace: each deployment with its commit, the
// commits of the source's branch, the preview of a rollback, and the rollback itself — pinned to
// the earlier revision (auto-sync suspended until resumed) or reverted in git and synced.
import type { AppSummary, Commit, HistoryEntry, Operation, ResourceDiff } from '../api/contract.ts';
import { ContractError } from '../api/errors.ts';
import type { RepositoryCache } from '../git/index.ts';
import type { Application } from '../model/index.ts';
import type { KubeObject } from '../render/index.ts';
import type { AppStateStore } from '../store/appStateStore.ts';
import { desktopUser } from '../store/instanceIdentity.ts';
import type { Settings } from '../store/settings.ts';
import { branchCommits, historyEntries, revertInGit, rollbackRevisions } from './appHistory.ts';
import type { OperationOrder } from './appOperations.ts';
import type { DesiredState } from './liveComparisons.ts';
import { offlineRefusal } from '../snapshot/offlineClusters.ts';

export interface RollbackRequest {
  name: string;
  id?: number;
  revision?: string;
  revertInGit?: boolean;
  prune?: boolean;
}

type Target = { name: string; id?: number; revision?: string };

/** What rollbacks need of the application set. */
export interface RollbackHost {
  state: AppStateStore;
  repos: RepositoryCache;
  settings(): Promise<Settings>;
  /** The application's definition, or the reason it cannot be used. */
  definition(name: string): Application | null;
  validApp(name: string): Application;
  /** Renders the application unless it has been: its destination is known only then. */
  ensureRendered(name: string): Promise<void>;
  currentRevisions(name: string): Array<string | null>;
  destinationContext(name: string): string;
  renderAt(
    app: Application,
    context: string,
    revisions: ReadonlyArray<string | null>,
  ): Promise<{ objects: KubeObject[] }>;
  preview(target: DesiredState): Promise<ResourceDiff[]>;
  operate(name: string, order: OperationOrder): Promise<Operation>;
  /** Waits for an operation already running to end; refuses when it does not in time. */
  untilIdle(name: string): Promise<void>;
  setPin(name: string, pin: { revisions: Array<string | null>; since: string } | null): Promise<void>;
  summary(name: string): AppSummary;
}

export class AppRollbacks {
  private readonly running = new Set<string>();

  constructor(private readonly host: RollbackHost) {}

  /** Whether a rollback of the application is under way (auto-sync keeps out of its way). */
  inProgress(name: string): boolean {
    return this.running.has(name);
  }

  async history(name: string): Promise<HistoryEntry[]> {
    const app = this.host.definition(name);
    return historyEntries(await this.host.state.read(name), this.host.repos, app ?? undefined);
  }

  async commits(name: string, limit: number): Promise<{ branch: string; commits: Commit[] }> {
    const app = this.host.validApp(name);
    try {
      return await branchCommits(this.host.repos, app, limit);
    } catch (error) {
      throw ContractError.from(error);
    }
  }

  /** What a rollback would change in the cluster, before anything is applied. */
  async preview(request: Target): Promise<{ revision: string; resources: ResourceDiff[] }> {
    const { app, revisions } = await this.target(request);
    const context = this.host.destinationContext(request.name);
    const rendered = await this.host.renderAt(app, context, revisions);
    const resources = await this.host.preview({ app, context, desired: rendered.objects });
    return { revision: firstOf(revisions), resources };
  }

  async rollback(
    request: RollbackRequest,
  ): Promise<{ revision: string; revertCommit: string | null; operation: Operation }> {
    const { name } = request;
    // auto-sync keeps out of the way from the start, not only once the target is known
    this.running.add(name);
    try {
      const { app, revisions } = await this.target(request);
      // before a pin is set or a revert pushed: a cluster known only from a snapshot is not written to
      const offline = offlineRefusal(this.host.destinationContext(name), this.host.summary(name).liveSource);
      if (offline) throw new ContractError('failed', `${name}: ${offline}`);
      const initiatedBy = { username: desktopUser(), automated: false };
      const prune = request.prune ?? false;
      if (request.revertInGit) {
        // nothing is pushed while another operation could refuse the sync of the revert
        await this.host.untilIdle(name);
        const { gitAuthor } = await this.host.settings();
        const revertCommit = await revertInGit(this.host.repos, app, revisions, gitAuthor);
        await this.host.setPin(name, null);
        const operation = await this.host.operate(name, {
          request: { prune, revisions: [] },
          dryRun: false,
          initiatedBy,
        });
        return { revision: revertCommit, revertCommit, operation };
      }
      await this.host.setPin(name, { revisions, since: new Date().toISOString() });
      const operation = await this.host.operate(name, {
        request: { prune, revisions, rollback: true },
        dryRun: false,
        initiatedBy,
      });
      return { revision: firstOf(revisions), revertCommit: null, operation };
    } finally {
      this.running.delete(name);
    }
  }

  /** Ends a rollback pin: the application follows its branch again, and auto-sync with it. */
  async resumeAutoSync(name: string): Promise<AppSummary> {
    this.host.validApp(name);
    await this.host.setPin(name, null);
    return this.host.summary(name);
  }

  private async target(request: Target) {
    const app = this.host.validApp(request.name);
    await this.host.ensureRendered(request.name);
    const revisions = await rollbackRevisions(
      await this.host.state.read(request.name),
      this.host.repos,
      app,
      this.host.currentRevisions(request.name),
      request,
    );
    return { app, revisions };
  }
}

function firstOf(revisions: ReadonlyArray<string | null>): string {
  return revisions.find((r) => r !== null) ?? '';
}

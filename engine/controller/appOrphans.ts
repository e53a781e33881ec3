// The orphaned resources of each application whose project asks for them: listed when the view
// asks, and looked for after comparisons (at most once a minute per application: it lists every
// kind of the namespace) to keep the OrphanedResourceWarning condition current.
import type { TreeNode } from '../api/contract.ts';
import type { ClusterConnection } from '../cluster/clusterConnection.ts';
import { listOrphanCandidates } from '../orphans/listCandidates.ts';
import { findOrphans, orphanWarning, type Orphan } from '../orphans/orphans.ts';
import type { LiveTarget } from './liveTarget.ts';

export const ORPHAN_CONDITION = 'OrphanedResourceWarning';
const CHECK_EVERY_MS = 60_000;

export interface AppOrphansDeps {
  target(name: string): LiveTarget;
  tree(name: string): TreeNode[];
  connection(context: string): ClusterConnection;
  /** Names of the applications that exist. */
  applications(): Set<string>;
  /** The warning to show (null: none). */
  warn(name: string, message: string | null): void;
}

export interface OrphanReport {
  /** The project has `orphanedResources`. */
  enabled: boolean;
  warn: boolean;
  namespace: string;
  orphans: Orphan[];
}

export class AppOrphans {
  private readonly checked = new Map<string, number>();
  /** The last warning, given again between checks (a render clears conditions). */
  private readonly warnings = new Map<string, string | null>();

  constructor(private readonly deps: AppOrphansDeps) {}

  async list(name: string): Promise<OrphanReport> {
    const { app, project, context } = this.deps.target(name);
    const namespace = app.spec.destination.namespace ?? '';
    const settings = project.spec.orphanedResources;
    if (!settings || !namespace) return { enabled: false, warn: false, namespace, orphans: [] };
    const objects = await listOrphanCandidates(this.deps.connection(context), namespace);
    const orphans = findOrphans({
      objects,
      project,
      own: new Set(this.deps.tree(name).map((node) => node.id)),
      applications: this.deps.applications(),
    });
    const warning = orphanWarning(project, orphans);
    this.checked.set(name, Date.now());
    this.warnings.set(name, warning);
    this.deps.warn(name, warning);
    return { enabled: true, warn: settings.warn === true, namespace, orphans };
  }

  /** After a comparison: the warning brought up to date, unless looked at within the minute. */
  async check(name: string): Promise<void> {
    try {
      const { project } = this.deps.target(name);
      if (project.spec.orphanedResources?.warn !== true) {
        this.forget(name);
        return this.deps.warn(name, null);
      }
      if (Date.now() - (this.checked.get(name) ?? 0) < CHECK_EVERY_MS)
        return this.deps.warn(name, this.warnings.get(name) ?? null);
      this.checked.set(name, Date.now()); // comparisons meanwhile do not list again
      await this.list(name);
    } catch {
      // unreachable cluster, invalid app: other conditions say so; the view shows the error
    }
  }

  forget(name: string): void {
    this.checked.delete(name);
    this.warnings.delete(name);
  }

  /** The next comparison looks again at once (the view listed them, the user changed something). */
  recheck(name: string): void {
    this.checked.delete(name);
  }
}

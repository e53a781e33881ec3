// Whether an Argo CD still manages an application Plumbline also runs: an argoproj.io
// Application of the same name in the destination cluster (where the CRD is served). Moving an
// application from Argo CD to Plumbline adopts its objects; while the Argo CD Application still
// exists, both would write them, so Plumbline shows a ManagedByArgoCD condition and leaves
// auto-sync to Argo CD (a user's explicit sync still runs). Lists are cached per cluster for a
// minute; a cluster that does not answer, or refuses the list, says nothing.
import type { ClusterConnection } from '../cluster/index.ts';

export const MANAGED_BY_ARGOCD = 'ManagedByArgoCD';
const CACHE_MS = 60_000;
const CHECK_WAIT_MS = 5_000;

interface ArgoApplicationList {
  items?: Array<{ metadata?: { name?: unknown; namespace?: unknown } }>;
}

export interface ArgoCdPresenceDeps {
  /** The connection to the application's cluster, when it has one. */
  connection(name: string): ClusterConnection | undefined;
  /** The condition's message for the application, or null when no Argo CD manages it. */
  changed(name: string, problem: string | null): void;
}

export class ArgoCdPresence {
  private readonly lists = new Map<string, { at: number; names: Promise<Map<string, string>> }>();
  private readonly managed = new Set<string>();

  constructor(private readonly deps: ArgoCdPresenceDeps) {}

  /** None for a cluster without a connection (an offline-only one, a snapshot): no Argo CD to ask there. */
  private connectionOf(name: string): ClusterConnection | undefined {
    try {
      return this.deps.connection(name);
    } catch {
      return undefined;
    }
  }

  /** Whether an Argo CD was last seen managing the application. */
  manages(name: string): boolean {
    return this.managed.has(name);
  }

  async check(name: string): Promise<void> {
    const connection = this.connectionOf(name);
    // a cluster slow to answer holds the application's auto-sync for a few seconds at most
    const names = connection
      ? await Promise.race([
          this.applications(connection),
          new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), CHECK_WAIT_MS).unref()),
        ])
      : undefined;
    const found = names?.get(name);
    const was = this.managed.has(name);
    if (found) this.managed.add(name);
    else this.managed.delete(name);
    if (was === Boolean(found)) return;
    this.deps.changed(
      name,
      found
        ? `Argo CD Application ${found} in cluster ${connection?.context} manages this application too: Plumbline adopts its objects but does not auto-sync it while that Application exists`
        : null,
    );
  }

  forget(name: string): void {
    this.managed.delete(name);
  }

  /** Argo CD Applications of the cluster by name, as `namespace/name`. */
  private applications(connection: ClusterConnection): Promise<Map<string, string>> {
    const cached = this.lists.get(connection.context);
    if (cached && Date.now() - cached.at < CACHE_MS) return cached.names;
    const names = list(connection);
    this.lists.set(connection.context, { at: Date.now(), names });
    return names;
  }
}

async function list(connection: ClusterConnection): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  try {
    const resource = await connection.resourceFor('argoproj.io', 'Application');
    if (!resource) return names;
    const body = await connection.requestJson<ArgoApplicationList>({
      verb: 'list',
      method: 'GET',
      path: connection.resourcePath(resource),
      what: 'list Argo CD Applications',
    });
    for (const item of body.items ?? []) {
      const { name, namespace } = item.metadata ?? {};
      if (typeof name === 'string')
        names.set(name, `${typeof namespace === 'string' ? namespace : ''}/${name}`);
    }
  } catch {
    // no answer or no right to list: nothing is known, nothing is claimed
  }
  return names;
}

// The cluster-side lease that guards every operation of an application: taken in the lease
// namespace (setting `operationLeaseNamespace`, `kube-system` unless set) or, where the user may
// not write leases there, in the application's destination namespace; renewed while the
// operation runs; released after. Losing it mid-operation stops the operation.
import { createHash } from 'node:crypto';
import { KubeApiError } from '../cluster/apiError.ts';
import type { ClusterConnection } from '../cluster/clusterConnection.ts';
import {
  acquireLease,
  leaseHolder,
  leaseHolders,
  releaseLease,
  type LeaseHolder,
  type LeaseRef,
} from '../cluster/lease.ts';

const durationSeconds = 30;
const renewEveryMs = 10_000;
const defaultNamespace = 'kube-system';
/** How long one list of a namespace's leases answers for every application (they are checked every few minutes). */
const listReuseMs = 5_000;

export class LeaseHeldError extends Error {
  constructor(
    readonly appName: string,
    readonly heldBy: LeaseHolder,
  ) {
    super(
      `${appName}: another Plumbline (${heldBy.holder}) is operating this application (lease renewed ${heldBy.renewedAt ?? 'at an unknown time'}); try again when it is done`,
    );
  }
}

/** Lease names are DNS subdomains of at most 253 characters. */
export function leaseName(appName: string): string {
  const name = `plumbline-op-${appName}`;
  if (name.length <= 253) return name;
  const hash = createHash('sha256').update(appName).digest('hex').slice(0, 10);
  return `${name.slice(0, 242)}-${hash}`;
}

export interface HeldLease {
  ref: LeaseRef;
  holder: string;
  /** Aborted when the lease was lost. */
  lost: AbortSignal;
  release(): Promise<void>;
}

export class OperationLeases {
  private readonly lists = new WeakMap<
    ClusterConnection,
    Map<string, { at: number; holders: Promise<Map<string, LeaseHolder>> }>
  >();

  constructor(
    /** Who this instance is on a lease (see instanceIdentity). */
    readonly identity: () => Promise<string>,
    private readonly configuredNamespace: () => Promise<string | undefined>,
  ) {}

  private async namespaces(destinationNamespace: string | undefined): Promise<string[]> {
    const first = (await this.configuredNamespace()) ?? defaultNamespace;
    return [...new Set([first, ...(destinationNamespace ? [destinationNamespace] : [])])];
  }

  /**
   * Who else holds the lease of an application now (null: free, or held by us). The lease
   * namespace is read with one list shared by every application for a few seconds, so checking
   * a fleet costs the same as checking one application; the destination namespace is looked at
   * only where the lease namespace cannot be read, as leases are taken there only then.
   */
  async foreignHolder(
    connection: ClusterConnection,
    appName: string,
    destinationNamespace: string | undefined,
  ): Promise<LeaseHolder | null> {
    const identity = await this.identity();
    const [first, ...fallbacks] = await this.namespaces(destinationNamespace);
    const listed = await this.holdersIn(connection, first!).catch((error: unknown) => error);
    if (listed instanceof Map) {
      const holder = listed.get(leaseName(appName));
      return holder && holder.holder !== identity ? holder : null;
    }
    if (!(listed instanceof KubeApiError && (listed.status === 403 || listed.status === 404))) return null;
    for (const namespace of fallbacks) {
      const holder = await leaseHolder(connection, { namespace, name: leaseName(appName) }).catch(() => null);
      if (holder && holder.holder !== identity) return holder;
    }
    return null;
  }

  /** The holders of a namespace's leases, listed at most once every few seconds per cluster. */
  private holdersIn(connection: ClusterConnection, namespace: string): Promise<Map<string, LeaseHolder>> {
    let lists = this.lists.get(connection);
    if (!lists) this.lists.set(connection, (lists = new Map()));
    const recent = lists.get(namespace);
    if (recent && Date.now() - recent.at < listReuseMs) return recent.holders;
    const holders = leaseHolders(connection, namespace);
    lists.set(namespace, { at: Date.now(), holders });
    return holders;
  }

  async take(
    connection: ClusterConnection,
    appName: string,
    destinationNamespace: string | undefined,
  ): Promise<HeldLease> {
    const refused: string[] = [];
    const identity = await this.identity();
    for (const namespace of await this.namespaces(destinationNamespace)) {
      const ref = { namespace, name: leaseName(appName) };
      try {
        const attempt = await acquireLease(connection, ref, identity, durationSeconds);
        if (!attempt.acquired) throw new LeaseHeldError(appName, attempt.heldBy);
        return this.held(connection, ref, identity);
      } catch (error) {
        // no right to write leases here, or no such namespace: try the next place
        if (error instanceof KubeApiError && (error.status === 403 || error.status === 404)) {
          refused.push(`${namespace}: ${error.message}`);
          continue;
        }
        throw error;
      }
    }
    throw new Error(
      `${appName}: cannot take the operation lease that guards its syncs: allow this user to create coordination.k8s.io leases in one of these namespaces, or choose another in the setting operationLeaseNamespace (${refused.join('; ')})`,
    );
  }

  private held(connection: ClusterConnection, ref: LeaseRef, identity: string): HeldLease {
    const lost = new AbortController();
    const timer = setInterval(() => {
      acquireLease(connection, ref, identity, durationSeconds).then(
        (attempt) => !attempt.acquired && lost.abort(new LeaseHeldError(ref.name, attempt.heldBy)),
        // a missed renewal is retried; the lease lasts three renewals
        () => undefined,
      );
    }, renewEveryMs);
    timer.unref();
    return {
      ref,
      holder: identity,
      lost: lost.signal,
      release: async () => {
        clearInterval(timer);
        await releaseLease(connection, ref, identity).catch(() => undefined);
      },
    };
  }
}

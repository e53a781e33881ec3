// A coordination.k8s.io Lease used as a lock between Plumbline instances on different desktops:
// taken before an operation, renewed while it runs, deleted after. A lease whose holder stopped
// renewing for longer than its duration is taken over. Every write carries the resourceVersion
// it read, so of two instances racing for the same lease exactly one wins.
//
// Whether a holder stopped renewing is judged on this desktop's clock, as Kubernetes' leader
// election does: a lease is expired once this process has seen it unchanged for its duration.
// The renew time written by the holder's clock only decides for a lease left so long ago that no
// difference between two desktops' clocks explains it (its duration plus five minutes).
import { KubeApiError } from './apiError.ts';
import type { ClusterConnection } from './clusterConnection.ts';

export interface LeaseRef {
  namespace: string;
  name: string;
}

export interface LeaseHolder {
  holder: string;
  renewedAt: string | null;
  /** Whether the holder stopped renewing it for longer than its duration. */
  expired: boolean;
}

export type LeaseAttempt =
  { acquired: true; resourceVersion: string } | { acquired: false; heldBy: LeaseHolder };

interface LeaseObject {
  metadata: { name: string; namespace: string; resourceVersion?: string };
  spec: {
    holderIdentity?: string;
    leaseDurationSeconds?: number;
    acquireTime?: string;
    renewTime?: string;
    leaseTransitions?: number;
  };
}

function leasePath(ref: LeaseRef, name = true): string {
  const base = `/apis/coordination.k8s.io/v1/namespaces/${encodeURIComponent(ref.namespace)}/leases`;
  return name ? `${base}/${encodeURIComponent(ref.name)}` : base;
}

/** Kubernetes' MicroTime: RFC 3339 with microseconds. */
function microTime(date: Date): string {
  return date.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

const CLOCK_DIFFERENCE_ALLOWANCE_MS = 5 * 60_000;

/** Per connection and lease: the version last seen, and when (this clock) it was first seen. */
const observations = new WeakMap<ClusterConnection, Map<string, { version: string; since: number }>>();

/** Since when, on this clock, the lease has been seen unchanged. */
function unchangedSince(
  connection: ClusterConnection,
  ref: LeaseRef,
  lease: LeaseObject,
  now: number,
): number {
  let seen = observations.get(connection);
  if (!seen) observations.set(connection, (seen = new Map()));
  const key = `${ref.namespace}/${ref.name}`;
  const version = lease.metadata.resourceVersion ?? `${lease.spec.holderIdentity}@${lease.spec.renewTime}`;
  const last = seen.get(key);
  if (last?.version === version) return last.since;
  seen.set(key, { version, since: now });
  return now;
}

function holderOf(connection: ClusterConnection, ref: LeaseRef, lease: LeaseObject): LeaseHolder | null {
  const now = Date.now();
  const since = unchangedSince(connection, ref, lease, now);
  const holder = lease.spec.holderIdentity;
  if (!holder) return null;
  const renewedAt = lease.spec.renewTime ?? lease.spec.acquireTime ?? null;
  const durationMs = (lease.spec.leaseDurationSeconds ?? 0) * 1000;
  const expired =
    renewedAt === null ||
    now - since > durationMs ||
    Date.parse(renewedAt) + durationMs + CLOCK_DIFFERENCE_ALLOWANCE_MS < now;
  return { holder, renewedAt, expired };
}

export async function readLease(connection: ClusterConnection, ref: LeaseRef): Promise<LeaseObject | null> {
  try {
    return await connection.requestJson<LeaseObject>({
      verb: 'get',
      method: 'GET',
      path: leasePath(ref),
      what: `read lease ${ref.namespace}/${ref.name}`,
    });
  } catch (error) {
    if (error instanceof KubeApiError && error.status === 404) return null;
    throw error;
  }
}

/** Who holds a lease now, if anyone holds it unexpired. */
export async function leaseHolder(connection: ClusterConnection, ref: LeaseRef): Promise<LeaseHolder | null> {
  const lease = await readLease(connection, ref);
  const holder = lease ? holderOf(connection, ref, lease) : null;
  return holder && !holder.expired ? holder : null;
}

/**
 * Who holds each lease of a namespace now (unexpired holders only), from one list: what a
 * thousand applications' lease checks cost together instead of a read each.
 */
export async function leaseHolders(
  connection: ClusterConnection,
  namespace: string,
): Promise<Map<string, LeaseHolder>> {
  const list = await connection.requestJson<{ items?: LeaseObject[] }>({
    verb: 'list',
    method: 'GET',
    path: leasePath({ namespace, name: '' }, false),
    what: `list leases in ${namespace}`,
  });
  const holders = new Map<string, LeaseHolder>();
  for (const lease of list.items ?? []) {
    const holder = holderOf(connection, { namespace, name: lease.metadata.name }, lease);
    if (holder && !holder.expired) holders.set(lease.metadata.name, holder);
  }
  return holders;
}

export async function acquireLease(
  connection: ClusterConnection,
  ref: LeaseRef,
  identity: string,
  durationSeconds: number,
): Promise<LeaseAttempt> {
  const now = new Date();
  const current = await readLease(connection, ref);
  const holder = current ? holderOf(connection, ref, current) : null;
  if (holder && !holder.expired && holder.holder !== identity) return { acquired: false, heldBy: holder };
  const takeover = holder?.holder !== identity;
  const lease: LeaseObject = {
    metadata: {
      name: ref.name,
      namespace: ref.namespace,
      ...(current?.metadata.resourceVersion ? { resourceVersion: current.metadata.resourceVersion } : {}),
    },
    spec: {
      holderIdentity: identity,
      leaseDurationSeconds: durationSeconds,
      acquireTime: takeover ? microTime(now) : (current?.spec.acquireTime ?? microTime(now)),
      renewTime: microTime(now),
      leaseTransitions: (current?.spec.leaseTransitions ?? 0) + (current && takeover ? 1 : 0),
    },
  };
  try {
    const written = await connection.requestJson<LeaseObject>({
      verb: 'patch',
      method: current ? 'PUT' : 'POST',
      path: leasePath(ref, Boolean(current)),
      body: JSON.stringify({ apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', ...lease }),
      contentType: 'application/json',
      what: `take lease ${ref.namespace}/${ref.name}`,
    });
    unchangedSince(connection, ref, written, Date.now());
    return { acquired: true, resourceVersion: written.metadata.resourceVersion ?? '' };
  } catch (error) {
    // another instance wrote first: it holds the lease now
    if (error instanceof KubeApiError && error.status === 409) {
      const winner = await readLease(connection, ref);
      const heldBy = winner ? holderOf(connection, ref, winner) : null;
      if (heldBy) return { acquired: false, heldBy };
    }
    throw error;
  }
}

/** Deletes the lease if this instance still holds it. */
export async function releaseLease(
  connection: ClusterConnection,
  ref: LeaseRef,
  identity: string,
): Promise<void> {
  const current = await readLease(connection, ref);
  if (!current || current.spec.holderIdentity !== identity) return;
  try {
    await connection.request({
      verb: 'patch',
      method: 'DELETE',
      path: leasePath(ref),
      body: JSON.stringify({
        apiVersion: 'v1',
        kind: 'DeleteOptions',
        preconditions: { resourceVersion: current.metadata.resourceVersion },
      }),
      contentType: 'application/json',
      what: `release lease ${ref.namespace}/${ref.name}`,
    });
  } catch (error) {
    // gone already, or taken over after it expired: not ours to delete
    if (!(error instanceof KubeApiError && (error.status === 404 || error.status === 409))) throw error;
  }
}

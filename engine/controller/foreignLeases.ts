// Who else holds an application's operation lease, as the UI shows it: looked at on every
// reconciliation and, while another desktop holds it, again every few seconds until it is free.
import type { AppSummary } from '../api/contract.ts';
import type { ClusterConnection } from '../cluster/clusterConnection.ts';
import type { OperationLeases } from './operationLease.ts';

const recheckMs = 5_000;

export interface ForeignLeasesHost {
  leases: OperationLeases;
  /** Where the application's lease lives, or null when it cannot be looked at now (no cluster, operation running). */
  where(name: string): { connection: ClusterConnection; namespace: string | undefined } | null;
  seen(name: string, lease: AppSummary['lease']): void;
}

export class ForeignLeases {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(private readonly host: ForeignLeasesHost) {}

  async check(name: string): Promise<void> {
    const where = this.host.where(name);
    if (!where) return;
    const holder = await this.host.leases.foreignHolder(where.connection, name, where.namespace);
    this.host.seen(
      name,
      holder ? { holder: holder.holder, heldByUs: false, renewedAt: holder.renewedAt } : null,
    );
    if (holder) this.recheck(name);
  }

  /** Looks again in a few seconds (once per application at a time). */
  recheck(name: string): void {
    if (this.timers.has(name)) return;
    const timer = setTimeout(() => {
      this.timers.delete(name);
      void this.check(name).catch(() => undefined);
    }, recheckMs);
    timer.unref();
    this.timers.set(name, timer);
  }

  close(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}

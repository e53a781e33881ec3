// What `plumbline app wait` waits for, as `argocd app wait` decides it: sync Synced, health
// Healthy (or Suspended / Degraded when asked), no operation running. Without any flag it
// waits for sync, health and operation together.
import type { AppSummary } from '../../engine/api/contract.ts';

export interface WaitFlags {
  sync?: boolean;
  health?: boolean;
  operation?: boolean;
  suspended?: boolean;
  degraded?: boolean;
}

export type Watched = Required<WaitFlags>;

/** Argo CD's default: no flag at all means sync, health and operation. */
export function watchedConditions(flags: WaitFlags): Watched {
  const given = {
    sync: flags.sync ?? false,
    health: flags.health ?? false,
    operation: flags.operation ?? false,
    suspended: flags.suspended ?? false,
    degraded: flags.degraded ?? false,
  };
  if (Object.values(given).some(Boolean)) return given;
  return { ...given, sync: true, health: true, operation: true };
}

/** What still keeps the application from the watched conditions; empty when they all hold. */
export function missingConditions(
  app: Pick<AppSummary, 'sync' | 'health' | 'operationRunning'>,
  watched: Watched,
): string[] {
  const missing: string[] = [];
  if (watched.sync && app.sync.status !== 'Synced') missing.push(`sync is ${app.sync.status}, not Synced`);
  // Argo CD: any one of the health states asked for passes
  const wantedHealth = [
    ...(watched.health ? ['Healthy'] : []),
    ...(watched.suspended ? ['Suspended'] : []),
    ...(watched.degraded ? ['Degraded'] : []),
  ];
  if (wantedHealth.length > 0 && !wantedHealth.includes(app.health.status))
    missing.push(`health is ${app.health.status}, not ${wantedHealth.join(' or ')}`);
  if (watched.operation && app.operationRunning) missing.push('an operation is running');
  return missing;
}

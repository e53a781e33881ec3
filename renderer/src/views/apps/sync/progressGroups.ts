// The progress of a sync operation as the reader follows it: objects grouped by phase
// (PreSync, Sync, PostSync, SyncFail) and wave, in the order the engine runs them, each object
// and each group with a state that says whether it is waiting, under way, done or failed.
import type { Operation } from '../../../../../engine/api/contract.ts';

export type OperationResource = Operation['resources'][number];
export type StepState = 'pending' | 'running' | 'done' | 'failed';

export interface ProgressGroup {
  phase: string;
  wave: number;
  state: StepState;
  resources: OperationResource[];
}

const PHASE_ORDER = ['PreSync', 'Sync', 'PostSync', 'SyncFail'];

function phaseRank(phase: string): number {
  const rank = PHASE_ORDER.indexOf(phase);
  return rank === -1 ? PHASE_ORDER.length : rank;
}

export function resourceState(resource: OperationResource): StepState {
  if (resource.status === 'SyncFailed' || resource.hookPhase === 'Failed' || resource.hookPhase === 'Error')
    return 'failed';
  if (resource.hookPhase === 'Running') return 'running';
  if (resource.status !== null || resource.hookPhase !== null) return 'done';
  return 'pending';
}

function groupState(resources: readonly OperationResource[]): StepState {
  const states = resources.map(resourceState);
  if (states.includes('failed')) return 'failed';
  if (states.every((state) => state === 'done')) return 'done';
  return states.some((state) => state !== 'pending') ? 'running' : 'pending';
}

/** Groups in execution order: by phase, then wave; objects keep the engine's order inside. */
export function groupProgress(resources: readonly OperationResource[]): ProgressGroup[] {
  const groups = new Map<string, OperationResource[]>();
  for (const resource of resources) {
    const key = `${resource.phase}\u0000${resource.wave}`;
    groups.set(key, [...(groups.get(key) ?? []), resource]);
  }
  return [...groups.values()]
    .map((members) => ({
      phase: members[0]!.phase,
      wave: members[0]!.wave,
      state: groupState(members),
      resources: members,
    }))
    .sort((a, b) => phaseRank(a.phase) - phaseRank(b.phase) || a.wave - b.wave);
}

/** "3 of 5 done" for a group's header. */
export function groupCounts(group: ProgressGroup): string {
  const done = group.resources.filter((r) => resourceState(r) === 'done').length;
  const failed = group.resources.filter((r) => resourceState(r) === 'failed').length;
  const total = group.resources.length;
  return `${done} of ${total} done${failed > 0 ? `, ${failed} failed` : ''}`;
}

export function isFinished(operation: Operation): boolean {
  return operation.phase !== 'Running' && operation.phase !== 'Terminating';
}

// The CLI's progress lines for a running operation: one per phase and wave, counting results.
import { describe, expect, it } from 'vitest';
import type { Operation } from '../../../engine/api/contract.ts';
import { stepSummaries } from '../../../main/cli/operationOutput.ts';

type Resource = Operation['resources'][number];

function resource(name: string, phase: string, wave: number, result: Partial<Resource> = {}): Resource {
  const base = { id: name, kind: 'ConfigMap', namespace: 'web', name, phase, wave, status: null };
  return { ...base, hookPhase: null, message: '', ...result };
}

describe('stepSummaries', () => {
  it('counts the results of each step, hooks by their phase, the rest as pending', () => {
    const operation: Operation = {
      phase: 'Running',
      message: 'syncing',
      dryRun: false,
      startedAt: '2024-01-01T00:00:00Z',
      finishedAt: null,
      resources: [
        resource('migrate', 'PreSync', 0, { hookPhase: 'Running' }),
        resource('a', 'Sync', 0, { status: 'Synced' }),
        resource('b', 'Sync', 0, { status: 'Synced' }),
        resource('c', 'Sync', 1),
        resource('d', 'Sync', 1, { status: 'SyncFailed' }),
      ],
    };
    expect([...stepSummaries(operation).values()]).toEqual([
      'PreSync wave 0: 1 Running',
      'Sync wave 0: 2 Synced',
      'Sync wave 1: 1 pending, 1 SyncFailed',
    ]);
  });
});

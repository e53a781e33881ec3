// The end-of-wave wait with fake live reads: hooks complete or fail by their health, resources
// wait until healthy (no health check counts as healthy), and the wait gives up at its limit.
import { describe, expect, it } from 'vitest';
import type { ClusterConnection } from '../../../engine/cluster/index.ts';
import type { KubeObject } from '../../../engine/diff/index.ts';
import type { HealthResult } from '../../../engine/health/index.ts';
import { planSync } from '../../../engine/sync/index.ts';
import { resultOf } from '../../../engine/sync/syncAttempt.ts';
import type { StepContext } from '../../../engine/sync/stepContext.ts';
import { waitForWave } from '../../../engine/sync/waveWait.ts';
import { obj, request } from './fixtures.ts';

/** Health by object name, changing over polls: each read takes the next value of its list. */
function context(
  healthByName: Record<string, (HealthResult | null | 'absent')[]>,
  waitTimeoutMs = 5_000,
): StepContext {
  const reads = new Map<string, number>();
  const current = (name: string) => {
    const list = healthByName[name] ?? [null];
    const n = reads.get(name) ?? 0;
    return list[Math.min(n, list.length - 1)];
  };
  return {
    request: request([]),
    dryRun: false,
    deps: {
      connection: {} as ClusterConnection,
      readLive: (key) => {
        const health = current(key.name);
        reads.set(key.name, (reads.get(key.name) ?? 0) + 1);
        return Promise.resolve(
          health === 'absent' ? undefined : { kind: key.kind, metadata: { name: key.name, health } },
        );
      },
      healthOf: (live: KubeObject) => (live.metadata?.health as HealthResult | null) ?? null,
      authorize: () => Promise.resolve({ allowed: true }),
      pollIntervalMs: 1,
      waitTimeoutMs,
    },
  };
}

function entries(desired: KubeObject[]) {
  return planSync(request(desired), new Date()).tasks.map((task) => ({ task, result: resultOf(task) }));
}

const job = (name: string) => obj('batch/v1', 'Job', name, { 'argocd.argoproj.io/hook': 'Sync' });

describe('waitForWave', () => {
  it('waits for resources to be healthy; an object without health check counts as healthy', async () => {
    const wave = entries([obj('apps/v1', 'Deployment', 'web'), obj('v1', 'ConfigMap', 'settings')]);
    const ctx = context({
      web: ['absent', { status: 'Progressing' }, { status: 'Healthy' }],
      settings: [null],
    });
    expect(await waitForWave(ctx, wave, () => undefined)).toBe(true);
    expect(wave.map((e) => e.result.health?.status)).toEqual([undefined, 'Healthy']);
  });

  it('completes hooks by health: Healthy is Succeeded, Degraded is Failed with its message', async () => {
    const wave = entries([job('ok'), job('bad')]);
    const ctx = context({
      ok: [{ status: 'Progressing' }, { status: 'Healthy', message: 'done' }],
      bad: [{ status: 'Degraded', message: 'BackoffLimitExceeded' }],
    });
    const seen: string[] = [];
    const ok = await waitForWave(ctx, wave, () => seen.push(wave.map((e) => e.result.hookPhase).join()));
    expect(ok).toBe(false);
    expect(seen[0]).toBe('Failed,Running');
    expect(wave.map((e) => [e.result.name, e.result.hookPhase, e.result.status, e.result.message])).toEqual([
      ['bad', 'Failed', 'SyncFailed', 'BackoffLimitExceeded'],
      ['ok', 'Succeeded', undefined, 'done'],
    ]);
  });

  it('gives up at the wait limit with the last health seen', async () => {
    const wave = entries([obj('apps/v1', 'Deployment', 'stuck')]);
    const ctx = context({ stuck: [{ status: 'Progressing', message: 'waiting for rollout' }] }, 20);
    expect(await waitForWave(ctx, wave, () => undefined)).toBe(false);
    expect(wave[0]?.result).toMatchObject({
      status: 'SyncFailed',
      message: 'timed out waiting for healthy (Progressing: waiting for rollout)',
    });
  });

  it('fails on a degraded resource, and a hook whose health is Unknown', async () => {
    const wave = entries([obj('apps/v1', 'Deployment', 'web'), job('odd')]);
    const ctx = context({
      web: [{ status: 'Degraded', message: 'ProgressDeadlineExceeded' }],
      odd: [{ status: 'Unknown', message: 'no condition' }],
    });
    expect(await waitForWave(ctx, wave, () => undefined)).toBe(false);
    expect(wave.map((e) => [e.result.name, e.result.health?.status, e.result.hookPhase])).toEqual([
      ['web', 'Degraded', undefined],
      ['odd', 'Unknown', 'Failed'],
    ]);
  });

  it('waits for a pruned object to be gone', async () => {
    const live = obj('v1', 'ConfigMap', 'old', { 'plumbline.dev/tracking-id': 'shop:/ConfigMap:shop/old' });
    const prunes = planSync(request([], [live], { prune: true }), new Date()).tasks.map((task) => ({
      task,
      result: resultOf(task),
    }));
    const rounds: number[] = [];
    const ctx = context({ old: [null, null, 'absent'] });
    expect(await waitForWave(ctx, prunes, () => rounds.push(1))).toBe(true);
    expect(rounds.length).toBe(3);
  });
});

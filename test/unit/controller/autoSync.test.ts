import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Operation } from '../../../engine/api/contract.ts';
import { ContractError } from '../../../engine/api/errors.ts';
import { AutoSync } from '../../../engine/controller/autoSync.ts';
import { AutoSyncRunner } from '../../../engine/controller/autoSyncRunner.ts';
import type { Application } from '../../../engine/model/index.ts';
import { AppStateStore } from '../../../engine/store/appStateStore.ts';

const app = (automated: Record<string, unknown> | undefined): Application => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Application',
  metadata: { name: 'web' },
  spec: {
    source: { repoURL: 'r', path: 'p' },
    destination: { name: 'c' },
    ...(automated ? { syncPolicy: { automated } } : {}),
  },
});
const outOfSync = { outOfSync: true, revisions: 'abc', desiredCount: 3 };

describe('auto-sync, as Argo CD decides it', () => {
  it('does nothing without syncPolicy.automated, or when in sync', () => {
    const auto = new AutoSync();
    expect(auto.decide(app(undefined), outOfSync)).toBeNull();
    expect(auto.decide(app({ enabled: false }), outOfSync)).toBeNull();
    expect(auto.decide(app({}), { ...outOfSync, outOfSync: false })).toBeNull();
  });

  it('syncs once per revision, even when that sync failed', () => {
    const auto = new AutoSync();
    const web = app({ prune: true });
    const decision = auto.decide(web, outOfSync);
    expect(decision).toEqual({ kind: 'sync', prune: true });
    auto.attempt(web, 'abc', decision!);
    auto.finished('web', false);
    expect(auto.decide(web, outOfSync)).toBeNull();
    expect(auto.decide(web, { ...outOfSync, revisions: 'def' })).toEqual({ kind: 'sync', prune: true });
  });

  it('heals drift at a synced revision with selfHeal, backing off 2 s × 3 per attempt', () => {
    const auto = new AutoSync();
    const web = app({ selfHeal: true });
    auto.attempt(web, 'abc', { kind: 'sync', prune: false }, 0);
    auto.finished('web', true);
    expect(auto.decide(web, outOfSync, 0)).toEqual({ kind: 'selfHeal', prune: false });
    auto.attempt(web, 'abc', { kind: 'selfHeal', prune: false }, 0);
    auto.finished('web', true);
    expect(auto.decide(web, outOfSync, 1_999)).toBeNull();
    expect(auto.decide(web, outOfSync, 2_000)).not.toBeNull();
    auto.attempt(web, 'abc', { kind: 'selfHeal', prune: false }, 2_000);
    auto.finished('web', true);
    expect(auto.decide(web, outOfSync, 2_000 + 5_999)).toBeNull();
    expect(auto.decide(web, outOfSync, 2_000 + 6_000)).not.toBeNull();
  });

  it('does not heal without selfHeal, nor sync an empty render without allowEmpty', () => {
    const auto = new AutoSync();
    const web = app({});
    auto.attempt(web, 'abc', { kind: 'sync', prune: false }, 0);
    auto.finished('web', true);
    expect(auto.decide(web, outOfSync, 10_000)).toBeNull();
    expect(new AutoSync().decide(web, { ...outOfSync, desiredCount: 0 })).toBeNull();
    expect(
      new AutoSync().decide(app({ allowEmpty: true }), { ...outOfSync, desiredCount: 0 }),
    ).not.toBeNull();
  });

  it('after a rollback is resumed, syncs the branch again even at a revision it synced before', () => {
    const auto = new AutoSync();
    const web = app({});
    auto.attempt(web, 'green', { kind: 'sync', prune: false });
    auto.finished('web', true);
    // the user rolled back to blue; while pinned nothing is decided; resumed, green is new again
    auto.deployed(web, 'blue', true);
    expect(auto.decide(web, { ...outOfSync, revisions: 'green' })).toEqual({ kind: 'sync', prune: false });
  });

  it('tries again a sync that could not start, backing off 5 s × 2, unless a user synced meanwhile', () => {
    const auto = new AutoSync();
    const web = app({});
    const first = auto.attempt(web, 'abc', { kind: 'sync', prune: false }, 0);
    expect(auto.decide(web, outOfSync, 0)).toBeNull();
    expect(auto.couldNotStart('web', first, 0)).toBe(5_000);
    expect(auto.lastAttempt('web')).toBeNull();
    expect(auto.decide(web, outOfSync, 4_999)).toBeNull();
    const second = auto.attempt(web, 'abc', auto.decide(web, outOfSync, 5_000)!, 5_000);
    expect(auto.couldNotStart('web', second, 5_000)).toBe(15_000);
    const third = auto.attempt(web, 'abc', { kind: 'sync', prune: false }, 15_000);
    auto.deployed(web, 'abc', false);
    expect(auto.couldNotStart('web', third, 15_000)).toBeNull();
    expect(auto.decide(web, outOfSync, 60_000)).toBeNull();
  });

  it('does not repeat a revision a user-started sync failed at', () => {
    const auto = new AutoSync();
    const web = app({});
    auto.deployed(web, 'abc', false);
    expect(auto.decide(web, outOfSync)).toBeNull();
  });
});

// An automatic sync that could not even start its operation (the operation lease could not be
// taken, an API error, a window that closed meanwhile) was recorded as attempted and never tried
// again: the application stayed out of sync until its next commit, with nothing shown. Argo CD
// tries such a sync again; only an operation that ran and failed is not repeated.
const operation = (phase: Operation['phase']): Operation => ({
  phase,
  message: phase,
  dryRun: false,
  startedAt: new Date().toISOString(),
  finishedAt: new Date().toISOString(),
  resources: [],
});

const leaseRefused = () =>
  new ContractError('failed', 'web: cannot read the operation lease: the server is too busy (429)');

describe('an automatic sync that could not start', () => {
  let dataDir: string;
  let store: AppStateStore;
  let problems: Array<string | null>;

  beforeEach(async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    dataDir = await mkdtemp(join(tmpdir(), 'plumbline-autosync-'));
    store = new AppStateStore(dataDir, '/workspace');
    problems = [];
  });
  afterEach(async () => {
    vi.useRealTimers();
    await rm(dataDir, { recursive: true, force: true });
  });

  const runnerWith = (definition: Application, sync: () => Promise<Operation>) =>
    new AutoSyncRunner(
      store,
      () => ({ app: definition, revisions: 'abc', outOfSync: true, desiredCount: 3 }),
      sync,
      undefined,
      (_name, problem) => problems.push(problem),
    );

  it('is shown on the application and tried again with a backoff until it starts', async () => {
    const sync = vi
      .fn<() => Promise<Operation>>()
      .mockRejectedValueOnce(leaseRefused())
      .mockRejectedValueOnce(leaseRefused())
      .mockResolvedValueOnce(operation('Succeeded'));
    const runner = runnerWith(app({}), sync);

    await runner.runIfDue('web');
    expect(sync).toHaveBeenCalledTimes(1);
    expect(problems.at(-1)).toMatch(
      /^auto-sync could not start: web: cannot read the operation lease.*\(trying again in 5 s\)$/,
    );
    // a comparison right after does not hammer the cluster
    await runner.runIfDue('web');
    expect(sync).toHaveBeenCalledTimes(1);
    // nothing is written that would keep a restarted Plumbline from trying again
    expect((await store.read('web')).autoSync).toBeNull();

    // tried again by itself after the backoff, without a new commit or comparison
    await vi.advanceTimersByTimeAsync(5_000);
    await vi.waitFor(() => expect(sync).toHaveBeenCalledTimes(2));
    // the second failure waits longer
    await vi.advanceTimersByTimeAsync(9_999);
    expect(sync).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(1);
    await vi.waitFor(() => expect(sync).toHaveBeenCalledTimes(3));
    await vi.waitFor(() => expect(problems.at(-1)).toBeNull());
    await vi.waitFor(async () =>
      expect((await store.read('web')).autoSync).toEqual({
        target: expect.any(String),
        succeeded: true,
      }),
    );

    // started and done: no further attempt at this revision
    await vi.advanceTimersByTimeAsync(600_000);
    await runner.runIfDue('web');
    expect(sync).toHaveBeenCalledTimes(3);
  });

  it('still does not repeat an operation that ran and failed', async () => {
    const sync = vi.fn<() => Promise<Operation>>().mockResolvedValue(operation('Failed'));
    const runner = runnerWith(app({}), sync);
    await runner.runIfDue('web');
    await vi.advanceTimersByTimeAsync(600_000);
    await runner.runIfDue('web');
    expect(sync).toHaveBeenCalledTimes(1);
    // its failure is the operation's own (the last sync), not a problem starting it
    expect(problems).toEqual([]);
  });

  it('retries a self-heal that could not start, and stops once the application is forgotten', async () => {
    const sync = vi
      .fn<() => Promise<Operation>>()
      .mockResolvedValueOnce(operation('Succeeded'))
      .mockRejectedValue(leaseRefused());
    const runner = runnerWith(app({ selfHeal: true }), sync);
    await runner.runIfDue('web');
    await vi.advanceTimersByTimeAsync(2_000);
    await runner.runIfDue('web');
    expect(sync).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(5_000);
    await vi.waitFor(() => expect(sync).toHaveBeenCalledTimes(3));
    runner.forget('web');
    await vi.advanceTimersByTimeAsync(600_000);
    expect(sync).toHaveBeenCalledTimes(3);
  });
});

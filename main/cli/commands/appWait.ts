// `plumbline app wait NAME`: waits until the application reaches what was asked — sync Synced,
// health Healthy (or Suspended/Degraded), no operation running; all of sync, health and
// operation when no flag is given, as `argocd app wait`. Exits 0 once reached, 1 at the timeout
// with what was still missing.
import { Command, InvalidArgumentError } from 'commander';
import type { PlumblineClient } from '../../../engine/api/client.ts';
import type { AppSummary } from '../../../engine/api/contract.ts';
import { usesRunningHost, withEngine } from '../engineSession.ts';
import { missingConditions, watchedConditions, type WaitFlags } from '../waitConditions.ts';

interface WaitOptions extends WaitFlags {
  timeout: number;
}

const POLL_MS = 1000;
// An engine of its own watches the cluster but not git: it fetches again this often.
const OWN_ENGINE_REFRESH_MS = 15_000;

function seconds(value: string): number {
  const parsed = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(parsed))
    throw new InvalidArgumentError(`expected a whole number of seconds, got ${value}`);
  return parsed;
}

/** Resolves on the next change of the application or after `ms`, whichever comes first. */
function nextChange(client: PlumblineClient, name: string, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      stop();
      resolve();
    };
    const timer = setTimeout(done, ms);
    const stop = client.subscribe((event) => {
      if (event.event === 'apps.changed' && event.payload.changed.some((app) => app.name === name)) done();
      if (event.event === 'apps.operation' && event.payload.name === name) done();
    });
  });
}

interface WaitResult {
  app: AppSummary;
  missing: string[];
}

async function waitFor(client: PlumblineClient, name: string, options: WaitOptions): Promise<WaitResult> {
  const watched = watchedConditions(options);
  const deadline = options.timeout > 0 ? Date.now() + options.timeout * 1000 : Infinity;
  const ownEngine = !usesRunningHost();
  let refreshedAt = 0;
  for (;;) {
    let app: AppSummary;
    if (ownEngine && Date.now() - refreshedAt >= OWN_ENGINE_REFRESH_MS) {
      app = (await client.call('apps.refresh', { name })).app;
      refreshedAt = Date.now();
    } else app = (await client.call('apps.get', { name })).app;
    const missing = missingConditions(app, watched);
    const left = deadline - Date.now();
    if (missing.length === 0 || left <= 0) return { app, missing };
    await nextChange(client, name, Math.min(POLL_MS, left));
  }
}

export function appWaitCommand(): Command {
  return new Command('wait')
    .description(
      'wait until an application is synced, healthy and has no operation running (or what the flags name)',
    )
    .argument('<name>', 'the application')
    .option('--sync', 'wait for sync status Synced')
    .option('--health', 'wait for health Healthy')
    .option('--suspended', 'wait for health Suspended')
    .option('--degraded', 'wait for health Degraded')
    .option('--operation', 'wait until no operation is running')
    .option('--timeout <seconds>', 'give up after this many seconds (0: never)', seconds, 0)
    .action(async (name: string, options: WaitOptions) => {
      const { app, missing } = await withEngine((client) => waitFor(client, name, options));
      if (missing.length > 0)
        throw new Error(`${name}: timed out after ${options.timeout}s: ${missing.join('; ')}`);
      const operation = app.operationRunning ? 'operation running' : 'no operation running';
      process.stdout.write(`${name}: ${app.sync.status}, ${app.health.status}, ${operation}\n`);
    });
}

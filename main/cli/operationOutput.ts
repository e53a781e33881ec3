// How the CLI shows a sync operation (a sync or a rollback): progress per phase and wave while it
// runs, on stderr so stdout keeps the result, then each object's result as a table.
import type { PlumblineClient } from '../../engine/api/client.ts';
import type { Operation } from '../../engine/api/contract.ts';
import { printTable } from './output.ts';

/** `Sync wave 1: 2 Synced, 1 pending` for each step of the operation. */
export function stepSummaries(operation: Operation): Map<string, string> {
  const steps = new Map<string, Map<string, number>>();
  for (const resource of operation.resources) {
    const step = `${resource.phase} wave ${resource.wave}`;
    const results = steps.get(step) ?? new Map<string, number>();
    const result = resource.status ?? resource.hookPhase ?? 'pending';
    results.set(result, (results.get(result) ?? 0) + 1);
    steps.set(step, results);
  }
  return new Map(
    [...steps].map(([step, results]) => [
      step,
      `${step}: ${[...results].map(([result, count]) => `${count} ${result}`).join(', ')}`,
    ]),
  );
}

/** Prints each step of the application's operation whenever it changes; returns the stop function. */
export function followOperation(client: PlumblineClient, name: string): () => void {
  const shown = new Map<string, string>();
  return client.subscribe((event) => {
    if (event.event !== 'apps.operation' || event.payload.name !== name) return;
    for (const [step, summary] of stepSummaries(event.payload.operation)) {
      if (shown.get(step) === summary) continue;
      shown.set(step, summary);
      process.stderr.write(`${name}: ${summary}\n`);
    }
  });
}

/** The operation's objects and its outcome; a failed operation makes the exit code 1. */
export function printOperation(name: string, operation: Operation): void {
  printTable(
    ['PHASE', 'WAVE', 'KIND', 'NAMESPACE', 'NAME', 'RESULT', 'MESSAGE'],
    operation.resources.map((r) => [
      r.phase,
      String(r.wave),
      r.kind,
      r.namespace,
      r.name,
      r.status ?? r.hookPhase ?? '',
      r.message,
    ]),
  );
  process.stdout.write(
    `${name}: ${operation.dryRun ? 'dry run ' : ''}${operation.phase}: ${operation.message}\n`,
  );
  if (operation.phase !== 'Succeeded') process.exitCode = 1;
}

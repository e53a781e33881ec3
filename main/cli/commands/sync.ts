// `plumbline sync NAME`: brings the cluster to what git says for one application, printing each
// object's result. Exits 0 when the operation succeeded, 1 otherwise.
import { Command } from 'commander';
import { withEngine } from '../engineSession.ts';
import { printTable } from '../output.ts';

export function syncCommand(): Command {
  return new Command('sync')
    .description('sync an application: apply what git says to its cluster')
    .argument('<name>', 'the application')
    .option('--prune', 'delete objects that are no longer in git')
    .option('--dry-run', 'show what would change, change nothing')
    .action(async (name: string, options: { prune?: boolean; dryRun?: boolean }) => {
      const { operation } = await withEngine(async (client) => {
        await client.call('apps.refresh', { name });
        return client.call('apps.sync', {
          name,
          prune: options.prune ?? false,
          dryRun: options.dryRun ?? false,
        });
      });
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
    });
}

// `plumbline terminate NAME`: asks the application's running operation to stop; it finishes as
// Failed with what was done so far. Exits 1 when no operation was running.
import { Command } from 'commander';
import { engineLocation, withEngine } from '../engineSession.ts';

export function terminateCommand(): Command {
  return new Command('terminate')
    .description("stop an application's running sync")
    .argument('<name>', 'the application')
    .action(async (name: string) => {
      const { terminating } = await withEngine((client) => client.call('apps.terminate', { name }));
      if (!terminating) throw new Error(`${name}: no operation is running in ${engineLocation()}`);
      process.stdout.write(`${name}: terminating the running operation\n`);
    });
}

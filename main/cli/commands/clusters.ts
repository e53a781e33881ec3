// `plumbline clusters`: the contexts of the user's kubeconfig files.
import { Command } from 'commander';
import { withEngine } from '../engineSession.ts';
import { outputOption, printJson, printTable } from '../output.ts';

export function clustersCommand(): Command {
  return new Command('clusters')
    .description('list the contexts of your kubeconfig (KUBECONFIG, or ~/.kube/config)')
    .addOption(outputOption())
    .action(async (options: { output: string }) => {
      const list = await withEngine((client) => client.call('clusters.list'));
      for (const problem of list.problems) process.stderr.write(`warning: ${problem.message}\n`);
      if (options.output === 'json') {
        printJson(list);
        return;
      }
      if (list.contexts.length === 0) {
        process.stdout.write(`No contexts found in ${list.files.join(', ')}\n`);
        return;
      }
      printTable(
        ['CURRENT', 'NAME', 'CLUSTER', 'SERVER', 'USER', 'NAMESPACE'],
        list.contexts.map((c) => [
          c.current ? '*' : '',
          c.name,
          c.cluster,
          c.server ?? '',
          c.user,
          c.namespace ?? '',
        ]),
      );
    });
}

// `plumbline history NAME`: what was deployed when, by whom, with what result, and the commit.
import { Command } from 'commander';
import type { HistoryEntry } from '../../../engine/api/contract.ts';
import { withEngine } from '../engineSession.ts';
import { outputOption, printJson, printTable, shortSha } from '../output.ts';

function initiator({ initiatedBy }: HistoryEntry): string {
  return initiatedBy.automated ? 'automated' : (initiatedBy.username ?? '');
}

function commitText({ commit }: HistoryEntry): string {
  return commit ? `${commit.message.split('\n')[0]} (${commit.author})` : '';
}

export function historyCommand(): Command {
  return new Command('history')
    .description('list the deployments of an application, with the ids rollback takes')
    .argument('<name>', 'the application')
    .addOption(outputOption())
    .action(async (name: string, options: { output: string }) => {
      const { history } = await withEngine((client) => client.call('apps.history', { name }));
      if (options.output === 'json') return printJson(history);
      if (history.length === 0) return void process.stdout.write(`${name} has not been deployed yet\n`);
      printTable(
        ['ID', 'REVISION', 'DEPLOYED', 'INITIATED BY', 'RESULT', 'COMMIT'],
        history.map((entry) => [
          String(entry.id),
          entry.revisions.map(shortSha).join(','),
          entry.deployedAt,
          initiator(entry),
          entry.result,
          commitText(entry),
        ]),
      );
    });
}

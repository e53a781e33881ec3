// `plumbline version`: the engine's version and where its data lives.
import { Command } from 'commander';
import { withEngine } from '../engineSession.ts';
import { outputOption, printJson } from '../output.ts';

export function versionCommand(): Command {
  return new Command('version')
    .description('print the version of Plumbline')
    .addOption(outputOption())
    .action(async (options: { output: string }) => {
      const info = await withEngine((client) => client.call('app.version'));
      if (options.output === 'json') printJson(info);
      else process.stdout.write(`Plumbline ${info.version} (node ${info.node}, ${info.platform})\n`);
    });
}

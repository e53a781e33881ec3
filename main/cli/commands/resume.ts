// `plumbline resume NAME`: ends a rollback's pin; the application follows its branch again and
// auto-sync resumes.
import { Command } from 'commander';
import { withEngine } from '../engineSession.ts';
import { statusLine } from './refresh.ts';

export function resumeCommand(): Command {
  return new Command('resume')
    .description('end the pin of a rollback: follow the branch again and resume auto-sync')
    .argument('<name>', 'the application')
    .action(async (name: string) => {
      const { app } = await withEngine((client) => client.call('apps.resumeAutoSync', { name }));
      process.stdout.write(statusLine(app));
    });
}

// The CLI's commands. Each command lives in its own module under commands/.
import { Command } from 'commander';
import { clusterCommand } from './commands/cluster.ts';
import { clustersCommand } from './commands/clusters.ts';
import { diffCommand } from './commands/diff.ts';
import { healthCommand } from './commands/health.ts';
import { renderCommand } from './commands/render.ts';
import { serveCommand } from './commands/serve.ts';
import { syncCommand } from './commands/sync.ts';
import { versionCommand } from './commands/version.ts';

/** Usage errors exit 2 from every command, subcommands included. */
function exitOnUsageErrors(command: Command): void {
  command.exitOverride();
  command.showHelpAfterError('(run with --help for usage)');
  for (const sub of command.commands) exitOnUsageErrors(sub);
}

export function buildProgram(): Command {
  const program = new Command('plumbline')
    .description('Plumbline: a desktop GitOps operator for Kubernetes')
    .addCommand(versionCommand())
    .addCommand(clustersCommand())
    .addCommand(clusterCommand())
    .addCommand(healthCommand())
    .addCommand(renderCommand())
    .addCommand(diffCommand())
    .addCommand(syncCommand())
    .addCommand(serveCommand());
  exitOnUsageErrors(program);
  return program;
}

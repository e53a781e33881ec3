// The CLI's commands. Each command lives in its own module under commands/.
import { Command } from 'commander';
import { appCommand, appsCommand } from './commands/apps.ts';
import { appsetCommand, appsetsCommand } from './commands/appset.ts';
import { clusterCommand } from './commands/cluster.ts';
import { clustersCommand } from './commands/clusters.ts';
import { diffCommand } from './commands/diff.ts';
import { gpgCommand } from './commands/gpg.ts';
import { healthCommand } from './commands/health.ts';
import { historyCommand } from './commands/history.ts';
import { refreshCommand } from './commands/refresh.ts';
import { renderCommand } from './commands/render.ts';
import { repoCommand } from './commands/repo.ts';
import { resumeCommand } from './commands/resume.ts';
import { rollbackCommand } from './commands/rollback.ts';
import { serveCommand } from './commands/serve.ts';
import { snapshotCommand } from './commands/snapshot.ts';
import { syncCommand } from './commands/sync.ts';
import { terminateCommand } from './commands/terminate.ts';
import { versionCommand } from './commands/version.ts';
import { hostOptions, selectEngine } from './hostOptions.ts';

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
    .addCommand(appsCommand())
    .addCommand(appCommand())
    .addCommand(renderCommand())
    .addCommand(appsetsCommand())
    .addCommand(appsetCommand())
    .addCommand(diffCommand())
    .addCommand(syncCommand())
    .addCommand(refreshCommand())
    .addCommand(historyCommand())
    .addCommand(rollbackCommand())
    .addCommand(resumeCommand())
    .addCommand(terminateCommand())
    .addCommand(snapshotCommand())
    .addCommand(gpgCommand())
    .addCommand(repoCommand())
    .addCommand(serveCommand())
    .hook('preAction', selectEngine);
  for (const option of hostOptions()) program.addOption(option);
  exitOnUsageErrors(program);
  return program;
}

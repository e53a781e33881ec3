// `plumbline sync NAME`: brings the cluster to what git says for one application (or only the
// objects given), showing each step's progress and then each object's result. Exits 0 when the
// operation succeeded, 1 otherwise.
import { Command } from 'commander';
import { withEngine } from '../engineSession.ts';
import { followOperation, printOperation } from '../operationOutput.ts';
import { collectMatching } from '../optionValues.ts';

interface SyncOptions {
  prune?: boolean;
  confirmPrune?: boolean;
  dryRun?: boolean;
  resource: string[];
  option: string[];
}

export function syncCommand(): Command {
  return new Command('sync')
    .description('sync an application: apply what git says to its cluster')
    .argument('<name>', 'the application')
    .option('--prune', 'delete objects that are no longer in git')
    .option('--confirm-prune', 'with --prune: also delete objects marked Prune=confirm')
    .option('--dry-run', 'show what would change, change nothing')
    .option(
      '--resource <id>',
      'sync only this object: GROUP/KIND/NAMESPACE/NAME, e.g. apps/Deployment/web/api or /ConfigMap/web/settings (repeatable)',
      collectMatching(
        /^[^/]*\/[^/]+\/[^/]*\/[^/]+$/,
        'GROUP/KIND/NAMESPACE/NAME (e.g. apps/Deployment/web/api)',
      ),
      [],
    )
    .option(
      '--option <key=value>',
      "a sync option for this sync on top of the application's, e.g. Replace=true (repeatable)",
      collectMatching(/^[A-Za-z][\w-]*=\S+$/, 'KEY=VALUE (e.g. ServerSideApply=true)'),
      [],
    )
    .action(async (name: string, options: SyncOptions) => {
      const { operation } = await withEngine(async (client) => {
        await client.call('apps.refresh', { name });
        const stopFollowing = followOperation(client, name);
        try {
          return await client.call('apps.sync', {
            name,
            prune: options.prune ?? false,
            dryRun: options.dryRun ?? false,
            ...(options.prune && options.confirmPrune ? { confirmPrune: true } : {}),
            ...(options.resource.length > 0 ? { resources: options.resource } : {}),
            ...(options.option.length > 0 ? { syncOptions: options.option } : {}),
          });
        } finally {
          stopFollowing();
        }
      });
      printOperation(name, operation);
    });
}

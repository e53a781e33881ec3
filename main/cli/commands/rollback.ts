// `plumbline rollback NAME (--id N | --revision SHA)`: shows what rolling back would change in
// the cluster, asks before doing it (unless --yes), then syncs the application to that revision:
// pinned there with auto-sync suspended until `plumbline resume`, or with --revert-in-git as a
// revert commit pushed to its branch. Exits 0 when the sync succeeded, 1 when it failed or was
// declined, 2 when it cannot ask (no terminal and no --yes).
import { Command, InvalidArgumentError } from 'commander';
import type { AppSummary, CallOutput } from '../../../engine/api/contract.ts';
import { withEngine } from '../engineSession.ts';
import { followOperation, printOperation } from '../operationOutput.ts';
import { shortSha } from '../output.ts';
import { resourceDiffText } from '../resourceDiffText.ts';
import { confirmed } from '../prompt.ts';

interface RollbackOptions {
  id?: number;
  revision?: string;
  revertInGit?: boolean;
  prune?: boolean;
  yes?: boolean;
}

function parseId(value: string): number {
  const id = Number(value);
  if (!Number.isInteger(id) || id < 0)
    throw new InvalidArgumentError('expected the id of a deployment (see `plumbline history`)');
  return id;
}

function printPreview(name: string, preview: CallOutput<'apps.rollbackPreview'>, prune: boolean): void {
  const revision = shortSha(preview.revision);
  const differing = preview.resources.filter((r) => r.status !== 'Synced');
  for (const resource of differing) process.stdout.write(resourceDiffText(resource, revision));
  const changes = differing.filter((r) => prune || !r.requiresPruning).length;
  const kept = differing.length - changes;
  const summary = changes === 0 ? 'changes nothing in the cluster' : `changes ${changes} object(s)`;
  const stay = kept > 0 ? `; ${kept} not in that revision stay (no --prune)` : '';
  process.stdout.write(`${name}: rolling back to ${revision} ${summary}${stay}\n`);
}

function printOutcome(name: string, outcome: CallOutput<'apps.rollback'>, app: AppSummary): void {
  printOperation(name, outcome.operation);
  if (outcome.revertCommit)
    process.stdout.write(`${name}: reverted in git as ${shortSha(outcome.revertCommit)}\n`);
  if (app.pin)
    process.stdout.write(
      `${name}: pinned to ${shortSha(app.pin.revision)}, auto-sync suspended until \`plumbline resume ${name}\`\n`,
    );
}

async function rollback(name: string, options: RollbackOptions, command: Command): Promise<void> {
  if ((options.id === undefined) === (options.revision === undefined))
    command.error('error: give either --id N or --revision SHA');
  if (!options.yes && !process.stdin.isTTY)
    command.error('error: rollback asks before it changes anything, and there is no terminal: give --yes');
  const target = options.id !== undefined ? { id: options.id } : { revision: options.revision };
  const done = await withEngine(async (client) => {
    // As sync does: an engine of its own has not looked at the application or its cluster yet.
    await client.call('apps.refresh', { name });
    const preview = await client.call('apps.rollbackPreview', { name, ...target });
    printPreview(name, preview, options.prune ?? false);
    const how = options.revertInGit ? ' with a revert commit pushed to its branch' : '';
    if (!options.yes && !(await confirmed(`Roll ${name} back to ${shortSha(preview.revision)}${how}?`)))
      return null;
    const stopFollowing = followOperation(client, name);
    try {
      const outcome = await client.call('apps.rollback', {
        name,
        ...target,
        revertInGit: options.revertInGit ?? false,
        prune: options.prune ?? false,
      });
      return { outcome, app: (await client.call('apps.get', { name })).app };
    } finally {
      stopFollowing();
    }
  });
  if (!done) {
    process.stderr.write(`${name}: rollback declined, nothing changed\n`);
    process.exitCode = 1;
    return;
  }
  printOutcome(name, done.outcome, done.app);
}

export function rollbackCommand(): Command {
  return new Command('rollback')
    .description('roll an application back to an earlier deployment or commit, after showing what changes')
    .argument('<name>', 'the application')
    .option('--id <id>', 'the deployment to go back to, an ID of `plumbline history`', parseId)
    .option('--revision <sha>', 'the commit of the source to go back to')
    .option('--revert-in-git', 'push a commit reverting to that revision instead of pinning the application')
    .option('--prune', 'also delete what the earlier revision does not have')
    .option('-y, --yes', 'roll back without asking')
    .action(rollback);
}

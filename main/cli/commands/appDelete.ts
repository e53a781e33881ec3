// `plumbline app delete NAME`: deletes an application as Argo CD does. It first shows what will
// be deleted (with the cascade its finalizer or --cascade gives), the hooks that will run and what
// stays, asks (unless --yes; without a terminal --yes is required), then deletes the objects with
// that propagation and removes the definition from the workspace. Exits 1 when it failed or was
// declined, 2 when it cannot ask.
import { Command, Option } from 'commander';
import type { DeletionObject, DeletionPlan } from '../../../engine/api/contract.ts';
import { withEngine } from '../engineSession.ts';
import { printTable, shortSha } from '../output.ts';
import { confirmed } from '../prompt.ts';

interface DeleteOptions {
  cascade?: 'foreground' | 'background' | 'orphan';
  confirmDelete?: boolean;
  yes?: boolean;
}

function rows(objects: DeletionObject[], what: (o: DeletionObject) => string): string[][] {
  return objects.map((o) => [what(o), o.kind, o.namespace, o.name, String(o.wave), o.keptBecause ?? '']);
}

export function printDeletionPlan(name: string, plan: DeletionPlan): void {
  const how =
    plan.cascade === 'orphan'
      ? 'its objects stay in the cluster (orphan)'
      : `its objects are deleted with ${plan.propagationPolicy} propagation`;
  const why = plan.chosenBy === 'finalizer' ? ' (from its finalizer)' : '';
  process.stdout.write(`${name}: ${how}${why}\n`);
  for (const warning of plan.warnings) process.stderr.write(`${name}: ${warning}\n`);
  const lines = [
    ...rows(plan.preDeleteHooks, () => 'PreDelete hook'),
    ...rows(plan.deleted, (o) => (o.needsConfirmation ? 'delete (Delete=confirm)' : 'delete')),
    ...rows(plan.postDeleteHooks, () => 'PostDelete hook'),
    ...rows(plan.kept, () => 'keep'),
  ];
  if (lines.length > 0) printTable(['ACTION', 'KIND', 'NAMESPACE', 'NAME', 'WAVE', 'WHY'], lines);
}

export function appDeleteCommand(): Command {
  return new Command('delete')
    .description(
      'delete an application: its objects (as its finalizer or --cascade says), hooks, and its definition',
    )
    .argument('<name>', 'the application')
    .addOption(
      new Option('--cascade <policy>', 'what happens to its objects; default: its finalizer decides').choices(
        ['foreground', 'background', 'orphan'],
      ),
    )
    .option('--confirm-delete', 'also delete the objects marked Delete=confirm')
    .option('-y, --yes', 'delete without asking')
    .action(async (name: string, options: DeleteOptions, command: Command) => {
      if (!options.yes && !process.stdin.isTTY)
        command.error('error: delete asks before it changes anything, and there is no terminal: give --yes');
      const cascade = options.cascade ? { cascade: options.cascade } : {};
      const result = await withEngine(async (client) => {
        const { plan } = await client.call('apps.deletionPlan', { name, ...cascade });
        printDeletionPlan(name, plan);
        if (!options.yes && !(await confirmed(`Delete application ${name}?`))) return null;
        return client.call('apps.delete', {
          name,
          ...cascade,
          ...(options.confirmDelete ? { confirmDelete: true } : {}),
        });
      });
      if (!result) {
        process.stderr.write(`${name}: deletion declined, nothing changed\n`);
        process.exitCode = 1;
        return;
      }
      const deleted = result.plan?.deleted.length ?? 0;
      const commit = result.commit ? ` (commit ${shortSha(result.commit)})` : '';
      process.stdout.write(
        `${name}: deleted ${deleted} object(s); definition removed from the workspace${commit}\n`,
      );
    });
}

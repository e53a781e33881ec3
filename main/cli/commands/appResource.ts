// `plumbline app resource delete|edit NAME`: a user's work on one live object of an application's
// tree outside a sync, as `argocd app delete-resource` and `argocd app patch-resource` do it and
// as the tree's Delete and Edit do: with the user's credentials, through the project's rules,
// recorded in the application's events. An edit is sent as a server dry run first; its result is
// shown (or the server's refusal), and only then, confirmed, applied.
import { readFile } from 'node:fs/promises';
import { createTwoFilesPatch } from 'diff';
import { Command, Option } from 'commander';
import type { PlumblineClient } from '../../../engine/api/client.ts';
import { editText, readableSize } from '../editor.ts';
import { withEngine } from '../engineSession.ts';
import { confirmed } from '../prompt.ts';
import { describeResource, resourceOf, resourceOptions, type ResourceOptions } from '../resourceOptions.ts';

/** The contract's limit of an edited manifest. */
const MAX_EDIT_BYTES = 4 * 1024 * 1024;

interface DeleteOptions extends ResourceOptions {
  propagation: 'foreground' | 'background' | 'orphan';
  force: boolean;
  yes?: boolean;
}

interface EditOptions extends ResourceOptions {
  file?: string;
  yes?: boolean;
}

/** Without a terminal nobody can answer: --yes says the answer in advance. */
function needsAnswer(command: Command, yes: boolean | undefined, what: string): void {
  if (!yes && !process.stdin.isTTY)
    command.error(`error: ${what} asks before it changes anything, and there is no terminal: give --yes`);
}

function deleteCommand(): Command {
  return resourceOptions(
    new Command('delete')
      .description('delete a live object of the application (argocd app delete-resource)')
      .argument('<app>', 'the application'),
  )
    .addOption(
      new Option('--propagation <policy>', 'what happens to the objects it owns')
        .choices(['foreground', 'background', 'orphan'])
        .default('foreground'),
    )
    .option('--force', 'delete at once (grace period 0)', false)
    .option('-y, --yes', 'delete without asking')
    .action(async (app: string, options: DeleteOptions, command: Command) => {
      needsAnswer(command, options.yes, 'delete');
      const what = describeResource(options);
      const how = `${options.propagation} propagation${options.force ? ', forced' : ''}`;
      if (!options.yes && !(await confirmed(`Delete ${what} of application ${app} (${how})?`))) {
        process.stderr.write('Nothing deleted\n');
        return;
      }
      const { deleted } = await withEngine((client) =>
        client.call('resources.delete', {
          name: app,
          resource: resourceOf(options),
          propagation: options.propagation,
          force: options.force,
        }),
      );
      process.stdout.write(deleted ? `${what} deleted (${how})\n` : `${what} was already gone\n`);
    });
}

async function editedYaml(client: PlumblineClient, app: string, options: EditOptions): Promise<string> {
  if (options.file !== undefined) {
    await readableSize(options.file, MAX_EDIT_BYTES);
    return readFile(options.file, 'utf8');
  }
  const { yaml } = await client.call('resources.manifest', { name: app, resource: resourceOf(options) });
  return editText(
    yaml,
    `${options.kind.toLowerCase().replace(/[^a-z0-9]/g, '') || 'object'}.yaml`,
    MAX_EDIT_BYTES,
  );
}

async function edit(client: PlumblineClient, app: string, options: EditOptions): Promise<void> {
  const what = describeResource(options);
  const yaml = await editedYaml(client, app, options);
  const input = { name: app, resource: resourceOf(options), yaml };
  // the server's dry run shows what it would make of the edit, or refuses it (its words)
  const preview = await client.call('resources.edit', { ...input, dryRun: true });
  if (!preview.changed) {
    process.stdout.write(`${what}: the edit changes nothing\n`);
    return;
  }
  process.stdout.write(
    createTwoFilesPatch('live', 'edited (server dry run)', preview.liveYaml, preview.resultYaml),
  );
  if (!options.yes && !(await confirmed(`Apply this change to ${what}?`))) {
    process.stderr.write('Nothing changed\n');
    return;
  }
  await client.call('resources.edit', { ...input, dryRun: false });
  process.stdout.write(`${what} edited\n`);
}

function editCommand(): Command {
  return resourceOptions(
    new Command('edit')
      .description('edit a live object of the application: $EDITOR on its YAML, a server dry run, then apply')
      .argument('<app>', 'the application'),
  )
    .option('-f, --file <file>', 'the edited YAML from this file instead of an editor')
    .option('-y, --yes', 'apply without asking once the dry run passed')
    .action(async (app: string, options: EditOptions, command: Command) => {
      needsAnswer(command, options.yes, 'edit');
      await withEngine((client) => edit(client, app, options));
    });
}

export function appResourceCommand(): Command {
  return new Command('resource')
    .description('delete or edit a live object of the application')
    .addCommand(deleteCommand())
    .addCommand(editCommand());
}

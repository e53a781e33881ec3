// `plumbline app actions list|run NAME`: the resource actions of one object of an application's
// tree (Argo CD's `argocd app actions list|run`): the built-in restart, pause and resume, and the
// Lua actions of the customizations folder; run with the user's credentials, through the
// project's rules, and recorded in the application's events.
import { Command } from 'commander';
import { withEngine } from '../engineSession.ts';
import { collectMatching } from '../optionValues.ts';
import { outputOption, printJson, printTable } from '../output.ts';
import { resourceOf, resourceOptions, type ResourceOptions } from '../resourceOptions.ts';

function listCommand(): Command {
  return resourceOptions(
    new Command('list')
      .description('list the actions of an object of the application')
      .argument('<app>', 'the application'),
  )
    .addOption(outputOption())
    .action(async (app: string, options: ResourceOptions & { output: string }) => {
      const { actions } = await withEngine((client) =>
        client.call('resources.actions.list', { name: app, resource: resourceOf(options) }),
      );
      if (options.output === 'json') return printJson(actions);
      if (actions.length === 0) return void process.stdout.write('No actions for this object\n');
      printTable(
        ['NAME', 'DISABLED', 'SOURCE', 'PARAMETERS'],
        actions.map((action) => [
          action.name,
          String(action.disabled),
          action.source,
          action.params.map((p) => (p.default !== undefined ? `${p.name}=${p.default}` : p.name)).join(', '),
        ]),
      );
    });
}

function runCommand(): Command {
  return resourceOptions(
    new Command('run')
      .description('run an action on an object of the application')
      .argument('<app>', 'the application')
      .argument('<action>', 'the action'),
  )
    .option(
      '--param <name=value>',
      'a parameter of the action (repeatable)',
      collectMatching(/^[^=]+=/s, 'name=value'),
      [],
    )
    .action(async (app: string, action: string, options: ResourceOptions & { param: string[] }) => {
      const params = Object.fromEntries(
        options.param.map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]),
      );
      const { resources } = await withEngine((client) =>
        client.call('resources.actions.run', { name: app, resource: resourceOf(options), action, params }),
      );
      for (const r of resources) {
        const what = `${r.group ? `${r.group}/` : ''}${r.kind} ${r.namespace ? `${r.namespace}/` : ''}${r.name}`;
        const done = r.operation === 'create' ? 'created' : r.changed ? 'patched' : 'unchanged';
        process.stdout.write(`${what} ${done}\n`);
      }
    });
}

export function appActionsCommand(): Command {
  return new Command('actions')
    .description("an object's resource actions (restart, pause, resume, Lua actions)")
    .addCommand(listCommand())
    .addCommand(runCommand());
}

// `plumbline app set NAME`: changes the common fields of an application's definition — the
// revision, Helm parameters, Kustomize images — as `argocd app set` does, writing its workspace
// file (a commit where the workspace is a git repository).
import { Command, InvalidArgumentError } from 'commander';
import { withEngine } from '../engineSession.ts';
import { applyDefinitionSet, type DefinitionSet } from '../definitionSet.ts';
import { collect } from '../optionValues.ts';

interface SetOptions {
  revision?: string;
  helmSet: string[];
  kustomizeImage: string[];
  sourcePosition?: number;
}

function position(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1)
    throw new InvalidArgumentError(`expected 1 or more, got ${value}`);
  return parsed;
}

export function appSetCommand(): Command {
  return new Command('set')
    .description("change an application's revision, Helm parameters or Kustomize images in its definition")
    .argument('<name>', 'the application')
    .option('--revision <revision>', "the source's targetRevision (branch, tag or commit)")
    .option('--helm-set <name=value>', 'a Helm parameter (repeatable)', collect, [])
    .option(
      '--kustomize-image <image>',
      'a Kustomize image override, e.g. web=registry/web:2 (repeatable)',
      collect,
      [],
    )
    .option('--source-position <n>', 'which source of a multi-source application (1 is the first)', position)
    .action(async (name: string, options: SetOptions, command: Command) => {
      const edits: DefinitionSet = {
        ...(options.revision !== undefined ? { revision: options.revision } : {}),
        helmSet: options.helmSet,
        kustomizeImages: options.kustomizeImage,
        ...(options.sourcePosition !== undefined ? { sourcePosition: options.sourcePosition } : {}),
      };
      if (edits.revision === undefined && edits.helmSet.length + edits.kustomizeImages.length === 0)
        command.error('error: nothing to set: give --revision, --helm-set or --kustomize-image');
      const app = await withEngine(async (client) => {
        const { definition } = await client.call('apps.get', { name });
        let changed: Record<string, unknown>;
        try {
          changed = applyDefinitionSet(definition, edits);
        } catch (error) {
          throw new Error(`${name}: ${(error as Error).message}`, { cause: error });
        }
        return (await client.call('apps.update', { name, definition: changed })).app;
      });
      process.stdout.write(`${app.name}: definition updated in ${app.file ?? 'the workspace'}\n`);
    });
}

// The options that name one object of an application's tree (--kind, --name, --namespace,
// --group), shared by the commands that work on a live object: actions, delete, edit.
import { Option, type Command } from 'commander';
import type { CallInput } from '../../engine/api/contract.ts';

export interface ResourceOptions {
  kind: string;
  name: string;
  namespace?: string;
  group?: string;
}

export function resourceOptions(command: Command): Command {
  return command
    .addOption(new Option('--kind <kind>', 'the kind of the object').makeOptionMandatory())
    .addOption(new Option('--name <name>', 'its name').makeOptionMandatory())
    .option('--namespace <namespace>', 'its namespace, when the name is not unique')
    .option('--group <group>', 'its API group, when the kind is not unique');
}

export function resourceOf(options: ResourceOptions): CallInput<'resources.delete'>['resource'] {
  return {
    kind: options.kind,
    name: options.name,
    ...(options.namespace !== undefined ? { namespace: options.namespace } : {}),
    ...(options.group !== undefined ? { group: options.group } : {}),
  };
}

/** `apps/Deployment shop/web`, for questions and messages. */
export function describeResource(options: ResourceOptions): string {
  return `${options.group ? `${options.group}/` : ''}${options.kind} ${options.namespace ? `${options.namespace}/` : ''}${options.name}`;
}

// `plumbline cluster`: registers clusters from kubeconfig contexts, lists, tests and removes them.
// Metadata goes to the data folder, credentials only to the OS keychain: nothing here prints,
// logs or writes a token.
import { homedir } from 'node:os';
import { Command, InvalidArgumentError } from 'commander';
import { kubeConfigForContext } from '../../../engine/cluster/kubeConfigForContext.ts';
import { kubeconfigFiles } from '../../../engine/cluster/kubeconfigFiles.ts';
import {
  clusterRegistry,
  type ClusterRegistration,
  type ClusterRegistry,
} from '../../../engine/clusters/clusterRegistry.ts';
import { importFromKubeconfig } from '../../../engine/clusters/importFromKubeconfig.ts';
import { kubeConfigForRegistered } from '../../../engine/clusters/kubeConfigForRegistered.ts';
import {
  createServiceAccount,
  PLUMBLINE_SERVICE_ACCOUNT as SERVICE_ACCOUNT,
  withServiceAccountToken,
} from '../../../engine/clusters/serviceAccount.ts';
import { testCluster } from '../../../engine/clusters/testCluster.ts';
import { resolveDataDir } from '../../../engine/store/dataDir.ts';
import type { SecretStore } from '../../../engine/secrets/secretStore.ts';
import { keychainSecretStore } from '../../host/keychainSecretStore.ts';
import { collect } from '../optionValues.ts';
import { outputOption, printJson, printTable } from '../output.ts';

function session(): { registry: ClusterRegistry; secrets: SecretStore } {
  const secrets = keychainSecretStore();
  return { secrets, registry: clusterRegistry(resolveDataDir(process.env, homedir()), secrets) };
}

function collectLabel(value: string, labels: Record<string, string>): Record<string, string> {
  const match = /^([^=\s]+)=(.*)$/.exec(value);
  if (!match) throw new InvalidArgumentError(`expected key=value, got ${value}`);
  return { ...labels, [match[1]!]: match[2]! };
}

interface AddOptions {
  context: string;
  name?: string;
  label: Record<string, string>;
  namespace: string[];
  serviceAccount?: boolean;
}

/** A context's cluster and credentials, or Plumbline's own service account's token instead. */
async function registrationOf(options: AddOptions): Promise<ClusterRegistration> {
  const files = kubeconfigFiles(process.env, homedir());
  const namespaces = options.namespace.length > 0 ? options.namespace : undefined;
  const imported = importFromKubeconfig(files, options.context, {
    name: options.name,
    labels: options.label,
    namespaces,
  });
  if (!options.serviceAccount) return imported;
  const token = await createServiceAccount(kubeConfigForContext(files, options.context), {
    ...SERVICE_ACCOUNT,
    clusterWide: !namespaces,
    namespaces,
  });
  return withServiceAccountToken(imported, SERVICE_ACCOUNT, token);
}

async function add(options: AddOptions): Promise<void> {
  const { registry } = session();
  const name = options.name ?? options.context;
  if (registry.get(name)) throw new Error(`a cluster named ${name} is already registered; remove it first`);
  const record = await registry.add(await registrationOf(options));
  process.stdout.write(
    `Registered cluster ${record.name} (${record.server}); its credentials are in the OS keychain\n`,
  );
}

async function reconnect(
  name: string,
  options: Omit<AddOptions, 'name' | 'label' | 'namespace'>,
): Promise<void> {
  const { registry } = session();
  const record = registry.get(name);
  if (!record) throw new Error(`no cluster named ${name} is registered`);
  const connection = await registrationOf({ ...options, label: {}, namespace: record.namespaces ?? [] });
  const updated = await registry.reconnect(name, connection);
  process.stdout.write(
    `Cluster ${name} now reaches ${updated.server} with new credentials in the OS keychain\n`,
  );
}

function list(options: { output: string }): void {
  const records = session().registry.list();
  if (options.output === 'json') return printJson(records);
  if (records.length === 0) return void process.stdout.write('No clusters registered\n');
  printTable(
    ['NAME', 'SERVER', 'AUTH', 'NAMESPACES', 'LABELS'],
    records.map((r) => [
      r.name,
      r.server,
      r.authKind,
      r.namespaces?.join(',') ?? '(all)',
      Object.entries(r.labels)
        .map(([key, value]) => `${key}=${value}`)
        .join(','),
    ]),
  );
}

async function test(name: string, options: { output: string }): Promise<void> {
  const { registry, secrets } = session();
  const record = registry.get(name);
  if (!record) throw new Error(`no cluster named ${name} is registered`);
  const result = await testCluster(await kubeConfigForRegistered(record, secrets), record.namespaces ?? []);
  if (options.output === 'json') printJson(result);
  else {
    const version = result.serverVersion ? `Kubernetes ${result.serverVersion}` : 'not connected';
    process.stdout.write(`Cluster ${name} (${result.server}): ${version}\n`);
    for (const line of result.missing) process.stdout.write(`  ${line}\n`);
  }
  if (result.problem) throw new Error(`cluster ${name}: ${result.problem}`);
  if (!result.ok) throw new Error(`cluster ${name}: missing rights: ${result.missing.join('; ')}`);
}

async function remove(name: string): Promise<void> {
  if (!(await session().registry.remove(name))) throw new Error(`no cluster named ${name} is registered`);
  process.stdout.write(`Removed cluster ${name} and its keychain entry\n`);
}

export function clusterCommand(): Command {
  const command = new Command('cluster').description(
    'register clusters, with credentials in the OS keychain',
  );
  command
    .command('add')
    .description('register the cluster of a kubeconfig context')
    .requiredOption('--context <context>', 'the kubeconfig context to import')
    .option('--name <name>', 'the registered name (default: the context name)')
    .option('--label <key=value>', 'a label (repeatable)', collectLabel, {})
    .option(
      '--namespace <namespace>',
      'a namespace Plumbline works in (repeatable; default: all)',
      collect,
      [],
    )
    .option(
      '--service-account',
      `create ${SERVICE_ACCOUNT.namespace}/${SERVICE_ACCOUNT.name} and use its token`,
    )
    .action(add);
  command
    .command('reconnect')
    .description(
      "replace a registered cluster's server address and credentials with a context's (name, labels and namespaces stay)",
    )
    .argument('<name>')
    .requiredOption('--context <context>', 'the kubeconfig context to take them from')
    .option(
      '--service-account',
      `create ${SERVICE_ACCOUNT.namespace}/${SERVICE_ACCOUNT.name} and use its token`,
    )
    .action(reconnect);
  command.command('list').description('list the registered clusters').addOption(outputOption()).action(list);
  command
    .command('test')
    .description('test the connection and the rights Plumbline needs')
    .argument('<name>')
    .addOption(outputOption())
    .action(test);
  command
    .command('remove')
    .description('unregister a cluster and delete its keychain entry')
    .argument('<name>')
    .action(remove);
  return command;
}

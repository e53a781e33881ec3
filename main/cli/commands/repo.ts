// `plumbline repo add|list|test|remove|import|known-hosts|cert`: repositories and credential
// templates as `argocd repo` and `argocd repocreds` manage them. Secrets are read from files,
// stdin or a prompt without echo — never from an argument, which lands in shell history and is
// visible to other processes: `--password-stdin`, `--ssh-private-key-path`,
// `--github-app-private-key-path`, `--tls-client-cert-key-path`.
import { readFile } from 'node:fs/promises';
import { Command, Option } from 'commander';
import type { CallInput, CallOutput } from '../../../engine/api/contract.ts';
import { withEngine } from '../engineSession.ts';
import { outputOption, printJson, printTable, type OutputFormat } from '../output.ts';
import { readSecretInput } from './repoSecretInput.ts';

const MAX_FILE_BYTES = 4 * 1024 * 1024;

interface AddOptions {
  type: 'git' | 'helm' | 'oci';
  template?: boolean;
  name?: string;
  project?: string;
  username?: string;
  passwordStdin?: boolean;
  sshPrivateKeyPath?: string;
  githubAppId?: string;
  githubAppInstallationId?: string;
  githubAppPrivateKeyPath?: string;
  githubAppEnterpriseBaseUrl?: string;
  tlsClientCertPath?: string;
  tlsClientCertKeyPath?: string;
  insecure?: boolean;
  enableOci?: boolean;
  proxy?: string;
  proxyBypass?: string;
  upsert?: boolean;
}

async function readSmallFile(path: string, what: string): Promise<string> {
  const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new Error(`${what} ${path}: ${error.code ?? error.message}`);
  });
  if (Buffer.byteLength(text) > MAX_FILE_BYTES)
    throw new Error(`${what} ${path}: over ${MAX_FILE_BYTES} bytes`);
  return text;
}

async function definitionOf(url: string, options: AddOptions): Promise<CallInput<'repos.add'>['definition']> {
  const credentials: NonNullable<CallInput<'repos.add'>['definition']['credentials']> = {};
  if (options.username) credentials.username = options.username;
  if (options.passwordStdin) credentials.password = await readSecretInput('Password: ');
  if (options.sshPrivateKeyPath)
    credentials.sshPrivateKey = await readSmallFile(options.sshPrivateKeyPath, 'ssh private key');
  if (options.githubAppId) credentials.githubAppId = options.githubAppId;
  if (options.githubAppInstallationId) credentials.githubAppInstallationId = options.githubAppInstallationId;
  if (options.githubAppPrivateKeyPath)
    credentials.githubAppPrivateKey = await readSmallFile(
      options.githubAppPrivateKeyPath,
      'GitHub App private key',
    );
  if (options.githubAppEnterpriseBaseUrl)
    credentials.githubAppEnterpriseBaseUrl = options.githubAppEnterpriseBaseUrl;
  if (options.tlsClientCertPath)
    credentials.tlsClientCertData = await readSmallFile(options.tlsClientCertPath, 'TLS client certificate');
  if (options.tlsClientCertKeyPath)
    credentials.tlsClientCertKey = await readSmallFile(options.tlsClientCertKeyPath, 'TLS client key');
  return {
    kind: options.template ? 'template' : 'repository',
    url,
    type: options.type,
    ...(options.name ? { name: options.name } : {}),
    ...(options.project ? { project: options.project } : {}),
    insecure: options.insecure ?? false,
    enableOCI: options.enableOci ?? false,
    ...(options.proxy ? { proxy: options.proxy } : {}),
    ...(options.proxyBypass ? { noProxy: options.proxyBypass } : {}),
    credentials,
  };
}

function credentialKinds(entry: CallOutput<'repos.list'>['repositories'][number]): string {
  const kinds = [
    entry.hasPassword ? 'password' : '',
    entry.hasSshPrivateKey ? 'ssh key' : '',
    entry.githubAppId ? 'GitHub App' : '',
    entry.hasTlsClientCert ? 'client cert' : '',
  ].filter(Boolean);
  return kinds.length > 0 ? kinds.join(', ') : '-';
}

function addCommand(): Command {
  return new Command('add')
    .description('add a repository (or with --template, credentials for every URL starting with URL)')
    .argument('<url>', 'repository URL, without credentials')
    .addOption(new Option('--type <type>', 'repository type').choices(['git', 'helm', 'oci']).default('git'))
    .option(
      '--template',
      "a credential template (Argo CD's repo-creds): used by every repository under the URL",
    )
    .option('--name <name>', 'a name (Helm repositories)')
    .option('--project <project>', 'the project it belongs to')
    .option('--username <username>', 'user name')
    .option('--password-stdin', 'read the password or token from stdin (prompted without echo at a terminal)')
    .option('--ssh-private-key-path <file>', 'ssh private key file (no passphrase)')
    .option('--github-app-id <id>', 'GitHub App ID')
    .option('--github-app-installation-id <id>', 'GitHub App installation ID')
    .option('--github-app-private-key-path <file>', "GitHub App's private key file")
    .option('--github-app-enterprise-base-url <url>', 'GitHub Enterprise API URL (https://host/api/v3)')
    .option('--tls-client-cert-path <file>', 'TLS client certificate file')
    .option('--tls-client-cert-key-path <file>', 'TLS client key file')
    .option('--insecure', 'skip the server certificate check (https) or host key check (ssh)')
    .option('--enable-oci', 'a Helm repository that is an OCI registry')
    .option('--proxy <url>', 'proxy for http(s)')
    .option('--proxy-bypass <hosts>', "hosts that bypass the proxy (Argo CD's noProxy)")
    .option('--upsert', 'replace an existing entry')
    .action(async (url: string, options: AddOptions) => {
      const definition = await definitionOf(url, options);
      const { repository } = await withEngine((client) =>
        client.call('repos.add', { definition, upsert: options.upsert ?? false }),
      );
      process.stdout.write(`added ${repository.kind} ${repository.url} (${credentialKinds(repository)})\n`);
    });
}

function listCommand(): Command {
  return new Command('list')
    .description('list repositories and credential templates (never their secrets)')
    .addOption(outputOption())
    .action(async (options: { output: OutputFormat }) => {
      const view = await withEngine((client) => client.call('repos.list', {}));
      if (options.output === 'json') return printJson(view);
      printTable(
        ['KIND', 'TYPE', 'URL', 'USER', 'CREDENTIALS', 'INSECURE', 'PROJECT'],
        view.repositories.map((entry) => [
          entry.kind,
          entry.type,
          entry.url,
          entry.username ?? '-',
          credentialKinds(entry),
          entry.insecure ? 'yes' : 'no',
          entry.project ?? '-',
        ]),
      );
    });
}

function testCommand(): Command {
  return new Command('test')
    .description('try a repository with its stored credentials and say what failed')
    .argument('<url>', 'repository URL')
    .action(async (url: string) => {
      const result = await withEngine((client) => client.call('repos.test', { url }));
      process.stdout.write(
        `${result.ok ? 'ok' : `failed (${result.problem ?? 'other'})`}: ${result.message}\n`,
      );
      if (!result.ok) process.exitCode = 1;
    });
}

function removeCommand(): Command {
  return new Command('remove')
    .description('remove a repository (or with --template, a credential template) and its stored credentials')
    .argument('<url>', 'repository URL')
    .option('--template', 'remove the credential template of URL')
    .action(async (url: string, options: { template?: boolean }) => {
      const { removed } = await withEngine((client) =>
        client.call('repos.remove', { url, kind: options.template ? 'template' : 'repository' }),
      );
      process.stdout.write(removed ? `removed ${url}\n` : `no such entry: ${url}\n`);
      if (!removed) process.exitCode = 1;
    });
}

function importCommand(): Command {
  return new Command('import')
    .description(
      "import Argo CD's repository Secrets (secret-type repository, repo-creds) from a YAML file or a cluster",
    )
    .argument('[file]', 'YAML file of Secrets (- for stdin)')
    .option('--cluster <name>', 'read them from this cluster (registered or kubeconfig context)')
    .option('--namespace <namespace>', "Argo CD's namespace on the cluster", 'argocd')
    .action(async (file: string | undefined, options: { cluster?: string; namespace: string }) => {
      if ((file === undefined) === (options.cluster === undefined))
        throw new Error('give either a file or --cluster');
      const input: CallInput<'repos.import'> = options.cluster
        ? { cluster: options.cluster, namespace: options.namespace }
        : {
            yaml:
              file === '-'
                ? await readSecretInput(null, MAX_FILE_BYTES)
                : await readSmallFile(file ?? '', 'file'),
            source: file === '-' ? 'stdin' : (file ?? ''),
          };
      const result = await withEngine((client) => client.call('repos.import', input));
      for (const item of result.imported)
        process.stdout.write(`imported ${item.kind} ${item.url} from ${item.secret}\n`);
      for (const item of result.skipped) process.stdout.write(`skipped ${item.secret}: ${item.reason}\n`);
    });
}

function knownHostsCommand(): Command {
  const command = new Command('known-hosts').description(
    "ssh host keys the repositories' servers must present (ssh-keyscan output)",
  );
  command
    .command('add')
    .description('add known hosts lines from a file (- for stdin)')
    .argument('<file>', 'file of known hosts lines')
    .action(async (file: string) => {
      const text =
        file === '-' ? await readSecretInput(null, MAX_FILE_BYTES) : await readSmallFile(file, 'file');
      const { added } = await withEngine((client) => client.call('repos.addKnownHosts', { text }));
      process.stdout.write(`${added} host keys added\n`);
    });
  command
    .command('remove')
    .description("remove a host's keys")
    .argument('<host>', 'host name as written in the known hosts lines')
    .action(async (host: string) => {
      const { removed } = await withEngine((client) => client.call('repos.removeKnownHosts', { host }));
      process.stdout.write(`${removed} host keys removed\n`);
    });
  command
    .command('list')
    .description('list the known host keys')
    .action(async () => {
      const view = await withEngine((client) => client.call('repos.list', {}));
      printTable(
        ['HOSTS', 'TYPE', 'FINGERPRINT'],
        view.knownHosts.map((item) => [item.hosts, item.keyType, item.fingerprint]),
      );
    });
  return command;
}

function certCommand(): Command {
  const command = new Command('cert').description(
    "CA certificates trusted for a host's https (argocd cert add-tls)",
  );
  command
    .command('add')
    .description("trust the PEM certificates of a file for HOST's https (replacing those there)")
    .argument('<host>', 'host name (host:port when not 443)')
    .argument('<file>', 'PEM file')
    .action(async (host: string, file: string) => {
      const pem = await readSmallFile(file, 'certificate file');
      await withEngine((client) => client.call('repos.setCertificates', { host, pem }));
      process.stdout.write(`certificates of ${host} stored\n`);
    });
  command
    .command('remove')
    .argument('<host>', 'host name')
    .action(async (host: string) => {
      await withEngine((client) => client.call('repos.setCertificates', { host, pem: null }));
      process.stdout.write(`certificates of ${host} removed\n`);
    });
  return command;
}

export function repoCommand(): Command {
  return new Command('repo')
    .description('repositories and their credentials (kept in the OS keychain)')
    .addCommand(addCommand())
    .addCommand(listCommand())
    .addCommand(testCommand())
    .addCommand(removeCommand())
    .addCommand(importCommand())
    .addCommand(knownHostsCommand())
    .addCommand(certCommand());
}

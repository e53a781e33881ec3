// `plumbline render`: the desired objects of one source, as Argo CD's repo server would render
// them. A local folder without --revision is rendered as it is on disk; a repository URL, or a
// local repository with --revision, goes through the git cache and renders the resolved commit.
import { Command, Option } from 'commander';
import { homedir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { stat } from 'node:fs/promises';
import { stringify } from 'yaml';
import { createRepositoryCache, refuseLfsPointers, submodulesEnabled } from '../../../engine/git/index.ts';
import { displayUrl, scrubDeep } from '../../../engine/git/scrub.ts';
import { maskSecretObjects } from '../../../engine/diff/index.ts';
import { renderSource, type KubeObject, type RenderSource } from '../../../engine/render/index.ts';
import { resolveDataDir } from '../../../engine/index.ts';
import type { RepositorySettings } from '../../../engine/render/types.ts';
import { RepoConnections } from '../../../engine/repos/repoConnections.ts';
import { RepositoryIndex } from '../../../engine/repos/repositoryIndex.ts';
import { renderRepositorySettings } from '../../../engine/repos/renderRepositories.ts';
import { rememberingSecretStore } from '../../../engine/secrets/rememberingSecretStore.ts';
import type { SecretStore } from '../../../engine/secrets/secretStore.ts';
import { hostSecretStore } from '../../host/hostSecretStore.ts';
import { withEngine } from '../engineSession.ts';
import { collect, collectMatching } from '../optionValues.ts';

interface RenderCommandOptions {
  app?: string;
  repo?: string;
  path: string;
  revision?: string;
  helmValues: string[];
  jsonnetTlaStr: string[];
  jsonnetTlaCode: string[];
  jsonnetExtVarStr: string[];
  jsonnetExtVarCode: string[];
  jsonnetLibs: string[];
  output: 'yaml' | 'json';
  name?: string;
  namespace: string;
  cacheDir?: string;
  hardRefresh?: boolean;
}

async function isLocalFolder(repo: string): Promise<boolean> {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(repo) || /^[^/]+@[^/]+:/.test(repo)) return false;
  return stat(repo).then(
    (info) => info.isDirectory(),
    () => false,
  );
}

/** The folder to render and its commit: the folder itself, or a checkout of the resolved revision. */
async function checkoutOf(
  options: RenderCommandOptions & { repo: string },
  cacheDir: string,
  repositories: ConfiguredRepositories,
): Promise<{ dir: string; commitSha?: string }> {
  if (options.revision === undefined && (await isLocalFolder(options.repo)))
    return { dir: resolve(options.repo) };
  const repository = createRepositoryCache({
    cacheDir: join(cacheDir, 'git'),
    secrets: repositories.secrets,
    connectionFor: (url) => repositories.connections.connectionFor(url),
    submodules: () => submodulesEnabled(process.env.PLUMBLINE_GIT_MODULES_ENABLED, undefined),
  });
  const url = (await isLocalFolder(options.repo)) ? resolve(options.repo) : options.repo;
  const commitSha = await repository.resolveRevision(url, options.revision ?? 'HEAD');
  const dir = await repository.checkout(url, commitSha);
  await refuseLfsPointers(dir, options.path);
  return { dir, commitSha };
}

/** Default application name: the source folder's name, or the repository's for its root. */
function defaultName(options: RenderCommandOptions & { repo: string }): string {
  const folder = options.path.replace(/\/+$/, '');
  if (folder && folder !== '.') return basename(folder);
  return (
    basename(
      displayUrl(options.repo)
        .replace(/\/+$/, '')
        .replace(/\.git$/, ''),
    ) || 'render'
  );
}

export function formatObjects(objects: KubeObject[], output: 'yaml' | 'json'): string {
  if (output === 'json') return `${JSON.stringify(objects, null, 2)}\n`;
  return objects.map((object) => `---\n${stringify(object)}`).join('');
}

const nameValue = collectMatching(/^[^=]+=/, 'NAME=VALUE');

function variables(values: string[], code: boolean): Array<{ name: string; value: string; code: boolean }> {
  return values.map((entry) => {
    const at = entry.indexOf('=');
    return { name: entry.slice(0, at), value: entry.slice(at + 1), code };
  });
}

/** directory.jsonnet from the --jsonnet-* options, as `argocd app set` builds it; undefined without any. */
function jsonnetOptions(options: RenderCommandOptions): NonNullable<RenderSource['directory']>['jsonnet'] {
  const tlas = [...variables(options.jsonnetTlaStr, false), ...variables(options.jsonnetTlaCode, true)];
  const extVars = [
    ...variables(options.jsonnetExtVarStr, false),
    ...variables(options.jsonnetExtVarCode, true),
  ];
  if (tlas.length === 0 && extVars.length === 0 && options.jsonnetLibs.length === 0) return undefined;
  return { tlas, extVars, libs: options.jsonnetLibs };
}

export function renderCommand(): Command {
  return new Command('render')
    .description("render a source's desired Kubernetes objects (plain directory, kustomize or helm)")
    .option('--app <name>', 'render an application of the workspace')
    .option('--repo <url-or-path>', 'repository URL, or a local folder or repository')
    .option('--path <path>', 'path of the source inside the repository', '.')
    .option('--revision <revision>', 'branch, tag or commit to render (needs a git repository)')
    .option('--helm-values <file>', 'helm value file, relative to the chart (repeatable)', collect, [])
    .option(
      '--jsonnet-tla-str <name=value>',
      'jsonnet top-level argument, a string (repeatable)',
      nameValue,
      [],
    )
    .option(
      '--jsonnet-tla-code <name=code>',
      'jsonnet top-level argument, jsonnet code (repeatable)',
      nameValue,
      [],
    )
    .option(
      '--jsonnet-ext-var-str <name=value>',
      'jsonnet external variable, a string (repeatable)',
      nameValue,
      [],
    )
    .option(
      '--jsonnet-ext-var-code <name=code>',
      'jsonnet external variable, jsonnet code (repeatable)',
      nameValue,
      [],
    )
    .option(
      '--jsonnet-libs <path>',
      'jsonnet library path, relative to the repository root (repeatable)',
      collect,
      [],
    )
    .addOption(new Option('--output <format>', 'output format').choices(['yaml', 'json']).default('yaml'))
    .option('--name <name>', 'application name: helm release and tracking ids (default: the folder name)')
    .option('--namespace <namespace>', 'destination namespace', 'default')
    .option('--cache-dir <dir>', "Plumbline's cache folder (default: inside the data folder)")
    .option('--hard-refresh', 'ignore the render cache')
    .action(async (options: RenderCommandOptions, command: Command) => {
      if (options.app !== undefined && options.repo !== undefined)
        command.error('error: give either --app or --repo');
      if (options.app !== undefined) return renderApp(options.app, options);
      if (options.repo === undefined) command.error('error: give --app NAME or --repo URL_OR_PATH');
      return renderRepo({ ...options, repo: options.repo });
    });
}

async function renderApp(name: string, options: RenderCommandOptions): Promise<void> {
  const manifests = await withEngine((client) =>
    client.call('apps.manifests', { name, hardRefresh: options.hardRefresh }),
  );
  process.stdout.write(formatObjects(manifests.objects as KubeObject[], options.output));
}

/** The repositories the user configured (`plumbline repo`), as the running app reads them. */
interface ConfiguredRepositories {
  secrets: SecretStore;
  connections: RepoConnections;
  settings: RepositorySettings;
}

function configuredRepositories(dataDir: string): ConfiguredRepositories {
  // every credential read is scrubbed from all output, as in the engine
  const secrets = rememberingSecretStore(hostSecretStore());
  const index = new RepositoryIndex(dataDir);
  const connections = new RepoConnections(index, secrets);
  return { secrets, connections, settings: renderRepositorySettings(index, connections) };
}

async function renderRepo(options: RenderCommandOptions & { repo: string }): Promise<void> {
  const dataDir = resolveDataDir(process.env, homedir());
  const cacheDir = options.cacheDir ?? join(dataDir, 'cache');
  const repositories = configuredRepositories(dataDir);
  const checkout = await checkoutOf(options, cacheDir, repositories);
  const source: RenderSource = { repoURL: options.repo, path: options.path };
  if (options.helmValues.length > 0) source.helm = { valueFiles: options.helmValues };
  const jsonnet = jsonnetOptions(options);
  if (jsonnet) source.directory = { jsonnet };
  const appName = options.name ?? defaultName(options);
  const result = await renderSource(
    source,
    checkout.dir,
    { appName, destinationNamespace: options.namespace },
    {
      cacheDir,
      commitSha: checkout.commitSha,
      hardRefresh: options.hardRefresh,
      // private charts and chart dependencies with the stored credentials, names and CAs
      secrets: repositories.secrets,
      repositorySettings: repositories.settings,
    },
  );
  // shown as `render --app` shows an application's objects: Secret values masked, no credentials
  const shown = scrubDeep(maskSecretObjects(result.objects));
  process.stdout.write(formatObjects(shown, options.output));
}

// ApplicationSets from the command line: `plumbline appsets` (the list), `plumbline appset NAME`
// (one set: generators, its applications' parameters and statuses, conditions), `plumbline appset
// preview NAME|FILE` (what generating it would create, change or delete, offline, exit 1 on
// errors), and `plumbline appset generate NAME|FILE`: the Applications a set would generate, as
// Argo CD's `argocd appset generate` prints them, without creating or running any of them. The
// set comes from a file, or by name from the workspace; clusters are the registered clusters and
// kubeconfig contexts the engine knows; git generators read through the repository cache.
import { Command, Option } from 'commander';
import { stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import {
  cachedRepositories,
  generateApplications,
  staticClusters,
  type ClusterEntry,
} from '../../../engine/appset/index.ts';
import { createRepositoryCache } from '../../../engine/git/index.ts';
import { resolveDataDir } from '../../../engine/index.ts';
import { resolveTool } from '../../../engine/tools/index.ts';
import type { ApplicationSet } from '../../../engine/model/index.ts';
import { loadWorkspace } from '../../../engine/workspace/index.ts';
import { activeYamlLimits, readYamlFile } from '../../../engine/yaml/index.ts';
import { applicationSetFromText } from '../../../engine/appset/parseSet.ts';
import { gitRepositories } from '../../../engine/appset/describe.ts';
import type { PlumblineClient } from '../../../engine/api/client.ts';
import { readRegularTextFile } from '../../../engine/files/regularFile.ts';
import { withEngine } from '../engineSession.ts';
import { generatorSecretCommand } from './appsetSecret.ts';
import { outputOption, printJson, printTable } from '../output.ts';
import type {
  AppSetPreview,
  AppSetPreviewEntry,
  AppSetSummary,
  AppSummary,
} from '../../../engine/api/contract.ts';

interface GenerateOptions {
  cacheDir?: string;
}

const isFile = (path: string) =>
  stat(path).then(
    (info) => info.isFile(),
    () => false,
  );

/** The first ApplicationSet of a YAML file, checked against Argo CD's schema. */
async function setFromFile(file: string): Promise<ApplicationSet> {
  return applicationSetFromText(
    await readYamlFile(file, { limits: activeYamlLimits(), what: 'ApplicationSet file' }),
    file,
  );
}

async function setFromWorkspace(dir: string, name: string): Promise<ApplicationSet> {
  const workspace = await loadWorkspace(dir);
  const found = workspace.applicationSets.find((set) => set.name === name);
  if (found === undefined) throw new Error(`no ApplicationSet named ${name} in the workspace ${dir}`);
  if (found.definition === null)
    throw new Error(
      `ApplicationSet ${name} (${found.origin.file}) is not valid: ${found.conditions.map((c) => c.message).join('; ')}`,
    );
  return found.definition;
}

/** The set and the clusters the engine knows: registered clusters first, then kubeconfig contexts. */
async function setAndClusters(
  nameOrFile: string,
): Promise<{ set: ApplicationSet; clusters: ClusterEntry[] }> {
  const fromFile = await isFile(nameOrFile);
  return withEngine(async (client) => {
    const set = fromFile
      ? await setFromFile(nameOrFile)
      : await setFromWorkspace((await client.call('workspace.info')).dir, nameOrFile);
    const registered = (await client.call('clusters.registered', {})).clusters;
    const contexts = (await client.call('clusters.list')).contexts;
    const clusters: ClusterEntry[] = registered.map(({ name, server, labels, annotations }) => ({
      name,
      server,
      labels,
      annotations,
    }));
    for (const context of contexts) {
      if (context.server === null || clusters.some((cluster) => cluster.name === context.name)) continue;
      clusters.push({ name: context.name, server: context.server, labels: {}, annotations: {} });
    }
    return { set, clusters };
  });
}

function generateCommand(): Command {
  return new Command('generate')
    .description('print the Applications an ApplicationSet (a workspace name or a file) would generate')
    .argument('<name-or-file>', 'an ApplicationSet of the workspace, or a YAML file holding one')
    .option('--cache-dir <dir>', "Plumbline's cache folder (default: inside the data folder)")
    .action(async (nameOrFile: string, options: GenerateOptions, command: Command) => {
      const { set, clusters } = await setAndClusters(nameOrFile);
      const cacheDir = options.cacheDir ?? join(resolveDataDir(process.env, homedir()), 'cache');
      const repositories = cachedRepositories(createRepositoryCache({ cacheDir: join(cacheDir, 'git') }));
      // helm renders goTemplate sets: the one on PATH, else the bundled one
      const goTemplate =
        set.spec.goTemplate === true
          ? { helmPath: (await resolveTool('helm', { cacheDir })).path, cacheDir: join(cacheDir, 'appset') }
          : undefined;
      const generated = await generateApplications(set, {
        clusters: staticClusters(clusters),
        repositories,
        goTemplate,
      });
      const applications = generated.map((app) => app.application);
      if (outputOf(command) === 'json') process.stdout.write(`${JSON.stringify(applications, null, 2)}\n`);
      else process.stdout.write(applications.map((app) => `---\n${stringify(app)}`).join(''));
      process.stderr.write(
        `ApplicationSet ${set.metadata.name}: ${generated.length} application(s): ${generated.map((app) => app.name).join(', ')} (previewed, not created)\n`,
      );
    });
}

/** The set's text: a file's contents (read within the YAML limits), or nothing for a workspace name. */
async function previewInput(nameOrFile: string): Promise<{ name: string } | { text: string }> {
  if (!(await isFile(nameOrFile))) return { name: nameOrFile };
  return {
    text: await readYamlFile(nameOrFile, { limits: activeYamlLimits(), what: 'ApplicationSet file' }),
  };
}

const MAX_EDITED_FILE_BYTES = 1024 * 1024;

/** `--edit PATH=FILE`: the local file's text as the repository's PATH, in the set's one git repository unless --repo says. */
async function editedFiles(
  edits: string[],
  repo: string | undefined,
  input: { name: string } | { text: string },
  client: PlumblineClient,
): Promise<{ repoURL: string; path: string; text: string }[]> {
  if (edits.length === 0) return [];
  const repoURL = repo ?? (await onlyGitRepository(input, client));
  return Promise.all(
    edits.map(async (edit) => {
      const at = edit.indexOf('=');
      if (at <= 0 || at === edit.length - 1) throw new Error(`--edit ${edit}: write PATH=FILE`);
      const text = await readRegularTextFile(edit.slice(at + 1), {
        maxBytes: MAX_EDITED_FILE_BYTES,
        what: 'edited file',
      });
      return { repoURL, path: edit.slice(0, at), text };
    }),
  );
}

/** The repository the set's git generators read, when there is exactly one. */
async function onlyGitRepository(
  input: { name: string } | { text: string },
  client: PlumblineClient,
): Promise<string> {
  const set =
    'text' in input
      ? applicationSetFromText(input.text, 'the ApplicationSet file')
      : ((await client.call('appsets.get', { name: input.name })).definition as ApplicationSet | null);
  const repositories = set ? gitRepositories(set) : [];
  if (repositories.length !== 1)
    throw new Error(
      `--edit needs --repo: the set's git generators read ${repositories.length === 0 ? 'no repository' : repositories.join(', ')}`,
    );
  return repositories[0]!;
}

function printPreview(preview: AppSetPreview): void {
  for (const error of preview.errors) process.stderr.write(`error: ${error}\n`);
  if (preview.errors.length > 0) {
    process.stdout.write(
      `ApplicationSet ${preview.name}: does not generate; none of its applications would change\n`,
    );
    return;
  }
  const count = (action: AppSetPreviewEntry['action']) =>
    preview.entries.filter((entry) => entry.action === action).length;
  process.stdout.write(
    `ApplicationSet ${preview.name}: ${count('create')} to create, ${count('update')} to change, ${count('delete')} to delete, ${count('keep')} kept by its policy, ${count('unchanged')} unchanged\n`,
  );
  for (const entry of preview.entries) {
    if (entry.action === 'unchanged') continue;
    process.stdout.write(
      `\n===== ${entry.action} ${entry.name}${entry.note ? ` (${entry.note})` : ''}\n${entry.patch}`,
    );
  }
}

/**
 * One --output for `appset` and its subcommands (commander gives an option after a subcommand to
 * the parent that defines it): table or text for people by default, yaml or json for scripts.
 */
const setOutputOption = () =>
  new Option('-o, --output <format>', 'output format (generate: yaml by default)').choices([
    'table',
    'text',
    'yaml',
    'json',
  ]);

const outputOf = (command: Command): string | undefined =>
  (command.optsWithGlobals() as { output?: string }).output;

function previewCommand(): Command {
  return new Command('preview')
    .description(
      'what generating an ApplicationSet (a workspace name or a YAML file) would create, change or delete, with the diff of each definition; exits 1 when the set has errors',
    )
    .argument('<name-or-file>', 'an ApplicationSet of the workspace, or a YAML file holding one')
    .option(
      '--edit <path=file>',
      'preview as if the repository file PATH its git generators read held FILE (repeatable)',
      (value: string, list: string[]) => [...list, value],
      [] as string[],
    )
    .option('--repo <url>', 'the repository of the --edit files (default: the one its git generators read)')
    .action(async (nameOrFile: string, options: { edit: string[]; repo?: string }, command: Command) => {
      const output = outputOf(command);
      const input = await previewInput(nameOrFile);
      const preview = await withEngine(async (client) => {
        const files = await editedFiles(options.edit, options.repo, input, client);
        return client.call('appsets.preview', { ...input, ...(files.length > 0 ? { files } : {}) });
      });
      if (output === 'json') printJson(preview);
      else if (output === 'yaml') process.stdout.write(stringify(preview));
      else printPreview(preview);
      if (preview.errors.length > 0) process.exitCode = 1;
    });
}

function printSet(set: AppSetSummary, applications: AppSummary[], params: Record<string, unknown>): void {
  const facts: Array<[string, string]> = [
    ['Name', set.name],
    ['File', set.file ? `${set.file}${set.line ? `:${set.line}` : ''}` : 'left the workspace'],
    ['Policy', `${set.policy}${set.preserveResourcesOnDeletion ? ', resources preserved on deletion' : ''}`],
    ['Templates', set.goTemplate ? 'goTemplate' : 'default ({{param}})'],
    ['Generated', set.generatedAt ?? 'not yet'],
    [
      'Again every',
      set.requeueAfterSeconds === null ? 'when what it reads changes' : `${set.requeueAfterSeconds} s`,
    ],
  ];
  const width = Math.max(...facts.map(([label]) => label.length));
  for (const [label, value] of facts) process.stdout.write(`${`${label}:`.padEnd(width + 2)}${value}\n`);
  set.generators.forEach((words, i) => process.stdout.write(`Generator ${i + 1}: ${words}\n`));
  for (const condition of set.conditions) process.stdout.write(`${condition.type}: ${condition.message}\n`);
  if (set.rollout) printRollout(set.rollout);
  if (applications.length === 0) return void process.stdout.write('No applications\n');
  process.stdout.write('\n');
  printTable(
    ['APPLICATION', 'SYNC', 'HEALTH', 'PARAMETERS'],
    applications.map((app) => [app.name, app.sync.status, app.health.status, paramsText(params[app.name])]),
  );
}

/** A progressive sync: the step rolling out, what is wrong with the steps, each application's status. */
function printRollout(rollout: NonNullable<AppSetSummary['rollout']>): void {
  process.stdout.write(`Strategy: RollingSync, ${rollout.steps} step(s): ${rollout.progressing.message}\n`);
  if (rollout.invalidConfig) process.stdout.write(`InvalidRolloutConfig: ${rollout.invalidConfig}\n`);
  if (rollout.applications.length === 0) return;
  process.stdout.write('\n');
  printTable(
    ['STEP', 'APPLICATION', 'ROLLOUT', 'SINCE', 'MESSAGE'],
    rollout.applications.map((row) => [
      row.step === '-1' ? 'none' : row.step,
      row.application,
      row.status,
      row.lastTransitionTime,
      row.message,
    ]),
  );
}

/** Parameters on one line, long values cut: the table stays readable; --output json has them whole. */
function paramsText(params: unknown): string {
  if (typeof params !== 'object' || params === null) return '';
  return Object.entries(params)
    .map(([key, value]) => {
      const text = typeof value === 'string' ? value : JSON.stringify(value);
      return `${key}=${text.length > 40 ? `${text.slice(0, 39)}…` : text}`;
    })
    .join(' ');
}

export function appsetCommand(): Command {
  return new Command('appset')
    .description(
      'one ApplicationSet: its generators, the parameters and statuses of its applications, its conditions',
    )
    .addCommand(generateCommand())
    .addCommand(previewCommand())
    .addCommand(generatorSecretCommand())
    .argument('<name>', 'an ApplicationSet of the workspace')
    .addOption(setOutputOption())
    .action(async (name: string, options: { output?: string }) => {
      const detail = await withEngine((client) => client.call('appsets.get', { name }));
      if (options.output === 'json') return printJson(detail);
      if (options.output === 'yaml') return void process.stdout.write(stringify(detail));
      printSet(detail.set, detail.applications, detail.params);
      if (detail.set.conditions.some((c) => c.type.endsWith('Error') || c.type === 'ErrorOccurred'))
        process.exitCode = 1;
    });
}

export function appsetsCommand(): Command {
  return new Command('appsets')
    .description('list the ApplicationSets: generators in words, applications, errors')
    .addOption(outputOption())
    .action(async (options: { output: string }) => {
      const { sets } = await withEngine((client) => client.call('appsets.list', {}));
      if (options.output === 'json') return printJson({ sets });
      if (sets.length === 0) return void process.stdout.write('No ApplicationSets in the workspace\n');
      printTable(
        ['NAME', 'GENERATORS', 'APPLICATIONS', 'POLICY', 'ERRORS'],
        sets.map((set) => [
          set.name,
          set.generators.join('; '),
          String(set.applications.length),
          set.policy,
          set.conditions.map((c) => `${c.type}: ${c.message}`).join('; '),
        ]),
      );
    });
}

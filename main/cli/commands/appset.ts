// `plumbline appset generate NAME|FILE`: the Applications an ApplicationSet would generate, as
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
import { applicationSetSchema, type ApplicationSet } from '../../../engine/model/index.ts';
import { loadWorkspace } from '../../../engine/workspace/index.ts';
import { activeYamlLimits, parseYamlValues, readYamlFile } from '../../../engine/yaml/index.ts';
import { withEngine } from '../engineSession.ts';

interface GenerateOptions {
  output: 'yaml' | 'json';
  cacheDir?: string;
}

const isFile = (path: string) =>
  stat(path).then(
    (info) => info.isFile(),
    () => false,
  );

/** The first ApplicationSet of a YAML file, checked against Argo CD's schema. */
async function setFromFile(file: string): Promise<ApplicationSet> {
  const limits = activeYamlLimits();
  const text = await readYamlFile(file, { limits, what: 'ApplicationSet file' });
  const { values } = parseYamlValues(text, { source: file, limits });
  const document = values.find(
    (value) =>
      typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'ApplicationSet',
  );
  if (document === undefined) throw new Error(`${file} holds no ApplicationSet`);
  const checked = applicationSetSchema.safeParse(document);
  if (!checked.success)
    throw new Error(`${file}: not a valid ApplicationSet: ${checked.error.issues[0]?.message}`);
  return checked.data;
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
    .addOption(new Option('--output <format>', 'output format').choices(['yaml', 'json']).default('yaml'))
    .option('--cache-dir <dir>', "Plumbline's cache folder (default: inside the data folder)")
    .action(async (nameOrFile: string, options: GenerateOptions) => {
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
      if (options.output === 'json') process.stdout.write(`${JSON.stringify(applications, null, 2)}\n`);
      else process.stdout.write(applications.map((app) => `---\n${stringify(app)}`).join(''));
      process.stderr.write(
        `ApplicationSet ${set.metadata.name}: ${generated.length} application(s): ${generated.map((app) => app.name).join(', ')} (previewed, not created)\n`,
      );
    });
}

export function appsetCommand(): Command {
  return new Command('appset')
    .description('ApplicationSets: preview what they generate')
    .addCommand(generateCommand());
}

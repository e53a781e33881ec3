// Which configured plugin renders a source, as Argo CD's discovery decides (util/app/discovery,
// cmpserver matchRepository): a plugin matches when its `discover.fileName` (Go's filepath.Glob in
// the application folder) finds a file, else when its `discover.find.glob` (with `**`) does, else
// when its `discover.find.command`, run in the application folder of a private copy, exits 0
// with output. A named plugin (`<name>` or `<name>-<version>`) is used when it has no discovery
// rule or its rule matches; without a name the first plugin whose rule matches is used, in the
// order of their names.
import { readdir } from 'node:fs/promises';
import { join, posix, relative, resolve } from 'node:path';
import { minimatch } from 'minimatch';
import { RenderError, describeError } from '../errors.ts';
import { goGlob, hasGlobMeta } from '../go-glob.ts';
import { isInside } from '../paths.ts';
import type { ConfigManagementPlugin, PluginCommand } from './definition.ts';

/** Files and folders a `find.glob` may look at in one application folder before giving up. */
const MAX_GLOB_ENTRIES = 100_000;

export interface DiscoveryTarget {
  /** The checkout's root: no rule looks outside it. */
  repoRoot: string;
  /** The application folder inside it. */
  appDir: string;
  /** Runs a `find.command` (in a private copy) and returns what it printed on stdout. */
  runFind(plugin: ConfigManagementPlugin, command: PluginCommand): Promise<string>;
}

export interface Match {
  supported: boolean;
  /** Whether the plugin has a discovery rule at all. */
  discoveryEnabled: boolean;
}

/** Go's filepath.Join(appPath, pattern): joined and cleaned, a leading `/` meaning nothing more. */
function joinedPattern(pattern: string): string {
  return posix.normalize(pattern.split('\\').join('/').replace(/^\/+/, '') || '.');
}

/** Go's filepath.Glob of `appDir/pattern`, kept inside the repository. */
async function fileNameMatches(target: DiscoveryTarget, pattern: string): Promise<boolean> {
  const joined = joinedPattern(pattern);
  const segments = joined.split('/');
  const firstMeta = segments.findIndex(hasGlobMeta);
  const fixed = firstMeta < 0 ? segments : segments.slice(0, firstMeta);
  if (!isInside(target.repoRoot, resolve(target.appDir, ...fixed))) return false;
  const matches = await goGlob(target.appDir, joined);
  return matches.some((match) => isInside(target.repoRoot, resolve(target.appDir, match)));
}

/** Paths under `dir` (relative to it, `/`-separated), folders too, never through a symbolic link or into `.git`. */
async function walk(dir: string): Promise<string[]> {
  const found: string[] = [];
  const pending = [''];
  while (pending.length > 0) {
    const rel = pending.pop() as string;
    const entries = await readdir(join(dir, rel), { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      if (entry.name === '.git') continue;
      const path = rel ? `${rel}/${entry.name}` : entry.name;
      found.push(path);
      if (found.length > MAX_GLOB_ENTRIES)
        throw new RenderError(`discover.find.glob looked at more than ${MAX_GLOB_ENTRIES} files`);
      if (entry.isDirectory()) pending.push(path);
    }
  }
  return found;
}

/** zglob of `appDir/pattern`: `**` spans folders; kept inside the repository. */
async function globMatches(target: DiscoveryTarget, pattern: string): Promise<boolean> {
  const segments = joinedPattern(pattern).split('/');
  const firstMeta = segments.findIndex(hasGlobMeta);
  const fixed = firstMeta < 0 ? segments : segments.slice(0, firstMeta);
  const base = resolve(target.appDir, ...fixed);
  if (!isInside(target.repoRoot, base)) return false;
  if (firstMeta < 0) return (await goGlob(target.appDir, segments.join('/'))).length > 0;
  const rest = segments.slice(firstMeta).join('/');
  const options = { dot: true, nobrace: true, noext: true, nonegate: true, nocomment: true };
  return (await walk(base)).some((path) => minimatch(path, rest, options));
}

/** Whether `plugin`'s discovery rule accepts the source: the first rule given decides, as in Argo CD. */
export async function matchPlugin(plugin: ConfigManagementPlugin, target: DiscoveryTarget): Promise<Match> {
  const discover = plugin.discover;
  if (!discover) return { supported: false, discoveryEnabled: false };
  if (discover.fileName)
    return { supported: await fileNameMatches(target, discover.fileName), discoveryEnabled: true };
  if (discover.glob) return { supported: await globMatches(target, discover.glob), discoveryEnabled: true };
  const output = await target.runFind(plugin, discover.command as PluginCommand);
  // Argo CD drops one trailing line break; anything else printed is a match.
  return { supported: output.replace(/\n$/, '') !== '', discoveryEnabled: true };
}

function pluginList(plugins: readonly ConfigManagementPlugin[]): string {
  return plugins.length === 0
    ? 'no plugin is configured (setting configManagementPlugins)'
    : `configured: ${plugins.map((plugin) => plugin.fullName).join(', ')}`;
}

/** The plugin a source names, when its discovery rule (if any) accepts the source. */
export async function namedPlugin(
  name: string,
  plugins: readonly ConfigManagementPlugin[],
  target: DiscoveryTarget,
): Promise<ConfigManagementPlugin> {
  const plugin = plugins.find((each) => each.fullName === name);
  if (!plugin) {
    const versioned = plugins.find((each) => each.name === name && each.version);
    const hint = versioned
      ? `; a plugin with a version is named <name>-<version>: ${versioned.fullName}`
      : '';
    throw new RenderError(
      `could not find config management plugin ${JSON.stringify(name)} (${pluginList(plugins)})${hint}`,
    );
  }
  let match: Match;
  try {
    match = await matchPlugin(plugin, target);
  } catch (error) {
    throw new RenderError(
      `config management plugin ${plugin.fullName}: discover failed: ${describeError(error)}`,
      {
        cause: error,
      },
    );
  }
  if (match.discoveryEnabled && !match.supported)
    throw new RenderError(
      `config management plugin ${plugin.fullName} does not support this source: its discover rule matched nothing in ${relative(target.repoRoot, target.appDir) || '.'}`,
    );
  return plugin;
}

export interface Discovered {
  plugin?: ConfigManagementPlugin;
  /** The last discovery that failed, when none matched. */
  failure?: string;
}

/** The first plugin whose discovery rule accepts the source; a rule that fails is passed over. */
export async function discoverPlugin(
  plugins: readonly ConfigManagementPlugin[],
  target: DiscoveryTarget,
): Promise<Discovered> {
  let failure: string | undefined;
  for (const plugin of plugins) {
    if (!plugin.discover) continue;
    try {
      if ((await matchPlugin(plugin, target)).supported) return { plugin };
    } catch (error) {
      failure = `config management plugin ${plugin.fullName}: discover failed: ${describeError(error)}`;
    }
  }
  return failure ? { failure } : {};
}

/** The plugin of a source with a `plugin` block and no name: one must match. */
export async function discoveredPlugin(
  plugins: readonly ConfigManagementPlugin[],
  target: DiscoveryTarget,
): Promise<ConfigManagementPlugin> {
  const found = await discoverPlugin(plugins, target);
  if (found.plugin) return found.plugin;
  const withRules = plugins.filter((plugin) => plugin.discover);
  throw new RenderError(
    `could not find a config management plugin supporting this source: ${
      found.failure ??
      (withRules.length === 0
        ? `${pluginList(plugins)}, and none has a discover rule; name one in plugin.name`
        : `no discover rule of ${withRules.map((plugin) => plugin.fullName).join(', ')} matched`)
    }`,
  );
}

// A source rendered by a config management plugin, as Argo CD's repo server runs its CMP sidecars
// (runManifestGenPlugin / runConfigManagementPluginSidecars): the plugin is the one the source
// names or the first whose discovery accepts it (also for a source without a `plugin` block, whose
// type Argo CD discovers plugins first for), then `init` and `generate` run in a private copy of
// the checkout, in the application folder, with Argo CD's environment, and what `generate`
// prints is read as the source's manifests. Only plugins from the user's settings ever run.
import { assertNoSymlinksOut } from '../paths.ts';
import { parseToolOutput } from '../manifests.ts';
import { renderLimitsOf } from '../limits.ts';
import { RenderError } from '../errors.ts';
import type { KubeObject, RenderContext, RenderOptions, RenderSource } from '../types.ts';
import { loadPlugins, type ConfigManagementPlugin, type PluginCommand } from './definition.ts';
import { discoverPlugin, discoveredPlugin, namedPlugin, type DiscoveryTarget } from './discovery.ts';
import { discoveryEnvironment, pluginEnvironment, sourcePluginOf, type SourcePlugin } from './environment.ts';
import { runPluginCommand, type PluginRunContext } from './run.ts';
import { makeWorkCopy } from './workCopy.ts';

/**
 * Discoveries made for a commit: its tree never changes, so a discovery (which may run a
 * command in a copy of the whole checkout) is made once per commit, application folder, plugin
 * definitions and environment, not at every reconciliation.
 */
const discoveries = new Map<string, Promise<unknown>>();

function rememberedFor<T>(key: string | undefined, compute: () => Promise<T>): Promise<T> {
  if (key === undefined) return compute();
  let known = discoveries.get(key) as Promise<T> | undefined;
  if (!known) {
    if (discoveries.size >= 1000) discoveries.clear();
    known = compute();
    discoveries.set(key, known);
    known.catch(() => discoveries.delete(key));
  }
  return known;
}

export class PluginRender {
  private plugins: Promise<ConfigManagementPlugin[]> | undefined;
  private chosen: Promise<ConfigManagementPlugin> | undefined;
  private readonly block: SourcePlugin | undefined;

  constructor(
    private readonly source: RenderSource,
    private readonly checkoutDir: string,
    private readonly context: RenderContext,
    private readonly options: RenderOptions,
  ) {
    const given = source.plugin !== undefined && source.plugin !== null;
    this.block = given ? sourcePluginOf(source.plugin) : undefined;
  }

  private configured(): Promise<ConfigManagementPlugin[]> {
    this.plugins ??= loadPlugins(this.options.configManagementPlugins ?? []);
    return this.plugins;
  }

  private buildInput() {
    return {
      ...this.context,
      revision: this.options.commitSha,
      repoURL: this.source.repoURL,
      path: this.source.path,
      targetRevision: this.source.targetRevision,
    };
  }

  /** Every variable the plugin's commands get (the source's env and parameters included). */
  private environment(): Record<string, string> {
    return pluginEnvironment(this.buildInput(), this.block);
  }

  private runContext(env: Record<string, string>): PluginRunContext {
    return {
      env,
      limits: renderLimitsOf(this.options).tool,
      ...(this.options.pathEnv === undefined ? {} : { pathEnv: this.options.pathEnv }),
      ...(this.options.signal ? { signal: this.options.signal } : {}),
    };
  }

  private target(appDir: string, env: Record<string, string>): DiscoveryTarget {
    return {
      repoRoot: this.checkoutDir,
      appDir,
      runFind: async (plugin: ConfigManagementPlugin, command: PluginCommand) => {
        const copy = await makeWorkCopy(this.checkoutDir, appDir, plugin);
        try {
          return await runPluginCommand(plugin, 'discover', command, copy, this.runContext(env));
        } finally {
          await copy.dispose();
        }
      },
    };
  }

  /** The memo key of a discovery, or undefined when the checkout is not a pinned commit. */
  private discoveryKey(kind: string, appDir: string, plugins: ConfigManagementPlugin[], env: object) {
    if (!this.options.commitSha) return undefined;
    const definitions = plugins.map((plugin) => `${plugin.fullName}@${plugin.digest}`);
    return JSON.stringify([kind, this.checkoutDir, this.options.commitSha, appDir, definitions, env]);
  }

  /**
   * For a source without a plugin block (sourceTypeOf): whether a configured plugin's discovery
   * claims its folder, as Argo CD tries plugins before kustomize, helm and directory. A discovery
   * that fails passes the plugin over, as in Argo CD.
   */
  readonly discovers = async (appDir: string): Promise<boolean> => {
    if ((this.options.configManagementPlugins ?? []).length === 0) return false;
    const plugins = await this.configured();
    const candidates = plugins.filter((plugin) => plugin.discover);
    if (candidates.length === 0) return false;
    const env = discoveryEnvironment(this.buildInput());
    const found = await rememberedFor(this.discoveryKey('discover', appDir, candidates, env), async () => {
      await assertNoSymlinksOut(this.checkoutDir);
      return discoverPlugin(candidates, this.target(appDir, env));
    });
    if (!found.plugin) return false;
    this.chosen = Promise.resolve(found.plugin);
    return true;
  };

  /** The plugin that renders the source: the discovered one, the named one, or the first that matches. */
  plugin(appDir: string): Promise<ConfigManagementPlugin> {
    this.chosen ??= (async () => {
      const plugins = await this.configured();
      const name = this.block?.name ?? '';
      if (plugins.length === 0)
        throw new RenderError(
          `the source asks for a config management plugin${name ? ` (${name})` : ''} and none is configured: list its ConfigManagementPlugin file in the setting configManagementPlugins`,
        );
      const env = this.environment();
      const key = this.discoveryKey(`select ${name}`, appDir, plugins, env);
      const fullName = await rememberedFor(key, async () => {
        await assertNoSymlinksOut(this.checkoutDir);
        const target = this.target(appDir, env);
        const chosen = name
          ? await namedPlugin(name, plugins, target)
          : await discoveredPlugin(plugins, target);
        return chosen.fullName;
      });
      return plugins.find((plugin) => plugin.fullName === fullName) as ConfigManagementPlugin;
    })();
    return this.chosen;
  }

  /** What the render cache keys the render on: the plugin's name and a digest of its definition. */
  async versions(appDir: string): Promise<Record<string, string>> {
    const plugin = await this.plugin(appDir);
    return { [`plugin/${plugin.fullName}`]: plugin.digest };
  }

  /** Runs init and generate in a private copy; the objects generate printed. */
  async render(appDir: string, warnings: string[]): Promise<KubeObject[]> {
    const plugin = await this.plugin(appDir);
    const run = this.runContext(this.environment());
    const copy = await makeWorkCopy(this.checkoutDir, appDir, plugin);
    try {
      if (plugin.init) await runPluginCommand(plugin, 'init', plugin.init, copy, run);
      const stdout = await runPluginCommand(plugin, 'generate', plugin.generate, copy, run);
      return parseToolOutput(
        stdout,
        `source ${this.source.path ?? '.'}`,
        `plugin ${plugin.fullName}`,
        `config management plugin ${plugin.fullName}`,
        renderLimitsOf(this.options).maxOutputBytes,
        warnings,
      );
    } finally {
      await copy.dispose();
    }
  }
}

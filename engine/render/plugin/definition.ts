// Config management plugins (CMP) as Argo CD v2.6+ sidecar plugins define them: a
// `ConfigManagementPlugin` YAML file (apiVersion argoproj.io/v1alpha1) naming the commands that
// prepare (`init`) and print (`generate`) an application's manifests, how the plugin recognises
// sources it handles (`discover`), and the parameters it announces. Plumbline reads only the files
// the user lists in the setting `configManagementPlugins`; a repository can never bring a plugin.
// Validation follows Argo CD's (metadata.name, kind, a generate command), plus what a command
// line cannot carry (a NUL).
import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { isAbsolute } from 'node:path';
import { z } from 'zod';
import { activeYamlLimits, parseYamlValue, readYamlFile } from '../../yaml/index.ts';
import { RenderError, describeError } from '../errors.ts';

export const CONFIG_MANAGEMENT_PLUGIN_KIND = 'ConfigManagementPlugin';

/** A plugin file is a few commands; one larger than this is not one. */
const MAX_PLUGIN_FILE_BYTES = 1024 * 1024;

const noNul = (what: string) => z.string().refine((text) => !text.includes('\0'), `${what} holds a NUL`);

const commandSchema = z.looseObject({
  command: z.array(noNul('a command word')).nullish(),
  args: z.array(noNul('an argument')).nullish(),
});

const nameText = z
  .string()
  .max(253)
  .refine((text) => !/[\0\r\n/]/.test(text), 'holds a NUL, a line break or a "/"');

export const pluginDefinitionSchema = z.looseObject({
  apiVersion: z.string().optional(),
  kind: z.string().optional(),
  metadata: z.looseObject({ name: nameText.optional() }).optional(),
  spec: z
    .looseObject({
      version: nameText.nullish(),
      init: commandSchema.nullish(),
      generate: commandSchema.nullish(),
      discover: z
        .looseObject({
          fileName: z.string().nullish(),
          find: commandSchema.extend({ glob: z.string().nullish() }).nullish(),
        })
        .nullish(),
      parameters: z
        .looseObject({ static: z.array(z.unknown()).nullish(), dynamic: commandSchema.nullish() })
        .nullish(),
      preserveFileMode: z.boolean().nullish(),
      // Plumbline never hands git credentials to a plugin; read so that Argo CD's files load.
      provideGitCreds: z.boolean().nullish(),
      // Argo CD's old argocd-cm plugins' lock; every run here has its own copy of the repository.
      lockRepo: z.boolean().nullish(),
    })
    .nullish(),
});

export interface PluginCommand {
  /** The program and its first words (`[sh, -c]`), then `args`, as Argo CD joins them. */
  argv: string[];
}

export interface PluginDiscovery {
  fileName?: string;
  glob?: string;
  command?: PluginCommand;
}

/** One configured plugin, validated. */
export interface ConfigManagementPlugin {
  /** metadata.name */
  name: string;
  version?: string;
  /** What an application's `plugin.name` must say: `<name>-<version>`, or `<name>` without a version. */
  fullName: string;
  init?: PluginCommand;
  generate: PluginCommand;
  /** Undefined when the plugin has no discovery rule (it then runs only when named). */
  discover?: PluginDiscovery;
  preserveFileMode: boolean;
  /** The settings file's path of the definition, for messages. */
  file: string;
  /** A digest of the definition: a render made with another definition is not reused. */
  digest: string;
}

function commandOf(command: z.infer<typeof commandSchema> | null | undefined): PluginCommand | undefined {
  const argv = [...(command?.command ?? []), ...(command?.args ?? [])];
  return (command?.command ?? []).length > 0 ? { argv } : undefined;
}

/** The plugin a parsed YAML document defines, or the reason it does not (Argo CD's wording where it has one). */
export function pluginFromValue(value: unknown, file: string): ConfigManagementPlugin {
  const fail = (reason: string) => new RenderError(`config management plugin file ${file}: ${reason}`);
  const parsed = pluginDefinitionSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
    throw fail(`${where}${issue?.message ?? 'not a ConfigManagementPlugin'}`);
  }
  const definition = parsed.data;
  const name = definition.metadata?.name ?? '';
  if (name === '') throw fail('invalid plugin configuration file. metadata.name should be non-empty');
  if (definition.kind !== CONFIG_MANAGEMENT_PLUGIN_KIND)
    throw fail(
      `invalid plugin configuration file. kind should be ${CONFIG_MANAGEMENT_PLUGIN_KIND}, found ${definition.kind ?? ''}`,
    );
  const spec = definition.spec ?? {};
  const generate = commandOf(spec.generate);
  if (!generate) throw fail('invalid plugin configuration file. spec.generate command should be non-empty');
  const version = spec.version || undefined;
  const found = spec.discover?.find;
  const discover: PluginDiscovery = {
    ...(spec.discover?.fileName ? { fileName: spec.discover.fileName } : {}),
    ...(found?.glob ? { glob: found.glob } : {}),
    ...(commandOf(found) ? { command: commandOf(found) } : {}),
  };
  const init = commandOf(spec.init);
  return {
    name,
    ...(version ? { version } : {}),
    fullName: version ? `${name}-${version}` : name,
    ...(init ? { init } : {}),
    generate,
    ...(Object.keys(discover).length > 0 ? { discover } : {}),
    preserveFileMode: spec.preserveFileMode ?? false,
    file,
    digest: `sha256:${createHash('sha256').update(JSON.stringify(definition)).digest('hex').slice(0, 16)}`,
  };
}

/** The plugin defined by the YAML text of `file`. */
export function parsePluginDefinition(text: string, file: string): ConfigManagementPlugin {
  let value: unknown;
  try {
    value = parseYamlValue(text, { source: file });
  } catch (error) {
    throw new RenderError(`config management plugin file ${describeError(error)}`, { cause: error });
  }
  return pluginFromValue(value, file);
}

interface Remembered {
  stamp: string;
  plugin: Promise<ConfigManagementPlugin>;
}

/** Definitions read, by path: a file is read again only when it changed (size, time, inode). */
const remembered = new Map<string, Remembered>();

async function loadPlugin(file: string): Promise<ConfigManagementPlugin> {
  if (!isAbsolute(file))
    throw new RenderError(
      `config management plugin file ${file}: the setting configManagementPlugins takes absolute paths`,
    );
  const info = await stat(file).catch((error: unknown) => {
    throw new RenderError(`config management plugin file ${file}: ${describeError(error)}`);
  });
  const stamp = `${info.size}:${info.mtimeMs}:${info.ino}`;
  const known = remembered.get(file);
  if (known?.stamp === stamp) return known.plugin;
  const limits = { ...activeYamlLimits(), fileBytes: MAX_PLUGIN_FILE_BYTES };
  const plugin = readYamlFile(file, { what: 'config management plugin file', limits })
    .catch((error: unknown) => {
      throw new RenderError(describeError(error), { cause: error });
    })
    .then((text) => parsePluginDefinition(text, file));
  if (remembered.size >= 1000) remembered.clear();
  remembered.set(file, { stamp, plugin });
  plugin.catch(() => remembered.delete(file));
  return plugin;
}

/**
 * The configured plugins in the order Argo CD tries them in discovery: by the name of their
 * socket (`<fullName>.sock`), byte by byte. Two plugins of one full name are refused, as Argo CD
 * could not run both.
 */
export async function loadPlugins(files: readonly string[]): Promise<ConfigManagementPlugin[]> {
  const plugins = await Promise.all([...new Set(files)].map(loadPlugin));
  const byName = new Map<string, ConfigManagementPlugin>();
  for (const plugin of plugins) {
    const other = byName.get(plugin.fullName);
    if (other)
      throw new RenderError(
        `config management plugins ${other.file} and ${plugin.file} are both named ${plugin.fullName}`,
      );
    byName.set(plugin.fullName, plugin);
  }
  const socket = (plugin: ConfigManagementPlugin) => Buffer.from(`${plugin.fullName}.sock`);
  return plugins.sort((a, b) => Buffer.compare(socket(a), socket(b)));
}

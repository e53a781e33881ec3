// The environment a config management plugin's commands run with, as Argo CD's repo server builds
// it (reposerver newEnv, getPluginEnvs, getPluginParamEnvs; ApplicationSourcePluginParameters
// .Environ): the build variables (ARGOCD_APP_*), KUBE_VERSION and KUBE_API_VERSIONS, the
// application's `plugin.env` entries prefixed ARGOCD_ENV_ (their `$VAR`s substituted from the
// build variables only), and its `plugin.parameters` as ARGOCD_APP_PARAMETERS (JSON, as Go
// writes it) and PARAM_<NAME>[_<INDEX>|_<KEY>]. Nothing of Plumbline's own environment is added
// here; the tool runner adds only PATH, HOME and the like (engine/tools/run.ts).
import { z } from 'zod';
import { argoBuildEnv, argoEnvsubst, type BuildEnvInput } from '../envsubst.ts';
import { RenderError } from '../errors.ts';

const noNul = z.string().refine((text) => !text.includes('\0'), 'holds a NUL character');

const envEntrySchema = z.looseObject({
  // `=` would let the name carry a value; a NUL cannot be in an environment at all.
  name: noNul.refine((name) => !name.includes('='), 'holds "="').default(''),
  value: noNul.default(''),
});

const parameterSchema = z.looseObject({
  name: noNul.default(''),
  string: noNul.nullish(),
  array: z.array(noNul).nullish(),
  map: z.record(noNul, noNul).nullish(),
});

/** An application source's `plugin` block, as Argo CD's ApplicationSourcePlugin. */
export const sourcePluginSchema = z.looseObject({
  name: noNul.nullish(),
  env: z.array(envEntrySchema).nullish(),
  parameters: z.array(parameterSchema).nullish(),
});
export type SourcePlugin = z.infer<typeof sourcePluginSchema>;
export type PluginParameter = z.infer<typeof parameterSchema>;

/** The environment all entries together may take: far below what the OS allows a process. */
const MAX_ENVIRONMENT_BYTES = 1024 * 1024;

/** The source's `plugin` block, checked; a refusal names the field. */
export function sourcePluginOf(block: unknown): SourcePlugin {
  const parsed = sourcePluginSchema.safeParse(block ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = ['plugin', ...(issue?.path ?? [])].join('.');
  throw new RenderError(`${where}: ${issue?.message ?? 'invalid'}`);
}

/** Go's strings.ToUpper rune by rune (a rune without a one-rune capital stays), then [^A-Z0-9_] → `_`. */
export function escapedParamName(name: string): string {
  let out = '';
  for (const char of name) {
    const upper = char.toUpperCase();
    const kept = [...upper].length === 1 ? upper : char;
    out += /^[A-Z0-9_]$/.test(kept) ? kept : '_';
  }
  return out;
}

/** JSON as Go's encoding/json writes it: `<`, `>`, `&`, U+2028 and U+2029 escaped. */
function goJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** One parameter as Argo CD marshals it: keys in Go's order (array, map, name, string). */
function parameterJson(parameter: PluginParameter): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (parameter.array !== undefined && parameter.array !== null) out.array = parameter.array;
  if (parameter.map !== undefined && parameter.map !== null)
    out.map = Object.fromEntries(
      Object.entries(parameter.map).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    );
  out.name = parameter.name;
  if (parameter.string !== undefined && parameter.string !== null) out.string = parameter.string;
  return out;
}

/** ARGOCD_APP_PARAMETERS and the PARAM_* variables of the parameters. */
export function parameterEnvironment(
  parameters: PluginParameter[] | null | undefined,
): Record<string, string> {
  const env: Record<string, string> = {
    ARGOCD_APP_PARAMETERS: parameters ? goJson(parameters.map(parameterJson)) : 'null',
  };
  for (const parameter of parameters ?? []) {
    const base = `PARAM_${escapedParamName(parameter.name)}`;
    if (parameter.string !== undefined && parameter.string !== null) env[base] = parameter.string;
    for (const [key, value] of Object.entries(parameter.map ?? {}))
      env[`${base}_${escapedParamName(key)}`] = value;
    for (const [index, value] of (parameter.array ?? []).entries()) env[`${base}_${index}`] = value;
  }
  return env;
}

/**
 * k8s.io/apimachinery's ParseGeneric(...).String(), which Argo CD gives plugins as KUBE_VERSION:
 * `v1.30.2` → `1.30.2`, `1.30.11+IKS` → `1.30.11`; empty stays empty.
 */
export function pluginKubeVersion(version: string | undefined): string {
  if (!version) return '';
  const match = /^\s*v?([0-9]+(?:\.[0-9]+)*)/.exec(version);
  const components = match?.[1]?.split('.') ?? [];
  if (components.length < 2 || (components[0]!.startsWith('0') && components[0] !== '0'))
    throw new RenderError(`could not parse kubernetes version ${version}`);
  return components.map((component) => String(BigInt(component))).join('.');
}

export interface PluginEnvInput extends BuildEnvInput {
  kubeVersion?: string;
  apiVersions?: string[];
}

/**
 * The variables a discovery of plugins for a source without a `plugin` block sees: the build
 * variables only, as Argo CD's source-type discovery passes them.
 */
export function discoveryEnvironment(input: BuildEnvInput): Record<string, string> {
  return argoBuildEnv(input);
}

/** Every variable Argo CD gives a plugin's init, generate and discover commands. */
export function pluginEnvironment(
  input: PluginEnvInput,
  plugin: SourcePlugin | undefined,
): Record<string, string> {
  const base: Record<string, string> = {
    ...argoBuildEnv(input),
    KUBE_VERSION: pluginKubeVersion(input.kubeVersion),
    KUBE_API_VERSIONS: (input.apiVersions ?? []).join(','),
  };
  if (!plugin) return base;
  const env = { ...base };
  for (const entry of plugin.env ?? []) env[`ARGOCD_ENV_${entry.name}`] = argoEnvsubst(entry.value, base);
  Object.assign(env, parameterEnvironment(plugin.parameters));
  const bytes = Object.entries(env).reduce((sum, [name, value]) => sum + name.length + value.length + 2, 0);
  if (bytes > MAX_ENVIRONMENT_BYTES)
    throw new RenderError(
      `plugin.env and plugin.parameters make ${bytes} bytes of environment, over the limit of ${MAX_ENVIRONMENT_BYTES}`,
    );
  return env;
}

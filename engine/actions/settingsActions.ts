// Resource actions defined in the settings (`resourceActions`), as Argo CD's argocd-cm keys
// `resource.customizations.actions.<group_kind>`: per group and kind a `discovery.lua`, the
// `definitions` ([{ name, action.lua }]) and `mergeBuiltinActions`. The value is the object or,
// pasted from argocd-cm, its YAML text. Keys are `<group>/<kind>` as for resourceHealthChecks, or
// Argo CD's `<group>_<kind>`; a core kind is its name alone. Scripts are compiled once per
// settings read; anything wrong (a key that names no kind, a script too large or that does not
// compile, YAML that is not such an object) is a problem that keeps every action off, named,
// until the settings are fixed — never a half-read set of actions.
import { z } from 'zod';
import { compileScript } from '../health/lua/sandbox.ts';
import { parseYamlValue } from '../yaml/index.ts';
import {
  MAX_SCRIPT_BYTES,
  plainActionName,
  plainGroup,
  plainKind,
  type LoadedScript,
} from './actionScripts.ts';

/** More definitions than this for one kind is not a configuration. */
export const MAX_DEFINITIONS = 100;
/** Argo CD's YAML text of one kind's actions: its scripts and a little more. */
const MAX_YAML_BYTES = MAX_SCRIPT_BYTES * 4;

type Script = Exclude<LoadedScript, undefined>;

export interface DefinedActions {
  discovery?: Script;
  definitions: Map<string, Script>;
  mergeBuiltinActions: boolean;
}

export interface SettingsActions {
  /** By `<group>/<kind>` (`/<kind>` for the core group). */
  byKind: Map<string, DefinedActions>;
  problems: string[];
}

const entrySchema = z
  .object({
    'discovery.lua': z.string().optional(),
    definitions: z
      .array(z.object({ name: z.string(), 'action.lua': z.string() }).loose())
      .max(MAX_DEFINITIONS)
      .optional(),
    mergeBuiltinActions: z.boolean().optional(),
  })
  .loose();

export function kindKey(group: string, kind: string): string {
  return `${group}/${kind}`;
}

/** `apps/Deployment`, `apps_Deployment`, `ConfigMap`: the group and kind, or null. */
function groupKindOf(key: string): { group: string; kind: string } | null {
  const cut = Math.max(key.lastIndexOf('/'), key.lastIndexOf('_'));
  const group = cut < 0 ? '' : key.slice(0, cut);
  const kind = key.slice(cut + 1);
  if (!plainKind.test(kind) || (cut >= 0 && !plainGroup.test(group))) return null;
  return { group, kind };
}

function shown(key: string): string {
  return JSON.stringify(key.length > 80 ? `${key.slice(0, 80)}…` : key);
}

function compiled(name: string, source: string): Script {
  if (Buffer.byteLength(source) > MAX_SCRIPT_BYTES)
    return { error: `${name}: the script is larger than ${MAX_SCRIPT_BYTES / 2 ** 20} MiB` };
  const result = compileScript(name, source, false);
  return 'error' in result ? { error: `${name}: ${result.error}` } : result;
}

function entryValue(key: string, value: unknown): unknown {
  if (typeof value !== 'string') return value;
  if (Buffer.byteLength(value) > MAX_YAML_BYTES)
    throw new Error(`larger than ${MAX_YAML_BYTES / 2 ** 20} MiB`);
  return parseYamlValue(value, { source: `resourceActions ${shown(key)}` });
}

function definedActions(key: string, value: unknown): DefinedActions {
  const parsed = entrySchema.safeParse(entryValue(key, value));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${issue?.path.join('.') || 'the value'}: ${issue?.message ?? 'invalid'}`);
  }
  const entry = parsed.data;
  const definitions = new Map<string, Script>();
  for (const { name, 'action.lua': source } of entry.definitions ?? []) {
    if (!plainActionName.test(name)) throw new Error(`${shown(name)} is not an action name`);
    if (definitions.has(name)) throw new Error(`action ${name} is defined twice`);
    definitions.set(name, compiled(`${key} ${name}/action.lua`, source));
  }
  return {
    ...(entry['discovery.lua'] !== undefined
      ? { discovery: compiled(`${key} discovery.lua`, entry['discovery.lua']) }
      : {}),
    definitions,
    mergeBuiltinActions: entry.mergeBuiltinActions ?? false,
  };
}

export function settingsActions(entries: Record<string, unknown> | undefined): SettingsActions {
  const byKind = new Map<string, DefinedActions>();
  const problems: string[] = [];
  for (const [key, value] of Object.entries(entries ?? {})) {
    const groupKind = groupKindOf(key);
    if (!groupKind) {
      problems.push(`key ${shown(key)} is not <group>/<kind> (or <group>_<kind>, or a core kind)`);
      continue;
    }
    try {
      const defined = definedActions(key, value);
      const scripts = [...(defined.discovery ? [defined.discovery] : []), ...defined.definitions.values()];
      for (const script of scripts) if ('error' in script) problems.push(script.error);
      byKind.set(kindKey(groupKind.group, groupKind.kind), defined);
    } catch (error) {
      problems.push(`${shown(key)}: ${(error as Error).message}`);
    }
  }
  return { byKind, problems };
}

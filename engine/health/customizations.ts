// Custom health checks in Lua, found the way Argo CD finds them: scripts from settings
// keyed `<group>/<kind>` (`*` wildcards allowed), then a `resource_customizations`-style
// directory of `<group>/<kind>/health.lua` (core kinds: `<kind>/health.lua`) where `_` in a
// folder name is a wildcard. Exact keys win over wildcards; settings win over the directory.
// Scripts are read and compiled once, when the customizations are made.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { groupKindKey } from './object.ts';
import { compileScript, DEFAULT_TIMEOUT_MS, type CompiledScript } from './lua/sandbox.ts';

export const HEALTH_SCRIPT_FILE = 'health.lua';

/** A script from settings; a bare string is a script with Argo CD's default (no open libraries). */
export type HealthScriptSetting = string | { script: string; useOpenLibs?: boolean };

export interface HealthCustomizationOptions {
  /** Scripts keyed `<group>/<kind>`, or `<kind>` for the core group; `*` and `?` are wildcards. */
  settings?: Record<string, HealthScriptSetting>;
  /** How long one script may run; Argo CD's limit, one second, by default. */
  timeoutMs?: number;
}

/** A script that could not be read or compiled; objects it would judge become Unknown. */
export interface HealthCustomizationProblem {
  /** The settings key, or the script's path in the directory. */
  source: string;
  message: string;
}

/** One script, compiled, or the reason it cannot run. */
export type HealthScript = { key: string; script: CompiledScript } | { key: string; error: string };

interface Entry {
  pattern: RegExp | undefined;
  script: HealthScript;
}

/** Argo CD's glob: `*` any characters (`/` included), `?` one. */
function globPattern(key: string): RegExp | undefined {
  if (!/[*?]/.test(key)) return undefined;
  const body = [...key]
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${body}$`);
}

function compile(key: string, name: string, source: string, openLibs: boolean): HealthScript {
  const result = compileScript(name, source, openLibs);
  return 'error' in result ? { key, error: result.error } : { key, script: result.script };
}

/** Exact keys first, then wildcards in the order given. */
function find(entries: ReadonlyMap<string, Entry>, key: string): HealthScript | undefined {
  const exact = entries.get(key);
  if (exact && !exact.pattern) return exact.script;
  for (const entry of entries.values()) if (entry.pattern?.test(key)) return entry.script;
  return undefined;
}

export class HealthCustomizations {
  readonly problems: readonly HealthCustomizationProblem[];
  readonly timeoutMs: number;
  private readonly found = new Map<string, HealthScript | null>();

  /** Use {@link loadHealthCustomizations} or {@link healthCustomizationsFromSettings}. */
  constructor(
    private readonly settings: ReadonlyMap<string, Entry>,
    private readonly directory: ReadonlyMap<string, Entry>,
    problems: HealthCustomizationProblem[],
    timeoutMs: number,
  ) {
    this.problems = problems;
    this.timeoutMs = timeoutMs;
  }

  /** The script that judges objects of a group and kind, if any. */
  scriptFor(group: string, kind: string): HealthScript | undefined {
    const key = groupKindKey(group, kind);
    let script = this.found.get(key);
    if (script === undefined) {
      script = find(this.settings, key) ?? find(this.directory, key) ?? null;
      this.found.set(key, script);
    }
    return script ?? undefined;
  }
}

function settingsEntries(
  settings: Record<string, HealthScriptSetting>,
  problems: HealthCustomizationProblem[],
): Map<string, Entry> {
  const entries = new Map<string, Entry>();
  for (const key of Object.keys(settings).sort()) {
    const setting = settings[key]!;
    const { script, useOpenLibs = false } = typeof setting === 'string' ? { script: setting } : setting;
    const compiled = compile(key, `settings ${key}`, script, useOpenLibs);
    if ('error' in compiled) problems.push({ source: key, message: compiled.error });
    entries.set(key, { pattern: globPattern(key), script: compiled });
  }
  return entries;
}

export function healthCustomizationsFromSettings(
  settings: Record<string, HealthScriptSetting>,
  options: Omit<HealthCustomizationOptions, 'settings'> = {},
): HealthCustomizations {
  const problems: HealthCustomizationProblem[] = [];
  const entries = settingsEntries(settings, problems);
  return new HealthCustomizations(entries, new Map(), problems, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
}

async function subdirectories(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names: string[] = [];
  for (const entry of entries) {
    const isDir =
      entry.isDirectory() || (entry.isSymbolicLink() && (await stat(join(dir, entry.name))).isDirectory());
    if (isDir && !entry.name.startsWith('.')) names.push(entry.name);
  }
  return names.sort();
}

async function readScript(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Reads a customizations directory once and compiles its scripts. Rejects only when the
 * directory itself cannot be read; a script that cannot be read or compiled is a problem.
 */
export async function loadHealthCustomizations(
  dir: string,
  options: HealthCustomizationOptions = {},
): Promise<HealthCustomizations> {
  const problems: HealthCustomizationProblem[] = [];
  const settings = settingsEntries(options.settings ?? {}, problems);
  const directory = new Map<string, Entry>();
  let groups: string[];
  try {
    groups = await subdirectories(dir);
  } catch (error) {
    throw new Error(`read health customizations ${dir}: ${(error as Error).message}`, { cause: error });
  }
  // `<kind>/health.lua` for the core group, `<group>/<kind>/health.lua` for the others.
  const candidates: Array<[key: string, relative: string]> = [];
  for (const group of groups) {
    candidates.push([group, `${group}/${HEALTH_SCRIPT_FILE}`]);
    for (const kind of await subdirectories(join(dir, group)).catch(() => [])) {
      candidates.push([`${group}/${kind}`, `${group}/${kind}/${HEALTH_SCRIPT_FILE}`]);
    }
  }
  for (const [key, relative] of candidates) {
    let source: string | undefined;
    try {
      source = await readScript(join(dir, relative));
    } catch (error) {
      problems.push({ source: relative, message: `read ${relative}: ${(error as Error).message}` });
      continue;
    }
    if (source === undefined) continue;
    const script = compile(key, relative, source, true);
    if ('error' in script) problems.push({ source: relative, message: script.error });
    directory.set(key, { pattern: globPattern(key.replaceAll('_', '*')), script });
  }
  return new HealthCustomizations(settings, directory, problems, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
}

// Runs one command of a config management plugin (init, generate or a discovery's find) the way
// every tool runs (engine/tools/run.ts): the plugin's own argument list, no shell unless the
// plugin's command is one, the environment Argo CD gives plugins on top of the clean one (PATH,
// HOME, locale, proxies; TMPDIR the copy's own), the render's time, output and memory limits. A
// failure names the plugin, the phase and what the command printed on stderr, trimmed and
// scrubbed of credentials and of the copy's paths.
import { ToolArgs } from '../../tools/args.ts';
import { runTool, ToolError, type ToolRunOptions } from '../../tools/run.ts';
import { scrub } from '../../git/scrub.ts';
import { RenderError, describeError } from '../errors.ts';
import type { ToolLimits } from '../types.ts';
import type { ConfigManagementPlugin, PluginCommand } from './definition.ts';
import type { WorkCopy } from './workCopy.ts';

export type PluginPhase = 'init' | 'generate' | 'discover';

/** What of a command's stderr a condition shows: its start says what went wrong. */
const MAX_MESSAGE_CHARS = 4000;

export interface PluginRunContext {
  env: Record<string, string>;
  limits: ToolLimits;
  /** PATH the plugin's programs are searched on; the process's when not set. */
  pathEnv?: string;
  signal?: AbortSignal;
}

function trimmed(text: string): string {
  const clean = text.trim();
  return clean.length > MAX_MESSAGE_CHARS ? `${clean.slice(0, MAX_MESSAGE_CHARS)}…` : clean;
}

/** The command's own words: a limit it met, else its stderr with the exit code. */
function failureText(error: unknown, copy: WorkCopy): string {
  if (!(error instanceof ToolError)) return scrub(copy.scrub(describeError(error)));
  if (error.limit) return error.stderr ? `${error.message}\n${error.stderr}` : error.message;
  if (error.stderr && error.exitCode !== undefined) return `${error.stderr} (exit code ${error.exitCode})`;
  return error.message;
}

/** Runs `command` in the copy's application folder; its stdout. */
export async function runPluginCommand(
  plugin: ConfigManagementPlugin,
  phase: PluginPhase,
  command: PluginCommand,
  copy: WorkCopy,
  context: PluginRunContext,
): Promise<string> {
  const [program, ...words] = command.argv as [string, ...string[]];
  const options: ToolRunOptions = {
    cwd: copy.appDir,
    env: {
      ...(context.pathEnv === undefined ? {} : { PATH: context.pathEnv }),
      TMPDIR: copy.tmpDir,
      TMP: copy.tmpDir,
      TEMP: copy.tmpDir,
      ...context.env,
    },
    ...context.limits,
    ...(context.signal ? { signal: context.signal } : {}),
    scrub: (text) => scrub(copy.scrub(text)),
  };
  try {
    return (await runTool(program, new ToolArgs(...words), options)).stdout;
  } catch (error) {
    throw new RenderError(
      `config management plugin ${plugin.fullName}: ${phase} failed: ${trimmed(failureText(error, copy))}`,
      {
        tool: `plugin ${plugin.fullName}`,
        cause: error,
      },
    );
  }
}

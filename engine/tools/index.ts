// External tools used by the engine: finding them, running them, knowing their versions.
export { resolveTool, ToolNotFoundError } from './resolve.ts';
export type { ResolvedTool, ResolveToolOptions, ToolName, ToolOrigin } from './resolve.ts';
export { bundledToolPath } from './bundled.ts';
export { runTool, toolInvocations, ToolError, DEFAULT_TOOL_LIMITS } from './run.ts';
export type { ToolLimit, ToolOutput, ToolRunOptions } from './run.ts';
export { ToolArgs, ToolArgumentError, argumentProblem, checkArgument } from './args.ts';
export { toolVersion } from './versions.ts';

// External tools used by the engine: finding them, running them, knowing their versions.
export { resolveTool, ToolNotFoundError } from './resolve.ts';
export type { ResolvedTool, ResolveToolOptions, ToolName, ToolOrigin } from './resolve.ts';
export { bundledToolPath } from './bundled.ts';
export { runTool, toolInvocations, ToolError } from './run.ts';
export type { ToolOutput, ToolRunOptions } from './run.ts';
export { toolVersion } from './versions.ts';

// The version of a resolved tool, part of every render cache key: a new helm may render the same
// chart differently. Asked once per binary (path, size and modification time) per process.
import { stat } from 'node:fs/promises';
import { ToolArgs } from './args.ts';
import { runTool } from './run.ts';
import type { ResolvedTool } from './resolve.ts';

const known = new Map<string, Promise<string>>();

export async function toolVersion(tool: ResolvedTool): Promise<string> {
  const info = await stat(tool.path);
  const identity = `${tool.path}\0${info.size}\0${info.mtimeMs}`;
  let version = known.get(identity);
  if (!version) {
    version = askVersion(tool);
    known.set(identity, version);
    version.catch(() => known.delete(identity));
  }
  return version;
}

async function askVersion(tool: ResolvedTool): Promise<string> {
  switch (tool.name) {
    case 'helm':
      return (
        await runTool(tool.path, new ToolArgs('version').flag('--short'), { timeoutMs: 30_000 })
      ).stdout.trim();
    case 'kustomize':
      return (await runTool(tool.path, new ToolArgs('version'), { timeoutMs: 30_000 })).stdout.trim();
    case 'kubectl': {
      const { stdout } = await runTool(
        tool.path,
        new ToolArgs('version').flag('--client').flag('--output=json'),
        {
          timeoutMs: 30_000,
        },
      );
      const parsed = JSON.parse(stdout) as {
        clientVersion?: { gitVersion?: string };
        kustomizeVersion?: string;
      };
      return `${parsed.clientVersion?.gitVersion ?? 'unknown'} kustomize ${parsed.kustomizeVersion ?? 'unknown'}`;
    }
  }
}

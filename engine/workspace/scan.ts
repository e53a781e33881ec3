// Finds the YAML files of a workspace: any depth, `*.yaml` / `*.yml`. Hidden entries (`.git`,
// editors' temp files, our own temp files) and symbolic links are skipped, so a scan never
// leaves the folder or loops.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { WorkspaceCondition } from './types.ts';

export function isYamlFile(name: string): boolean {
  return /\.ya?ml$/i.test(name);
}

export function isHiddenPath(relativePath: string): boolean {
  return relativePath.split(/[\\/]/).some((part) => part.startsWith('.') && part !== '.');
}

export interface YamlFileList {
  /** Relative, `/`-separated, sorted. */
  files: string[];
  problems: WorkspaceCondition[];
}

export async function listYamlFiles(dir: string): Promise<YamlFileList> {
  const result: YamlFileList = { files: [], problems: [] };
  await collect(dir, '', result);
  result.files.sort();
  return result;
}

async function collect(root: string, relative: string, into: YamlFileList): Promise<void> {
  let entries;
  try {
    entries = await readdir(join(root, relative), { withFileTypes: true });
  } catch (error) {
    into.problems.push({
      type: 'ReadError',
      message: `cannot read folder: ${(error as Error).message}`,
      file: relative || '.',
    });
    return;
  }
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = relative ? `${relative}/${entry.name}` : entry.name;
    if (entry.isDirectory()) await collect(root, path, into);
    else if (entry.isFile() && isYamlFile(entry.name)) into.files.push(path);
  }
}

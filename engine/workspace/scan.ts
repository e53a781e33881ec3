// Finds the YAML files of a workspace: any depth, `*.yaml` / `*.yml`. Hidden entries (`.git`,
// editors' temp files, our own temp files) and symbolic links are skipped, so a scan never
// leaves the folder or loops. A `*.yaml` that is not a regular file (a FIFO, a socket, a device)
// is never opened: it is reported, so it does not vanish without a word.
import { readdir, realpath } from 'node:fs/promises';
import { join } from 'node:path';
import { isPseudoFilePath } from '../files/regularFile.ts';
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
  const real = await realpath(dir).catch(() => dir);
  if (isPseudoFilePath(real)) {
    result.problems.push({
      type: 'ReadError',
      message: `the workspace folder ${dir} is in a kernel pseudo file system (${real}); choose a folder on disk`,
      file: '.',
    });
    return result;
  }
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
    else if (!entry.isSymbolicLink() && isYamlFile(entry.name)) {
      into.problems.push({
        type: 'ReadError',
        message: `cannot read file: ${kindOfEntry(entry)}, not a regular file`,
        file: path,
      });
    }
  }
}

function kindOfEntry(entry: { isFIFO(): boolean; isSocket(): boolean }): string {
  if (entry.isFIFO()) return 'a FIFO (named pipe)';
  if (entry.isSocket()) return 'a socket';
  return 'a device';
}

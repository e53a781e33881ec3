// Loads a workspace folder: every Application, AppProject and ApplicationSet in its YAML files,
// with a condition for each thing wrong. Never throws for bad content; a bad file or definition
// never hides the good ones. Files are read by the safe YAML loader (regular files only, sizes
// checked before reading) a few at a time, so a folder of large files never sits in memory at once.
import { join, resolve } from 'node:path';
import { activeYamlLimits, readYamlFile, YamlError, type YamlLimits } from '../yaml/index.ts';
import { crossCheck } from './cross-checks.ts';
import { emptyDefinitions, readDefinitions, yamlProblem, type Definitions } from './read-definitions.ts';
import { listYamlFiles } from './scan.ts';
import type { Workspace } from './types.ts';

/** Files read and parsed at once: enough to overlap disk and CPU, few enough to bound memory. */
const FILES_AT_ONCE = 4;

export async function loadWorkspace(
  dir: string,
  limits: YamlLimits = activeYamlLimits(),
): Promise<Workspace> {
  const root = resolve(dir);
  const { files, problems } = await listYamlFiles(root);
  const found = emptyDefinitions();
  found.problems.push(...problems);
  const perFile: Definitions[] = new Array<Definitions>(files.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < files.length) {
      const index = next++;
      perFile[index] = await readFileDefinitions(root, files[index]!, limits);
    }
  };
  await Promise.all(Array.from({ length: Math.min(FILES_AT_ONCE, files.length) }, worker));
  // Merged in file order, whatever order the reads finished in.
  for (const definitions of perFile) merge(found, definitions);
  return crossCheck(root, found);
}

async function readFileDefinitions(root: string, file: string, limits: YamlLimits): Promise<Definitions> {
  let text: string;
  try {
    text = await readYamlFile(join(root, file), { limits, what: 'workspace file', name: file });
  } catch (error) {
    const definitions = emptyDefinitions();
    const problem =
      error instanceof YamlError
        ? yamlProblem(file, error)
        : { type: 'ReadError' as const, message: `cannot read file: ${(error as Error).message}`, file };
    definitions.problems.push(problem);
    return definitions;
  }
  return readDefinitions(file, text, limits);
}

function merge(into: Definitions, from: Definitions): void {
  into.applications.push(...from.applications);
  into.projects.push(...from.projects);
  into.applicationSets.push(...from.applicationSets);
  into.problems.push(...from.problems);
  for (const [definition, lineOfField] of from.lineOfField) into.lineOfField.set(definition, lineOfField);
}

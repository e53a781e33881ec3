// Loads a workspace folder: every Application, AppProject and ApplicationSet in its YAML files,
// with a condition for each thing wrong. Never throws for bad content; a bad file or definition
// never hides the good ones.
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { crossCheck } from './cross-checks.ts';
import { emptyDefinitions, readDefinitions, type Definitions } from './read-definitions.ts';
import { listYamlFiles } from './scan.ts';
import type { Workspace } from './types.ts';

export async function loadWorkspace(dir: string): Promise<Workspace> {
  const root = resolve(dir);
  const { files, problems } = await listYamlFiles(root);
  const found = emptyDefinitions();
  found.problems.push(...problems);
  const contents = await Promise.all(files.map((file) => readText(root, file)));
  files.forEach((file, i) => {
    const text = contents[i];
    if (typeof text === 'string') merge(found, readDefinitions(file, text));
    else found.problems.push({ type: 'ReadError', message: `cannot read file: ${text?.message}`, file });
  });
  return crossCheck(root, found);
}

async function readText(root: string, file: string): Promise<string | Error> {
  try {
    return await readFile(join(root, file), 'utf8');
  } catch (error) {
    return error as Error;
  }
}

function merge(into: Definitions, from: Definitions): void {
  into.applications.push(...from.applications);
  into.projects.push(...from.projects);
  into.applicationSets.push(...from.applicationSets);
  into.problems.push(...from.problems);
  for (const [definition, lineOfField] of from.lineOfField) into.lineOfField.set(definition, lineOfField);
}

// `plumbline health [--customizations DIR] FILE...`: the health of the Kubernetes objects in
// YAML files, judged as Argo CD would judge them live, one JSON line per object. A file that
// cannot be read or parsed is reported on stderr and makes the exit code 1; the others
// are still judged.
import { Command } from 'commander';
import { documentValue, parseYamlDocuments, readYamlFile } from '../../../engine/yaml/index.ts';
import {
  healthOfEach,
  loadHealthCustomizations,
  type HealthResult,
  type HealthCustomizations,
  type KubeObject,
} from '../../../engine/health/index.ts';

export interface HealthLine {
  file: string;
  kind: string | null;
  name: string | null;
  status: string | null;
  message: string | null;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The objects of a YAML file: every document, and the items of a `kind: List`. */
export function objectsOfYaml(text: string, source = 'YAML text'): KubeObject[] {
  const objects: KubeObject[] = [];
  // The safe loader: limits on size, nesting, documents and aliases; YamlError names the limit.
  const parsed = parseYamlDocuments(text, { source });
  for (const [i, document] of parsed.documents.entries()) {
    const [error] = document.errors;
    // yaml's message ends with a code frame; its first line says what and where.
    if (error) throw new Error(`document ${i + 1}: ${error.message.split('\n')[0]!.replace(/:$/, '')}`);
    const value: unknown = documentValue(parsed, i, { source });
    if (value === null || value === undefined) continue;
    if (!isObject(value)) throw new Error(`document ${i + 1} is not a Kubernetes object`);
    if (value.kind === 'List' && Array.isArray(value.items)) {
      for (const [j, item] of value.items.entries()) {
        if (!isObject(item)) throw new Error(`document ${i + 1}, item ${j + 1} is not a Kubernetes object`);
        objects.push(item);
      }
    } else objects.push(value);
  }
  return objects;
}

export function healthLine(file: string, obj: KubeObject, result: HealthResult | null): HealthLine {
  return {
    file,
    kind: typeof obj.kind === 'string' ? obj.kind : null,
    name: typeof obj.metadata?.name === 'string' ? obj.metadata.name : null,
    status: result?.status ?? null,
    message: result?.message ?? null,
  };
}

export function healthCommand(): Command {
  const command: Command = new Command('health')
    .description('judge the health of the Kubernetes objects in YAML files, as Argo CD would')
    .argument('<file...>', 'YAML files: one or more documents, or a kind: List')
    .option(
      '--customizations <dir>',
      'Lua health checks laid out as resource_customizations/<group>/<kind>/health.lua',
    )
    .action(async (files: string[], options: { customizations?: string }) => {
      let customizations: HealthCustomizations | undefined;
      if (options.customizations !== undefined) {
        try {
          customizations = await loadHealthCustomizations(options.customizations);
        } catch (error) {
          command.error(`plumbline health: ${(error as Error).message}`);
        }
        for (const problem of customizations.problems) {
          process.stderr.write(`plumbline health: warning: ${problem.source}: ${problem.message}\n`);
        }
      }
      for (const file of files) {
        let objects: KubeObject[];
        try {
          objects = objectsOfYaml(await readYamlFile(file), file);
        } catch (error) {
          process.stderr.write(`plumbline health: ${file}: ${(error as Error).message}\n`);
          process.exitCode = 1;
          continue;
        }
        const results = await healthOfEach(objects, customizations);
        for (const [i, obj] of objects.entries())
          process.stdout.write(`${JSON.stringify(healthLine(file, obj, results[i] ?? null))}\n`);
      }
    });
  return command;
}

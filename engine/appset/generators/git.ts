// The git generator, directories and files, over a checkout of `repoURL` at `revision`. Parameters
// follow Argo CD's default template mode: `path`, `path.basename`, `path.basenameNormalized`,
// `path[N]` (and for files `path.filename`, `path.filenameNormalized` and the file's keys
// flattened with dots), all under `PREFIX.` when pathParamPrefix is set, then `values.*`.
import { join, posix } from 'node:path';
import { activeYamlLimits, parseYamlValue, readYamlFile } from '../../yaml/index.ts';
import { GeneratorError } from '../errors.ts';
import { flatten, goValueString, isRecord, sanitizeName, type Params } from '../params.ts';
import { checkPattern, listDirectories, matchesDirectory, matchFiles } from './gitTree.ts';
import { addValues, type GeneratorRun } from './run.ts';

interface PathItem {
  path: string;
  exclude: boolean;
}

function pathItems(value: unknown, what: string): PathItem[] {
  if (!Array.isArray(value)) throw new GeneratorError(`${what} is not a list`);
  return value.map((item, index) => {
    if (!isRecord(item) || typeof item.path !== 'string')
      throw new GeneratorError(`${what}[${index}] has no path`);
    checkPattern(item.path, `${what}[${index}].path`);
    return { path: item.path, exclude: item.exclude === true };
  });
}

/** Argo CD's path parameters: flat `path`, `path.basename`… keys, or a `path` map for goTemplate. */
function pathParams(
  params: Params,
  dirPath: string,
  prefix: string,
  goTemplate: boolean,
  file?: string,
): void {
  const basename = posix.basename(dirPath) || dirPath;
  const fields: Record<string, string> = { basename, basenameNormalized: sanitizeName(basename) };
  if (file !== undefined) {
    fields.filename = posix.basename(file);
    fields.filenameNormalized = sanitizeName(posix.basename(file));
  }
  if (goTemplate) {
    const path = { path: dirPath, ...fields, segments: dirPath.split('/') };
    if (prefix === '') params.path = path;
    else params[prefix] = { path };
    return;
  }
  const name = prefix === '' ? 'path' : `${prefix}.path`;
  params[name] = dirPath;
  for (const [field, value] of Object.entries(fields)) params[`${name}.${field}`] = value;
  dirPath.split('/').forEach((segment, index) => {
    if (segment !== '') params[`${name}[${index}]`] = segment;
  });
}

function directoryParams(dirs: string[], items: PathItem[], prefix: string, goTemplate: boolean): Params[] {
  const chosen = dirs.filter((dir) => {
    const matching = items.filter((item) => matchesDirectory(item.path, dir));
    return matching.some((item) => !item.exclude) && !matching.some((item) => item.exclude);
  });
  return chosen.map((dir) => {
    const params: Params = {};
    pathParams(params, dir, prefix, goTemplate);
    return params;
  });
}

async function fileObjects(root: string, file: string): Promise<Record<string, unknown>[]> {
  const limits = activeYamlLimits();
  const text = await readYamlFile(join(root, file), { limits, what: 'git generator file', name: file });
  const value = parseYamlValue(text, { source: file, limits, merge: true }) ?? {};
  if (isRecord(value)) return [value];
  if (Array.isArray(value) && value.every(isRecord)) return value;
  throw new GeneratorError(`unable to process file '${file}': it holds neither a map nor a list of maps`);
}

function fileParams(
  object: Record<string, unknown>,
  file: string,
  prefix: string,
  goTemplate: boolean,
): Params {
  const params: Params = goTemplate ? { ...object } : {};
  if (!goTemplate)
    for (const [key, value] of Object.entries(flatten(object))) params[key] = goValueString(value);
  pathParams(params, posix.dirname(file), prefix, goTemplate, file);
  return params;
}

export async function gitParams(spec: Record<string, unknown>, run: GeneratorRun): Promise<Params[]> {
  if (typeof spec.repoURL !== 'string' || spec.repoURL === '')
    throw new GeneratorError('git.repoURL is missing');
  const revision = typeof spec.revision === 'string' ? spec.revision : '';
  const prefix = typeof spec.pathParamPrefix === 'string' ? spec.pathParamPrefix : '';
  const hasDirectories = spec.directories !== undefined && spec.directories !== null;
  const hasFiles = spec.files !== undefined && spec.files !== null;
  if (hasDirectories === hasFiles)
    throw new GeneratorError('git generator needs exactly one of directories and files');
  const items = pathItems(
    hasDirectories ? spec.directories : spec.files,
    hasDirectories ? 'git.directories' : 'git.files',
  );
  let root: string;
  try {
    root = await run.repositories.checkout(spec.repoURL, revision);
  } catch (error) {
    throw new GeneratorError(
      `cannot read ${spec.repoURL} at ${revision || 'HEAD'}: ${(error as Error).message}`,
    );
  }
  const max = run.limits.maxGitEntries;
  if (hasDirectories) {
    const params = directoryParams(await listDirectories(root, max), items, prefix, run.goTemplate);
    run.checkCount(params.length, 'git directories');
    return addValues(params, spec.values, run);
  }
  const files = new Set<string>();
  for (const item of items.filter((entry) => !entry.exclude))
    for (const file of await matchFiles(root, item.path, max)) files.add(file);
  for (const item of items.filter((entry) => entry.exclude))
    for (const file of await matchFiles(root, item.path, max)) files.delete(file);
  const params: Params[] = [];
  for (const file of [...files].sort()) {
    for (const object of await fileObjects(root, file)) {
      params.push(fileParams(object, file, prefix, run.goTemplate));
      run.checkCount(params.length, 'parameter sets from git files');
    }
  }
  return addValues(params, spec.values, run);
}

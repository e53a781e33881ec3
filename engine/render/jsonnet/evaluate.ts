// The jsonnet files of a directory source, evaluated as Argo CD's repo server does
// (findManifests, makeJsonnetVM): `directory.jsonnet.extVars` and `tlas` bound as strings, or as
// jsonnet code when `code` is true, each value first given Argo CD's `${ARGOCD_APP_*}`
// substitution; library paths are the application folder and then `libs` (relative to the
// repository root, a leading `/` meaning the root too, never outside it). A file's output must be
// one object or an array of objects; objects of kind `*List` are flattened as for YAML.
import { relative, resolve, sep } from 'node:path';
import { argoEnvsubst } from '../envsubst.ts';
import { RenderError } from '../errors.ts';
import { ManifestError, flattenLists, parseJsonDocument } from '../manifests.ts';
import { resolveRepoFile } from '../paths.ts';
import type { DirectorySourceOptions, KubeObject } from '../types.ts';
import { activeYamlLimits, checkValueDepth, YamlError } from '../../yaml/index.ts';
import { JsonnetRunError, runJsonnet, type JsonnetVariable } from './run.ts';

export interface JsonnetContext {
  /** Argo CD's build environment (ARGOCD_APP_NAME, ...) substituted into ext vars and TLAs. */
  buildEnv: Record<string, string>;
  timeoutMs: number;
  maxMemoryBytes: number;
  maxOutputBytes: number;
  /** A folder for the evaluator's output while it runs. */
  tmpDir: string;
  signal?: AbortSignal;
}

/** Longest ext var or TLA value accepted (a value is handed to the evaluator whole). */
const MAX_VARIABLE_BYTES = 1024 * 1024;

function variablesOf(
  list: unknown[] | undefined,
  what: string,
  env: Record<string, string>,
): JsonnetVariable[] {
  return (list ?? []).map((entry, index) => {
    const item = (entry ?? {}) as { name?: unknown; value?: unknown; code?: unknown };
    if (typeof item.name !== 'string' || item.name === '') {
      throw new RenderError(`directory.jsonnet.${what}[${index}] needs a name`);
    }
    if (item.value !== undefined && typeof item.value !== 'string') {
      throw new RenderError(
        `directory.jsonnet.${what} ${JSON.stringify(item.name)}: the value must be a string`,
      );
    }
    const value = argoEnvsubst(item.value ?? '', env);
    if (Buffer.byteLength(value) > MAX_VARIABLE_BYTES || item.name.length > 1024) {
      throw new RenderError(
        `directory.jsonnet.${what} ${JSON.stringify(item.name.slice(0, 80))} is over the limit of 1 MB`,
      );
    }
    return { name: item.name, value, code: item.code === true };
  });
}

/** A folder as the evaluator names it: relative to the repository root, `/`-separated, `.` for the root. */
function repoRelative(root: string, path: string): string {
  const rel = relative(resolve(root), path);
  return rel === '' ? '.' : rel.split(sep).join('/');
}

async function libraryPaths(repoRoot: string, appDir: string, libs: string[] | undefined): Promise<string[]> {
  const paths = [repoRelative(repoRoot, appDir)];
  for (const lib of libs ?? []) {
    if (typeof lib !== 'string') throw new RenderError('directory.jsonnet.libs must be a list of paths');
    // Relative to the repository root, as Argo CD resolves them (a leading `/` means the root).
    const { path } = await resolveRepoFile(repoRoot, repoRoot, lib, 'jsonnet library path');
    paths.push(repoRelative(repoRoot, path));
  }
  return paths;
}

/** Objects of one file's output: an object, or an array of objects, each a Kubernetes object. */
function objectsOf(output: unknown, file: string): KubeObject[] {
  const documents = Array.isArray(output) ? output : [output];
  try {
    // Checked before anything walks the value (an array is one level more).
    checkValueDepth(output, activeYamlLimits().depth + 1, `jsonnet output of ${file}`);
    return flattenLists(documents.flatMap((document) => parseJsonDocument(JSON.stringify(document), file)));
  } catch (error) {
    if (error instanceof YamlError) throw new RenderError(error.message, { file, tool: 'jsonnet' });
    if (!(error instanceof ManifestError)) throw error;
    const shape = Array.isArray(output) ? 'an array element' : 'the output';
    throw new RenderError(
      `Failed to unmarshal generated json ${JSON.stringify(file)}: ${shape}: ${error.message}`,
      {
        file,
      },
    );
  }
}

/** Each evaluated file's objects by its path, and the first file that failed, if one did. */
export interface JsonnetOutcome {
  objects: Map<string, KubeObject[]>;
  failure?: { path: string; error: RenderError };
}

/**
 * Evaluates `files` (absolute paths of .jsonnet files under the repository, in Argo CD's order).
 * The evaluation stops at the first file that fails; its error names the file. The caller
 * reports it when its walk reaches that file, as Argo CD reports the first failing file.
 */
export async function evaluateJsonnetFiles(
  repoRoot: string,
  appDir: string,
  files: string[],
  options: DirectorySourceOptions,
  context: JsonnetContext,
): Promise<JsonnetOutcome> {
  const outcome: JsonnetOutcome = { objects: new Map() };
  if (files.length === 0) return outcome;
  const jsonnet = options.jsonnet ?? {};
  const byRelative = new Map(files.map((path) => [repoRelative(repoRoot, path), path]));
  const request = {
    files: [...byRelative.keys()],
    jpaths: await libraryPaths(repoRoot, appDir, jsonnet.libs),
    extVars: variablesOf(jsonnet.extVars, 'extVars', context.buildEnv),
    tlas: variablesOf(jsonnet.tlas, 'tlas', context.buildEnv),
    maxOutputBytes: context.maxOutputBytes,
    maxImportBytes: context.maxOutputBytes,
    maxImportTotalBytes: context.maxOutputBytes * 4,
  };
  let reply;
  try {
    reply = await runJsonnet(
      resolve(repoRoot),
      request,
      {
        timeoutMs: context.timeoutMs,
        maxMemoryBytes: context.maxMemoryBytes,
        // the outputs, the JSON around them and an error message
        maxReplyBytes: context.maxOutputBytes + 1024 * 1024,
      },
      context.tmpDir,
      context.signal,
    );
  } catch (error) {
    if (!(error instanceof JsonnetRunError)) throw error;
    const names = request.files.map((file) => JSON.stringify(file)).join(', ');
    throw new RenderError(`Failed to evaluate jsonnet ${names}: ${error.message}`, {
      ...(request.files.length === 1 ? { file: request.files[0] } : {}),
      tool: 'jsonnet',
    });
  }
  for (const { file, output } of reply.results) {
    outcome.objects.set(byRelative.get(file) ?? file, objectsOf(output, file));
  }
  if (reply.error !== undefined) {
    const file = reply.file ?? '';
    const error = new RenderError(
      `Failed to evaluate jsonnet ${JSON.stringify(file)}: ${reply.error.trim()}`,
      {
        file,
        tool: 'jsonnet',
      },
    );
    outcome.failure = { path: byRelative.get(file) ?? file, error };
  }
  return outcome;
}

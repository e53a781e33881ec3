// Renders a plain-directory source as Argo CD does: the folder's .yaml, .yml, .json and .jsonnet
// files (sub-folders too with `recurse`), filtered by `include` / `exclude`, each parsed (or, for
// jsonnet, evaluated: jsonnet/evaluate.ts) into objects, in the walk's order. A .libsonnet file is
// only ever imported.
import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { RenderError } from './errors.ts';
import { matchesArgoGlob } from './glob.ts';
import { ManifestError, parseJsonDocument, parseYamlStream } from './manifests.ts';
import { evaluateJsonnetFiles, type JsonnetContext } from './jsonnet/evaluate.ts';
import { RENDER_SETTING_DEFAULTS } from './limits.ts';
import { isInside } from './paths.ts';
import { DEFAULT_TOOL_LIMITS } from '../tools/run.ts';
import { activeYamlLimits, readYamlFile, YamlError } from '../yaml/index.ts';
import type { DirectorySourceOptions, KubeObject } from './types.ts';

const MANIFEST_FILE = /\.(yaml|yml|json|jsonnet)$/;
// A file carrying this marker is left out, as Argo CD does.
const SKIP_MARKER = '+argocd:skip-file-rendering';
const RENDER_OUTPUT_DEFAULT_BYTES = RENDER_SETTING_DEFAULTS.maxOutputMegabytes * 1024 * 1024;

/** Manifest files under appDir in Argo CD's walk order (lexical, depth first). */
async function manifestFiles(appDir: string, recurse: boolean): Promise<string[]> {
  const files: string[] = [];
  async function walk(dir: string): Promise<void> {
    const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const entry of entries) {
      const path = join(dir, entry.name);
      // Hidden folders (.git, .github) are not part of an application.
      if (entry.isDirectory()) {
        if (recurse && !entry.name.startsWith('.')) await walk(path);
      } else if (MANIFEST_FILE.test(entry.name)) {
        files.push(path);
      }
    }
  }
  await walk(appDir);
  return files;
}

function looksLikeManifest(text: string): boolean {
  return text.includes('apiVersion:') && text.includes('kind:') && text.includes('metadata:');
}

async function readManifestFile(path: string, repoRoot: string, file: string): Promise<string | undefined> {
  if ((await lstat(path)).isSymbolicLink()) {
    const real = await realpath(path).catch(() => undefined);
    // A dangling link is skipped, as Argo CD does; one that leaves the repository is refused.
    if (real === undefined) return undefined;
    if (!isInside(await realpath(repoRoot), real)) {
      throw new RenderError(`illegal symlink ${file}: it points outside the repository`, { file });
    }
    if (!(await stat(real)).isFile()) return undefined;
  }
  // Only a regular file, its size checked before reading (a FIFO in a local repository never blocks).
  try {
    return await readYamlFile(path, { what: 'manifest', name: file, limits: activeYamlLimits() });
  } catch (error) {
    if (error instanceof YamlError) throw new RenderError(error.message, { file });
    throw error;
  }
}

function parseManifestFile(text: string, file: string, warnings: string[]): KubeObject[] {
  try {
    return file.endsWith('.json')
      ? parseJsonDocument(text, file)
      : parseYamlStream(text, file, undefined, warnings);
  } catch (error) {
    if (error instanceof YamlError) throw new RenderError(error.message, { file });
    if (!(error instanceof ManifestError)) throw error;
    // Argo CD ignores a YAML file that is not a manifest at all (a values file, a config file).
    if (!file.endsWith('.json') && !looksLikeManifest(text)) return [];
    const at = error.line === undefined ? '' : ` line ${error.line}`;
    throw new RenderError(`${file}${at}: ${error.message}`, { file, cause: error });
  }
}

/** The folder's objects; a repeated mapping key (the last value kept) is a warning added to `warnings`. */
export async function renderDirectory(
  appDir: string,
  repoRoot: string,
  options: DirectorySourceOptions = {},
  maxBytes = Number.POSITIVE_INFINITY,
  warnings: string[] = [],
  jsonnet: Partial<JsonnetContext> = {},
): Promise<KubeObject[]> {
  // First every file is checked (symlinks, skip marker, the folder's size), as Argo CD does
  // before it reads any manifest; jsonnet files do not count against the size limit.
  const selected: Array<{ path: string; file: string; text?: string }> = [];
  let bytes = 0;
  for (const path of await manifestFiles(appDir, options.recurse ?? false)) {
    const relPath = relative(appDir, path);
    const file = relative(resolve(repoRoot), path);
    if (options.exclude && matchesArgoGlob(options.exclude, relPath)) continue;
    if (options.include && !matchesArgoGlob(options.include, relPath)) continue;
    const isJsonnet = path.endsWith('.jsonnet');
    // Counted before the file is read: a huge file must not be read at all.
    if (!isJsonnet) bytes += (await stat(path).catch(() => undefined))?.size ?? 0;
    if (bytes > maxBytes) {
      throw new RenderError(
        `${file}: the folder's manifests are over the limit of ${Math.round(maxBytes / 1024 / 1024)} MB (setting render.maxOutputMegabytes)`,
        { file },
      );
    }
    const text = await readManifestFile(path, repoRoot, file);
    if (text === undefined || text.includes(SKIP_MARKER)) continue;
    selected.push(isJsonnet ? { path, file } : { path, file, text });
  }
  const evaluated = await evaluateJsonnetFiles(
    repoRoot,
    appDir,
    selected.filter((entry) => entry.text === undefined).map((entry) => entry.path),
    options,
    jsonnetContext(jsonnet, maxBytes),
  );
  const objects: KubeObject[] = [];
  for (const { path, file, text } of selected) {
    if (text !== undefined) {
      objects.push(...parseManifestFile(text, file, warnings));
      continue;
    }
    if (evaluated.failure?.path === path) throw evaluated.failure.error;
    objects.push(...(evaluated.objects.get(path) ?? []));
  }
  return objects;
}

/** The evaluation's limits and environment, with the render's defaults for what the caller left out. */
function jsonnetContext(given: Partial<JsonnetContext>, maxBytes: number): JsonnetContext {
  return {
    buildEnv: given.buildEnv ?? {},
    timeoutMs: given.timeoutMs ?? DEFAULT_TOOL_LIMITS.timeoutMs,
    maxMemoryBytes: given.maxMemoryBytes ?? DEFAULT_TOOL_LIMITS.maxMemoryBytes,
    maxOutputBytes:
      given.maxOutputBytes ?? (Number.isFinite(maxBytes) ? maxBytes : RENDER_OUTPUT_DEFAULT_BYTES),
    tmpDir: given.tmpDir ?? tmpdir(),
    ...(given.signal ? { signal: given.signal } : {}),
  };
}

// Checks every values.schema.json helm would validate against — the chart's, its unpacked
// subcharts' under charts/, and those inside packaged subcharts (.tgz, nested too) — before helm
// runs: a reference that would make helm read a file outside the chart, or fetch a URL while the
// `render.allowRemoteSchemaRefs` setting is off, refuses the render and names the schema file.
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { archiveFiles } from './chart-archive.ts';
import { RenderError, describeError } from './errors.ts';
import { isInside } from './paths.ts';
import { externalReferences } from './schema-refs.ts';

const SCHEMA_FILE = 'values.schema.json';
// Packaged subcharts unpacked in memory: a chart of more than this is not a chart.
const MAX_ARCHIVE_BYTES = 256 * 1024 * 1024;
const MAX_ARCHIVE_DEPTH = 8;

interface SchemaText {
  /** Where the schema is, for the message: `charts/api/values.schema.json`, `charts/db-1.0.0.tgz:db/values.schema.json`. */
  label: string;
  text: string;
}

/** Every file of the chart folder as helm loads it: symlinks followed (each folder once). */
async function* chartFiles(dir: string): AsyncGenerator<string> {
  const pending = [dir];
  const seen = new Set<string>();
  while (pending.length > 0) {
    const current = pending.pop() as string;
    const real = await realpath(current);
    if (seen.has(real)) continue;
    seen.add(real);
    for (const entry of await readdir(current, { withFileTypes: true })) {
      const path = join(current, entry.name);
      const info = entry.isSymbolicLink() ? await stat(path).catch(() => undefined) : entry;
      if (info?.isDirectory()) pending.push(path);
      else if (info?.isFile()) yield path;
    }
  }
}

async function* archiveSchemas(content: Buffer, label: string, depth: number): AsyncGenerator<SchemaText> {
  if (depth > MAX_ARCHIVE_DEPTH) throw new Error(`${label}: packaged subcharts nested too deep`);
  for (const file of await archiveFiles(content, label, MAX_ARCHIVE_BYTES)) {
    const inner = `${label}:${file.name}`;
    if (file.name.endsWith(`/${SCHEMA_FILE}`) || file.name === SCHEMA_FILE) {
      yield { label: inner, text: file.content.toString('utf8') };
    } else if (file.name.endsWith('.tgz')) {
      yield* archiveSchemas(file.content, inner, depth + 1);
    }
  }
}

async function* schemasOf(chartDir: string, labelRoot: string): AsyncGenerator<SchemaText> {
  for await (const path of chartFiles(chartDir)) {
    const label = join(labelRoot, relative(chartDir, path));
    if (path.endsWith(`/${SCHEMA_FILE}`)) yield { label, text: await readFile(path, 'utf8') };
    else if (path.endsWith('.tgz')) yield* archiveSchemas(await readFile(path), label, 1);
  }
}

async function problemOf(
  schema: SchemaText,
  realChart: string,
  allowRemote: boolean,
): Promise<string | null> {
  let document: unknown;
  try {
    document = JSON.parse(schema.text);
  } catch (error) {
    return `${schema.label} is not valid JSON: ${describeError(error)}`;
  }
  let references;
  try {
    references = externalReferences(document);
  } catch (error) {
    return `${schema.label}: ${describeError(error)}`;
  }
  for (const { kind, reference, ...rest } of references) {
    if (kind === 'remote' && allowRemote) continue;
    if (kind === 'file') {
      const path = (rest as { path: string }).path;
      const real = await realpath(path).catch(() => path);
      if (isInside(realChart, real)) continue;
      return `${schema.label}: ${reference.written} points outside the chart (helm resolves a relative reference against the root of the file system); only references inside the document (#/...) are allowed`;
    }
    if (kind === 'remote') {
      return `${schema.label}: ${reference.written} would be fetched from the network; remote schema references are off (setting render.allowRemoteSchemaRefs)`;
    }
    return `${schema.label}: ${reference.written} can not be resolved inside the chart`;
  }
  return null;
}

/** Refuses a chart whose schemas reach outside it. `label` names the chart in messages. */
export async function assertChartSchemasSafe(
  chartDir: string,
  label: string,
  allowRemote: boolean,
): Promise<void> {
  const realChart = await realpath(chartDir);
  try {
    for await (const schema of schemasOf(chartDir, label)) {
      const problem = await problemOf(schema, realChart, allowRemote);
      if (problem)
        throw new RenderError(`render helm chart ${label}: ${problem}`, { file: schema.label, tool: 'helm' });
    }
  } catch (error) {
    if (error instanceof RenderError) throw error;
    throw new RenderError(`render helm chart ${label}: ${describeError(error)}`, {
      tool: 'helm',
      cause: error,
    });
  }
}

// `goTemplate: true`: Go's text/template with sprig, rendered by the bundled helm (which is Go's
// text/template with sprig) instead of a template engine of our own. Every distinct template
// string becomes a named template of a tiny generated chart, in a file of its own so one string
// cannot close another's definition; one `helm template` run renders every (string, parameter
// set) pair and prints each result JSON-encoded, which keeps Go's `<no value>` for a missing key
// (helm blanks it only in plain output). Argo CD's `normalize` and `slugify` are added as named
// templates (goTemplateFunctions); helm already lacks sprig's `env` and `expandenv` and answers
// `getHostByName` with nothing, as Argo CD removes them. A known difference: `missingkey=error` is
// checked on what is printed (a missing key only tested by `if` or `default` is not an error here).
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { helmEnvironment } from '../render/helm.ts';
import { runTool, ToolArgs } from '../tools/index.ts';
import { GeneratorError } from './errors.ts';
import { ARGO_FUNCTIONS_TEMPLATE, withArgoFunctions } from './goTemplateFunctions.ts';
import { isRecord, type Params } from './params.ts';

export interface GoTemplateRunner {
  /** The helm binary (engine/tools resolves it). */
  helmPath: string;
  /** Scratch and helm home folders go under it. */
  cacheDir: string;
  options: readonly string[];
}

const NO_VALUE = '<no value>';
const MAX_OUTPUT_BYTES = 16 * 1024 * 1024;
const TIMEOUT_MS = 60_000;

/** Options Argo CD passes to Go's Template.Option: only missingkey=… exists. */
function missingKeyIsError(options: readonly string[]): boolean {
  let error = false;
  for (const option of options) {
    const match = /^missingkey=(default|invalid|zero|error)$/.exec(option);
    if (!match) throw new GeneratorError(`unrecognized goTemplateOptions option ${JSON.stringify(option)}`);
    error = match[1] === 'error';
  }
  return error;
}

const OPENS_BLOCK = /^(if|range|with|define|block)\b/;

/**
 * Refuses a text with an `{{end}}` that closes more than it opened, as Go's parser does: such a
 * text would otherwise close the definition that wraps it in the generated chart.
 */
function checkBalanced(text: string): void {
  let depth = 0;
  for (const match of text.matchAll(/\{\{-?\s*([\s\S]*?)\s*-?\}\}/g)) {
    const action = match[1]!;
    if (action.startsWith('/*')) continue;
    if (OPENS_BLOCK.test(action)) depth++;
    else if (/^end$/.test(action) && --depth < 0)
      throw new GeneratorError(`failed to parse template ${text}: unexpected {{end}}`);
  }
}

const OUT_TEMPLATE =
  '{"rendered": [{{ range $i, $job := .Values.jobs }}{{ if $i }},{{ end }}' +
  '{{ include $job.t (index $.Values.params (int $job.p)) | toJson }}{{ end }}]}\n';

/** Each text rendered with each parameter set: results[p][t]. */
export async function renderGoTexts(
  texts: readonly string[],
  paramSets: readonly Params[],
  runner: GoTemplateRunner,
): Promise<string[][]> {
  if (texts.length === 0 || paramSets.length === 0) return paramSets.map(() => texts.map(() => ''));
  const failOnMissing = missingKeyIsError(runner.options);
  texts.forEach(checkBalanced);
  await mkdir(runner.cacheDir, { recursive: true });
  const chart = await mkdtemp(join(runner.cacheDir, 'appset-'));
  try {
    await mkdir(join(chart, 'templates'));
    await writeFile(join(chart, 'Chart.yaml'), 'apiVersion: v2\nname: appset\nversion: 0.1.0\n');
    await Promise.all(
      texts.map((text, index) =>
        writeFile(
          join(chart, 'templates', `_t${index}.tpl`),
          `{{define "appset.t${index}"}}${withArgoFunctions(text)}{{end}}`,
        ),
      ),
    );
    await writeFile(join(chart, 'templates', '_argocd.tpl'), ARGO_FUNCTIONS_TEMPLATE);
    await writeFile(join(chart, 'templates', 'out.yaml'), OUT_TEMPLATE);
    const jobs = paramSets.flatMap((_, p) => texts.map((__, t) => ({ t: `appset.t${t}`, p })));
    await writeFile(join(chart, 'values.json'), JSON.stringify({ params: paramSets, jobs }));
    const args = new ToolArgs('template');
    args.option('--values', join(chart, 'values.json'), 'values file');
    args.operand('appset', 'release name');
    args.operand(chart, 'chart folder');
    let stdout: string;
    try {
      ({ stdout } = await runTool(runner.helmPath, args, {
        cwd: chart,
        env: helmEnvironment(runner.cacheDir),
        maxOutputBytes: MAX_OUTPUT_BYTES,
        timeoutMs: TIMEOUT_MS,
      }));
    } catch (error) {
      throw new GeneratorError(templateError(error, texts));
    }
    const body = stdout.replace(/^---\n# Source: [^\n]*\n/, '');
    const rendered = (JSON.parse(body) as { rendered: string[] }).rendered;
    const results = paramSets.map((_, p) => texts.map((__, t) => rendered[p * texts.length + t]!));
    if (failOnMissing)
      results.forEach((row) =>
        row.forEach((out, t) => {
          if (out.includes(NO_VALUE) && !texts[t]!.includes(NO_VALUE))
            throw new GeneratorError(
              `failed to execute go template ${texts[t]}: map has no entry for a key it prints`,
            );
        }),
      );
    return results;
  } finally {
    await rm(chart, { recursive: true, force: true });
  }
}

/** helm's message with the generated file names replaced by the template text they hold. */
function templateError(error: unknown, texts: readonly string[]): string {
  const stderr = (error as { stderr?: string }).stderr || (error as Error).message;
  const message = stderr
    .replace(/^Error: /, '')
    .replace(/\n+Use --debug flag[^\n]*\n?/, '')
    .trim();
  const file = /appset\/templates\/_t(\d+)\.tpl/.exec(message);
  const text = file ? texts[Number(file[1])] : undefined;
  const shown = message.replace(/(template: )?appset\/templates\/_t\d+\.tpl(:\d+(:\d+)?)?:? ?/g, '');
  return text !== undefined ? `failed to render go template ${text}: ${shown}` : `go template: ${shown}`;
}

/** Strings and map keys of a tree that hold `{{`: the texts to render. */
export function templateTexts(tree: unknown, into = new Set<string>()): Set<string> {
  if (typeof tree === 'string') {
    if (tree.includes('{{')) into.add(tree);
  } else if (Array.isArray(tree)) tree.forEach((item) => templateTexts(item, into));
  else if (isRecord(tree))
    for (const [key, value] of Object.entries(tree)) {
      if (key.includes('{{')) into.add(key);
      templateTexts(value, into);
    }
  return into;
}

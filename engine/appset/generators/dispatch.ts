// One generator entry of a set (or of a matrix/merge): finds its kind, interpolates a matrix's second child with the first child's parameters, runs
// the generator, and applies its `selector` post-filter on the flattened parameters.
import { GeneratorError } from '../errors.ts';
import { checkParamSizes, flatStrings, isRecord, type Params } from '../params.ts';
import { labelMatcher } from '../selector.ts';
import { clusterDecisionParams } from './clusterDecision.ts';
import { clustersParams } from './clusters.ts';
import { gitParams } from './git.ts';
import { listParams } from './list.ts';
import { pluginParams } from './plugin.ts';
import { pullRequestParams } from './pullRequest.ts';
import { scmProviderParams } from './scmProvider.ts';
import type { GeneratorRun } from './run.ts';

export const SUPPORTED_KINDS = [
  'list',
  'clusters',
  'git',
  'clusterDecisionResource',
  'plugin',
  'scmProvider',
  'pullRequest',
  'matrix',
  'merge',
] as const;
const NOT_KINDS = new Set(['selector', 'template']);

/** The generator's kind: the one key that names a generator. */
export function generatorKind(generator: Record<string, unknown>): string {
  const kinds = Object.keys(generator).filter((key) => !NOT_KINDS.has(key) && generator[key] !== null);
  if (kinds.length === 0) throw new GeneratorError('the generator names no generator kind');
  if (kinds.length > 1)
    throw new GeneratorError(`the generator names more than one kind: ${kinds.join(', ')}`);
  return kinds[0]!;
}

/**
 * Parameter sets of one generator entry at nesting `depth` (0: a top-level generator); a matrix's
 * second child comes already interpolated with the first child's parameters.
 */
export async function runGenerator(
  interpolated: Record<string, unknown>,
  run: GeneratorRun,
  depth: number,
): Promise<Params[]> {
  const kind = generatorKind(interpolated);
  const spec = interpolated[kind];
  if (!(SUPPORTED_KINDS as readonly string[]).includes(kind))
    throw new GeneratorError(`${kind} is not an ApplicationSet generator`);
  if (!isRecord(spec)) throw new GeneratorError(`${kind} is not a map`);
  const params = await paramsOf(kind, spec, run, depth);
  for (const set of params) checkParamSizes(set, run.limits.maxParamChars);
  if (interpolated.selector === undefined || interpolated.selector === null) return params;
  const matches = labelMatcher(interpolated.selector, 'selector');
  return params.filter((set) => matches(flatStrings(set)));
}

async function paramsOf(
  kind: string,
  spec: Record<string, unknown>,
  run: GeneratorRun,
  depth: number,
): Promise<Params[]> {
  switch (kind) {
    case 'list':
      return listParams(spec, run);
    case 'clusters':
      return clustersParams(spec, run);
    case 'git':
      return gitParams(spec, run);
    case 'clusterDecisionResource':
      return clusterDecisionParams(spec, run);
    case 'plugin':
      return pluginParams(spec, run);
    case 'scmProvider':
      return scmProviderParams(spec, run);
    case 'pullRequest':
      return pullRequestParams(spec, run);
    case 'matrix':
      return matrixParams(children(spec, kind, run, depth), run, depth);
    default:
      return mergeParams(children(spec, kind, run, depth), spec.mergeKeys, run, depth);
  }
}

function children(
  spec: Record<string, unknown>,
  kind: string,
  run: GeneratorRun,
  depth: number,
): Record<string, unknown>[] {
  if (depth >= run.limits.maxNesting)
    throw new GeneratorError(
      `${kind} nested ${depth + 1} levels deep: at most ${run.limits.maxNesting} levels of matrix and merge are allowed`,
    );
  const generators = spec.generators;
  if (!Array.isArray(generators) || !generators.every(isRecord))
    throw new GeneratorError(`${kind}.generators is not a list of generators`);
  return generators;
}

/** Argo CD's default-mode combination: values as strings, a key in both with different values is an error. */
function combine(a: Params, b: Params): Params {
  const out: Params = {};
  for (const [key, value] of Object.entries(a)) out[key] = typeof value === 'string' ? value : String(value);
  for (const [key, value] of Object.entries(b)) {
    const text = typeof value === 'string' ? value : String(value);
    if (key in out && out[key] !== text)
      throw new GeneratorError(
        `found duplicate key ${key} with different value, a: ${String(out[key])} ,b: ${text}`,
      );
    out[key] = text;
  }
  return out;
}

/** mergo's empty values, which never override: zero numbers, "", false, null, empty lists and maps. */
const isEmptyValue = (value: unknown) =>
  value === '' ||
  value === 0 ||
  value === false ||
  value === null ||
  value === undefined ||
  (Array.isArray(value) && value.length === 0) ||
  (isRecord(value) && Object.keys(value).length === 0);

/** mergo.Merge with override: maps merged key by key, `over`'s other values win. */
function deepMerge(base: Params, over: Params): Params {
  const out: Params = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const current = out[key];
    if (isRecord(current) && isRecord(value)) out[key] = deepMerge(current, value);
    else if (!isEmptyValue(value) || !(key in out)) out[key] = value;
  }
  return out;
}

async function matrixParams(
  generators: Record<string, unknown>[],
  run: GeneratorRun,
  depth: number,
): Promise<Params[]> {
  if (generators.length < 2)
    throw new GeneratorError('found less than two generators, Matrix support only two');
  if (generators.length > 2)
    throw new GeneratorError('found more than two generators, Matrix support only two');
  const first = await runGenerator(generators[0]!, run, depth + 1).catch((error: Error) => {
    throw new GeneratorError(
      `error failed to get params for first generator in matrix generator: ${error.message}`,
    );
  });
  // the second child templated with each of the first child's parameter sets, in one render
  const interpolated = (await run.render(generators[1]!, first)) as Record<string, unknown>[];
  const out: Params[] = [];
  for (const [index, a] of first.entries()) {
    // Argo CD interpolates only with parameters: an empty set leaves the child as written
    const child = Object.keys(a).length > 0 ? interpolated[index]! : generators[1]!;
    const second = await runGenerator(child, run, depth + 1).catch((error: Error) => {
      throw new GeneratorError(
        `failed to get params for second generator in the matrix generator: ${error.message}`,
      );
    });
    run.checkCount(out.length + second.length, 'matrix parameter sets');
    for (const b of second) out.push(run.goTemplate ? deepMerge(b, a) : combine(a, b));
  }
  return out;
}

async function mergeParams(
  generators: Record<string, unknown>[],
  mergeKeys: unknown,
  run: GeneratorRun,
  depth: number,
): Promise<Params[]> {
  if (generators.length < 2)
    throw new GeneratorError('found less than two generators, Merge requires two or more');
  if (
    !Array.isArray(mergeKeys) ||
    mergeKeys.length === 0 ||
    !mergeKeys.every((key) => typeof key === 'string')
  )
    throw new GeneratorError('no merge keys were specified');
  const keys = [...new Set(mergeKeys as string[])].sort();
  const keyOf = (set: Params) =>
    JSON.stringify(Object.fromEntries(keys.map((key) => [key, set[key] ?? null])));
  const byKey = (sets: Params[]) => {
    const map = new Map<string, Params>();
    for (const set of sets) {
      const key = keyOf(set);
      if (map.has(key))
        throw new GeneratorError(
          `the parameters from a generator were not unique by the given mergeKeys, Merge requires all param sets to be unique. Duplicate key was ${key}`,
        );
      map.set(key, set);
    }
    return map;
  };
  const sets: Params[][] = [];
  for (const [index, generator] of generators.entries()) {
    sets.push(
      await runGenerator(generator, run, depth + 1).catch((error: Error) => {
        throw new GeneratorError(
          `error getting params from generator ${index + 1} of ${generators.length}: ${error.message}`,
        );
      }),
    );
  }
  const base = byKey(sets[0]!);
  for (const other of sets.slice(1)) {
    for (const [key, override] of byKey(other)) {
      const found = base.get(key);
      if (found) base.set(key, run.goTemplate ? deepMerge(found, override) : { ...found, ...override });
    }
  }
  return [...base.values()];
}

// The plugin generator: a ConfigMap of Argo CD's namespace gives the plugin's baseUrl, its token
// reference (`$secret:key`, or `$key` of argocd-secret) and an optional requestTimeout in
// seconds; the token itself comes from the keychain. Each parameter set the plugin answers is
// taken as it is (goTemplate) or flattened to strings, gets `generator.input.parameters` (what the
// set gave the plugin), then the generator's templated `values`.
import { GeneratorError } from '../errors.ts';
import { flatten, goValueString, isRecord, type Params } from '../params.ts';
import { callPlugin } from '../plugin/pluginService.ts';
import { addValues, argoNamespaceOf, type GeneratorRun } from './run.ts';

const ARGOCD_SECRET = 'argocd-secret';

/** Argo CD's ParseSecretKey: `$name:key` names a secret and its key, `$key` a key of argocd-secret. */
export function parseTokenRef(ref: string): { secretName: string; key: string } {
  if (ref === '' || !ref.startsWith('$'))
    throw new GeneratorError(
      `token is empty, or does not reference a secret key starting with '$': ${ref.slice(0, 80)}`,
    );
  if (!ref.includes(':')) return { secretName: ARGOCD_SECRET, key: ref.slice(1) };
  const [name = '', key = ''] = ref.split(':');
  return { secretName: name.slice(1), key };
}

/** Go's strconv.Atoi of requestTimeout, in milliseconds (0 leaves the default). */
function requestTimeoutMs(text: string | undefined): number {
  if (text === undefined) return 0;
  if (!/^[+-]?\d{1,9}$/.test(text))
    throw new GeneratorError(
      `error set requestTimeout : ${JSON.stringify(text.slice(0, 40))} is not a number`,
    );
  return Math.max(0, Number(text)) * 1000;
}

/** The deepest nesting of maps and lists in `value`, stopping once past `limit`. */
function depthOf(value: unknown, limit: number, depth = 0): number {
  if (depth > limit || (!Array.isArray(value) && !isRecord(value))) return depth;
  let deepest = depth + 1;
  for (const item of Array.isArray(value) ? value : Object.values(value))
    deepest = Math.max(deepest, depthOf(item, limit, depth + 1));
  return deepest;
}

function checkDepth(value: unknown, run: GeneratorRun, what: string): void {
  if (depthOf(value, run.limits.maxParamDepth) > run.limits.maxParamDepth)
    throw new GeneratorError(`${what} is nested over the limit of ${run.limits.maxParamDepth} levels`);
}

export async function pluginParams(spec: Record<string, unknown>, run: GeneratorRun): Promise<Params[]> {
  const ref = spec.configMapRef;
  if (!isRecord(ref) || typeof ref.name !== 'string' || ref.name === '')
    throw new GeneratorError('plugin.configMapRef.name does not name a ConfigMap');
  const input = spec.input ?? {};
  if (!isRecord(input)) throw new GeneratorError('plugin.input is not a map');
  const parameters = input.parameters ?? undefined;
  if (parameters !== undefined && !isRecord(parameters))
    throw new GeneratorError('plugin.input.parameters is not a map');
  checkDepth(parameters, run, 'plugin.input.parameters');
  const namespace = argoNamespaceOf(run, 'plugin');
  const data = await namespace.configMap(ref.name).catch((error: Error) => {
    throw new GeneratorError(`error fetching ConfigMap: ${error.message}`);
  });
  if (!data.baseUrl) throw new GeneratorError('error fetching ConfigMap: baseUrl not found in ConfigMap');
  if (!data.token) throw new GeneratorError('error fetching ConfigMap: token not found in ConfigMap');
  const { secretName, key } = parseTokenRef(data.token);
  const token = await namespace.pluginToken(secretName, key).catch((error: Error) => {
    throw new GeneratorError(`error fetching Secret token: ${error.message}`);
  });
  const asked = requestTimeoutMs(data.requestTimeout);
  const answer = await callPlugin({
    baseUrl: data.baseUrl,
    token,
    setName: run.setName,
    parameters,
    timeoutMs: asked > 0 ? Math.min(asked, run.limits.pluginTimeoutMs) : run.limits.pluginTimeoutMs,
    maxBytes: run.limits.maxPluginResponseBytes,
  }).catch((error: Error) => {
    throw new GeneratorError(`error listing params: ${error.message}`);
  });
  run.checkCount(answer.length, 'plugin parameter sets');
  const sets = answer.map((found): Params => {
    checkDepth(found, run, "a plugin's parameter set");
    const params: Params = {};
    if (run.goTemplate) Object.assign(params, found);
    else for (const [name, value] of Object.entries(flatten(found))) params[name] = goValueString(value);
    params.generator = { input: { parameters: parameters ?? {} } };
    return params;
  });
  return addValues(sets, spec.values, run);
}

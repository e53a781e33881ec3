// A plugin generator's one call, as Argo CD's plugin service makes it: POST
// `<baseUrl>/api/v1/getparams.execute` with `{"applicationSetName", "input": {"parameters"}}` and
// the token as a Bearer header; a 2xx answer's `output.parameters` are the parameter sets, any
// other status an error quoting the answer's `message` (or `error`). Stricter than Argo CD: only
// http and https, no credentials in the URL, redirects only within the same origin, a time limit
// and a size limit on the answer. The token is handed to the scrubber before it is sent.
import { rememberSecret, scrub } from '../../git/scrub.ts';
import { GeneratorError } from '../errors.ts';
import { isRecord } from '../params.ts';

export interface PluginCall {
  baseUrl: string;
  token: string;
  setName: string;
  parameters: Record<string, unknown> | undefined;
  timeoutMs: number;
  maxBytes: number;
}

const MAX_REDIRECTS = 3;
const EXECUTE_PATH = 'api/v1/getparams.execute';

/** The URL of the call: baseUrl with a slash, then the execute path; http(s) only, no userinfo. */
export function executeUrl(baseUrl: string): URL {
  let url: URL;
  try {
    url = new URL(baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
  } catch {
    throw new GeneratorError('the plugin baseUrl is not a URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new GeneratorError(`the plugin baseUrl must be http or https, not ${url.protocol.slice(0, 20)}`);
  if (url.username !== '' || url.password !== '')
    throw new GeneratorError('the plugin baseUrl must not hold credentials: the token goes in the keychain');
  return new URL(EXECUTE_PATH, url);
}

/** The body, read up to `maxBytes`; more is an error and the rest is not read. */
async function readLimited(response: Response, maxBytes: number): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > maxBytes) {
    await response.body?.cancel();
    throw new GeneratorError(`the plugin's answer is ${declared} bytes, over the limit of ${maxBytes}`);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (response.body)
    for await (const chunk of response.body) {
      size += chunk.byteLength;
      if (size > maxBytes)
        throw new GeneratorError(`the plugin's answer is over the limit of ${maxBytes} bytes`);
      chunks.push(chunk);
    }
  return Buffer.concat(chunks).toString('utf8');
}

/** Argo CD's CheckResponse: the status and the answer's message, its error, or its text. */
function statusError(status: number, text: string): GeneratorError {
  let message = text.slice(0, 2000);
  try {
    const raw: unknown = JSON.parse(text);
    if (isRecord(raw))
      message =
        typeof raw.message === 'string' ? raw.message : typeof raw.error === 'string' ? raw.error : '';
  } catch {
    // not JSON: the text itself, as Argo CD quotes it
  }
  return new GeneratorError(scrub(`API error with status code ${status}: ${message}`));
}

async function post(call: PluginCall, signal: AbortSignal): Promise<Response> {
  let url = executeUrl(call.baseUrl);
  let method = 'POST';
  const body = JSON.stringify({
    applicationSetName: call.setName,
    input: call.parameters === undefined ? {} : { parameters: call.parameters },
  });
  for (let hop = 0; ; hop++) {
    const response = await fetch(url, {
      method,
      redirect: 'manual',
      signal,
      headers: {
        authorization: `Bearer ${call.token}`,
        ...(method === 'POST' ? { 'content-type': 'application/json' } : {}),
      },
      ...(method === 'POST' ? { body } : {}),
    });
    const location = response.headers.get('location');
    if (response.status < 300 || response.status >= 400 || location === null) return response;
    await response.body?.cancel();
    const next = new URL(location, url);
    if (next.origin !== url.origin)
      throw new GeneratorError(`the plugin redirected to another host (${next.origin}): not followed`);
    if (hop >= MAX_REDIRECTS)
      throw new GeneratorError(`the plugin redirected more than ${MAX_REDIRECTS} times`);
    // Go's client: 307 and 308 repeat the POST, the other redirects follow with a GET
    if (response.status !== 307 && response.status !== 308) method = 'GET';
    url = next;
  }
}

/** The parameter sets the plugin answers, unchecked beyond being a list of maps. */
export async function callPlugin(call: PluginCall): Promise<Record<string, unknown>[]> {
  rememberSecret(call.token);
  const signal = AbortSignal.timeout(call.timeoutMs);
  let text: string;
  let status: number;
  try {
    const response = await post(call, signal);
    status = response.status;
    text = await readLimited(response, call.maxBytes);
  } catch (error) {
    if (error instanceof GeneratorError) throw error;
    if (signal.aborted)
      throw new GeneratorError(`the plugin did not answer within ${call.timeoutMs / 1000} seconds`);
    throw new GeneratorError(scrub(`the plugin could not be reached: ${(error as Error).message}`));
  }
  if (status < 200 || status >= 300) throw statusError(status, text);
  if (text.trim() === '') return [];
  let answer: unknown;
  try {
    answer = JSON.parse(text);
  } catch {
    throw new GeneratorError(scrub(`the plugin's answer is not JSON: ${text.slice(0, 200)}`));
  }
  const parameters = isRecord(answer) && isRecord(answer.output) ? answer.output.parameters : undefined;
  if (parameters === undefined || parameters === null) return [];
  if (!Array.isArray(parameters) || !parameters.every(isRecord))
    throw new GeneratorError("the plugin's output.parameters is not a list of maps");
  return parameters;
}

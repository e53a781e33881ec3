// A plugin generator's one call, as Argo CD's plugin service makes it: POST
// `<baseUrl>/api/v1/getparams.execute` with `{"applicationSetName", "input": {"parameters"}}` and
// the token as a Bearer header; a 2xx answer's `output.parameters` are the parameter sets, any
// other status an error quoting the answer's `message` (or `error`). Stricter than Argo CD, as
// every generator request is (boundedRequest). The token is handed to the scrubber before it is sent.
import { rememberSecret, scrub } from '../../git/scrub.ts';
import { GeneratorError } from '../errors.ts';
import { boundedRequest, serverUrl } from '../http/boundedRequest.ts';
import { isRecord } from '../params.ts';

export interface PluginCall {
  baseUrl: string;
  token: string;
  setName: string;
  parameters: Record<string, unknown> | undefined;
  timeoutMs: number;
  maxBytes: number;
}

const EXECUTE_PATH = 'api/v1/getparams.execute';

/** The URL of the call: baseUrl with a slash, then the execute path; http(s) only, no userinfo. */
export function executeUrl(baseUrl: string): URL {
  return new URL(
    EXECUTE_PATH,
    serverUrl(baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`, 'the plugin baseUrl'),
  );
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

/** The parameter sets the plugin answers, unchecked beyond being a list of maps. */
export async function callPlugin(call: PluginCall): Promise<Record<string, unknown>[]> {
  rememberSecret(call.token);
  const { status, text } = await boundedRequest({
    url: executeUrl(call.baseUrl),
    method: 'POST',
    headers: { authorization: `Bearer ${call.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      applicationSetName: call.setName,
      input: call.parameters === undefined ? {} : { parameters: call.parameters },
    }),
    timeoutMs: call.timeoutMs,
    maxBytes: call.maxBytes,
    what: 'the plugin',
  });
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

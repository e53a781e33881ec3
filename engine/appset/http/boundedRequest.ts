// One HTTP request of a generator to a server a set names (a plugin, an SCM provider's API): the
// URL is someone else's text, so only http and https, never credentials in it, redirects only
// within the same origin (a token never follows a redirect to another host), a time limit on the
// whole exchange and a size limit on the answer, read no further than the limit. `insecure` skips
// TLS verification, as Argo CD's `insecure: true` does, for that request only.
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { scrub } from '../../git/scrub.ts';
import { GeneratorError } from '../errors.ts';

export interface BoundedRequest {
  url: URL;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
  maxBytes: number;
  insecure?: boolean;
  /** Who answers, for errors: "the plugin", "the Gitea API". */
  what: string;
}

export interface BoundedAnswer {
  status: number;
  headers: IncomingMessage['headers'];
  text: string;
}

const MAX_REDIRECTS = 3;

/** `text` as an http(s) URL without credentials, or the error saying why not. */
export function serverUrl(text: string, what: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new GeneratorError(`${what} is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new GeneratorError(`${what} must be http or https, not ${url.protocol.slice(0, 20)}`);
  if (url.username !== '' || url.password !== '')
    throw new GeneratorError(`${what} must not hold credentials: tokens go in the keychain`);
  return url;
}

function once(call: BoundedRequest, url: URL, method: string, signal: AbortSignal): Promise<BoundedAnswer> {
  return new Promise((resolve, reject) => {
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const request = send(
      url,
      {
        method,
        signal,
        headers: {
          ...call.headers,
          ...(method === 'POST' && call.body !== undefined
            ? { 'content-length': String(Buffer.byteLength(call.body)) }
            : {}),
        },
        ...(url.protocol === 'https:' && call.insecure ? { rejectUnauthorized: false } : {}),
      },
      (response) => {
        const declared = Number(response.headers['content-length'] ?? '0');
        if (declared > call.maxBytes) {
          response.destroy();
          reject(
            new GeneratorError(
              `${call.what}'s answer is ${declared} bytes, over the limit of ${call.maxBytes}`,
            ),
          );
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > call.maxBytes) {
            response.destroy();
            reject(new GeneratorError(`${call.what}'s answer is over the limit of ${call.maxBytes} bytes`));
            return;
          }
          chunks.push(chunk);
        });
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(method === 'POST' ? call.body : undefined);
  });
}

/** The answer of the request, after same-origin redirects; errors say who did not answer and why. */
export async function boundedRequest(call: BoundedRequest): Promise<BoundedAnswer> {
  const signal = AbortSignal.timeout(call.timeoutMs);
  let url = call.url;
  let method: string = call.method;
  try {
    for (let hop = 0; ; hop++) {
      const answer = await once(call, url, method, signal);
      const location = answer.headers.location;
      if (answer.status < 300 || answer.status >= 400 || location === undefined) return answer;
      const next = new URL(location, url);
      if (next.origin !== url.origin)
        throw new GeneratorError(`${call.what} redirected to another host (${next.origin}): not followed`);
      if (hop >= MAX_REDIRECTS)
        throw new GeneratorError(`${call.what} redirected more than ${MAX_REDIRECTS} times`);
      // Go's client: 307 and 308 repeat the request, the other redirects follow with a GET
      if (answer.status !== 307 && answer.status !== 308) method = 'GET';
      url = next;
    }
  } catch (error) {
    if (error instanceof GeneratorError) throw error;
    if (signal.aborted)
      throw new GeneratorError(`${call.what} did not answer within ${call.timeoutMs / 1000} seconds`);
    throw new GeneratorError(scrub(`${call.what} could not be reached: ${(error as Error).message}`));
  }
}

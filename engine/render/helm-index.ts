// A Helm repository's index.yaml, fetched by Plumbline itself (as Argo CD's helm client fetches
// it) so that a failure says plainly which repository answered what (helm only prints it), the
// index is bounded in size and time before helm or the engine reads it, and a version range
// (`>=1.0 <2.0`, `1.2.*`) resolves as Argo CD resolves it: the highest version in the index that
// satisfies the Masterminds constraint. Credentials go only to the repository's own host: a
// redirect elsewhere is followed without them, as Go's client does.
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { readFileSync } from 'node:fs';
import semver from 'semver';
import { RenderError } from './errors.ts';
import { displayUrl, scrub } from '../git/scrub.ts';
import { parseConstraint, parseVersion } from '../git/semver.ts';
import { parseYamlValue, activeYamlLimits } from '../yaml/index.ts';
import type { HelmRepositoryAccess } from './helm-repository-home.ts';

/** An index larger than this is refused (the largest public indexes are a few tens of MB). */
export const MAX_INDEX_BYTES = 64 * 1024 * 1024;
const MAX_REDIRECTS = 10;

export interface IndexFetch {
  repository: HelmRepositoryAccess;
  timeoutMs: number;
  maxBytes?: number;
  signal?: AbortSignal;
}

/** `<repository>/index.yaml`, as helm builds it. */
export function indexUrl(repositoryUrl: string): URL {
  const url = new URL(repositoryUrl);
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/index.yaml`;
  return url;
}

// Go trusts SSL_CERT_FILE instead of the system's roots; helm does, so the index fetch does too.
function trustedCas(repository: HelmRepositoryAccess): string | undefined {
  if (repository.tlsCaData) return repository.tlsCaData;
  const file = process.env.SSL_CERT_FILE;
  if (!file) return undefined;
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

interface Answer {
  status: number;
  statusText: string;
  location?: string;
  body: Buffer;
}

function get(url: URL, fetch: IndexFetch, withCredentials: boolean, signal: AbortSignal): Promise<Answer> {
  const { repository } = fetch;
  const maxBytes = fetch.maxBytes ?? MAX_INDEX_BYTES;
  const credentials = repository.credentials;
  const headers: Record<string, string> = { 'user-agent': 'Helm/4 (Plumbline)' };
  if (withCredentials && credentials?.username && credentials.password) {
    const login = `${credentials.username}:${credentials.password}`;
    headers.authorization = `Basic ${Buffer.from(login).toString('base64')}`;
  }
  const tls =
    url.protocol === 'https:'
      ? {
          ca: trustedCas(repository),
          rejectUnauthorized: !repository.insecure,
          ...(withCredentials && credentials?.tlsClientCertData && credentials.tlsClientCertKey
            ? { cert: credentials.tlsClientCertData, key: credentials.tlsClientCertKey }
            : {}),
        }
      : {};
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const request = send(url, { method: 'GET', headers, signal, ...tls }, (response: IncomingMessage) => {
      const status = response.statusCode ?? 0;
      const done = (body: Buffer) =>
        resolve({
          status,
          statusText: response.statusMessage ?? '',
          location: response.headers.location,
          body,
        });
      if (status < 200 || status >= 300) {
        response.resume();
        done(Buffer.alloc(0));
        return;
      }
      const declared = Number(response.headers['content-length'] ?? '0');
      if (declared > maxBytes) {
        response.destroy();
        reject(new RenderError(`index.yaml is ${declared} bytes, over the limit of ${maxBytes}`));
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBytes) {
          response.destroy();
          reject(new RenderError(`index.yaml is over the limit of ${maxBytes} bytes`));
          return;
        }
        chunks.push(chunk);
      });
      response.on('end', () => done(Buffer.concat(chunks)));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end();
  });
}

/** The repository's index.yaml, or a RenderError naming the repository (without credentials). */
export async function fetchIndex(fetch: IndexFetch): Promise<Buffer> {
  const shown = displayUrl(fetch.repository.url);
  const signal = fetch.signal
    ? AbortSignal.any([fetch.signal, AbortSignal.timeout(fetch.timeoutMs)])
    : AbortSignal.timeout(fetch.timeoutMs);
  const origin = new URL(fetch.repository.url);
  let url = indexUrl(fetch.repository.url);
  try {
    for (let hop = 0; ; hop++) {
      // Go keeps Authorization on a redirect only to the same host (or a subdomain of it)
      const sameHost = url.hostname === origin.hostname || url.hostname.endsWith(`.${origin.hostname}`);
      const answer = await get(url, fetch, sameHost, signal);
      if (answer.status >= 200 && answer.status < 300) return answer.body;
      if (answer.status >= 300 && answer.status < 400 && answer.location) {
        if (hop >= MAX_REDIRECTS) throw new RenderError(`stopped after ${MAX_REDIRECTS} redirects`);
        const next = new URL(answer.location, url);
        if (next.protocol !== 'https:' && next.protocol !== 'http:')
          throw new RenderError(`redirected to a ${next.protocol} URL`);
        url = next;
        continue;
      }
      throw new RenderError(`${displayUrl(url.href)}: ${answer.status} ${answer.statusText}`.trim());
    }
  } catch (error) {
    const reason =
      signal.aborted && !fetch.signal?.aborted
        ? `no answer within ${fetch.timeoutMs / 1000} seconds`
        : (error as Error).message;
    throw new RenderError(scrub(`helm repository ${shown}: could not read its index: ${reason}`), {
      cause: error,
    });
  }
}

/** Argo CD's MaxVersion: the highest version of `chart` in the index that satisfies `range`. */
export function resolveChartVersion(index: Buffer, chart: string, range: string, label: string): string {
  const constraint = parseConstraint(range.trim());
  if (!constraint)
    throw new RenderError(`${label}: ${JSON.stringify(range)} is not a version or a version range`);
  const limits = { ...activeYamlLimits(), fileBytes: Math.max(index.length, 1) };
  let value: unknown;
  try {
    value = parseYamlValue(index.toString('utf8'), { source: `${label} index.yaml`, limits });
  } catch (error) {
    throw new RenderError(`${label}: index.yaml could not be read: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const entries = (value as { entries?: Record<string, unknown> } | null)?.entries;
  const versions = entries && typeof entries === 'object' ? entries[chart] : undefined;
  let best: { text: string; version: semver.SemVer } | undefined;
  for (const entry of Array.isArray(versions) ? versions : []) {
    const text = (entry as { version?: unknown } | null)?.version;
    if (typeof text !== 'string') continue;
    const version = parseVersion(text);
    if (!version || !constraint.check(version)) continue;
    if (!best || semver.compare(version, best.version) > 0) best = { text, version };
  }
  if (!best) throw new RenderError(`${label}: no version of chart ${chart} matches ${range}`);
  return best.text;
}

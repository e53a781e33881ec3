// HTTP to a Kubernetes API server with a context's credentials: client-node's
// applyToFetchOptions supplies the TLS agent and the auth headers (exec and OIDC plugins
// included, with their token caching); the request itself is node:http(s), which lets watches
// stream and lets every request be counted and timed out.
import type { Agent, IncomingMessage } from 'node:http';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';
import { KubeApiError, messageOf, type StatusDetails } from './apiError.ts';
import { sharedAgent } from './sharedAgents.ts';

export interface KubeRequest {
  method: 'GET' | 'PATCH' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  /** A list repeats the parameter (exec's `command`). */
  query?: Record<string, string | number | boolean | readonly string[] | undefined>;
  body?: string;
  contentType?: string;
  accept?: string;
  /** Milliseconds without any byte from the server before the request is abandoned. */
  idleTimeoutMs: number;
  signal?: AbortSignal;
  /** For errors: `list apps/v1 deployments on plumbline-a`. */
  what: string;
}

export interface KubeResponse {
  status: number;
  contentType: string;
  body: string;
}

function urlOf(server: string, path: string, query: KubeRequest['query']): URL {
  const url = new URL(server.replace(/\/+$/, '') + path);
  for (const [name, value] of Object.entries(query ?? {})) {
    if (Array.isArray(value)) for (const item of value) url.searchParams.append(name, String(item));
    else if (value !== undefined) url.searchParams.set(name, String(value));
  }
  return url;
}

export interface KubeEndpoint {
  url: URL;
  agent: Agent;
  headers: Record<string, string>;
}

/**
 * Where a request goes and with which credentials: the same for plain HTTP and for exec's
 * WebSocket, so both authenticate alike (tokens, client certificates, exec plugins, proxies).
 */
export async function kubeEndpoint(
  kc: KubeConfig,
  req: Pick<KubeRequest, 'path' | 'query' | 'what'>,
): Promise<KubeEndpoint> {
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new KubeApiError(`${req.what}: the context names no cluster`, 0, 'NoCluster');
  return { url: urlOf(cluster.server, req.path, req.query), ...(await credentials(kc)) };
}

async function credentials(kc: KubeConfig): Promise<{ agent: Agent; headers: Record<string, string> }> {
  const init = await kc.applyToFetchOptions({});
  const headers: Record<string, string> = {};
  // node-fetch's Headers: iterate, never log.
  (init.headers as unknown as { forEach(fn: (value: string, name: string) => void): void }).forEach(
    (value, name) => (headers[name] = value),
  );
  return { agent: init.agent as Agent, headers };
}

function readAll(stream: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    stream.on('error', reject);
  });
}

/** The API server's Status (reason, message, details) if the body is one. */
function statusFromBody(body: string): { reason?: string; message?: string; details?: StatusDetails } {
  try {
    const parsed = JSON.parse(body) as {
      kind?: string;
      reason?: string;
      message?: string;
      details?: StatusDetails;
    };
    return parsed.kind === 'Status' ? parsed : {};
  } catch {
    return {};
  }
}

export function errorFromResponse(
  what: string,
  status: number,
  statusText: string,
  body: string,
): KubeApiError {
  const parsed = statusFromBody(body);
  const reason = parsed.reason || statusText || 'Error';
  const detail = parsed.message ?? body.slice(0, 300).trim();
  return new KubeApiError(
    `${what}: ${status} ${reason}${detail ? `: ${detail}` : ''}`,
    status,
    reason,
    parsed.details,
  );
}

/**
 * Sends a request and resolves with the response stream once the server answered 2xx; any
 * other status or a network failure rejects with a KubeApiError.
 */
export async function openKubeStream(kc: KubeConfig, req: KubeRequest): Promise<IncomingMessage> {
  const { url, agent: ownAgent, headers } = await kubeEndpoint(kc, req);
  // plain requests reuse connections; exec's WebSocket keeps the agent it was given
  const agent = sharedAgent(ownAgent);
  headers.accept = req.accept ?? 'application/json';
  if (req.contentType) headers['content-type'] = req.contentType;
  // Node sends a DELETE's body neither chunked nor with a length unless told: the API server
  // then reads none, and a DeleteOptions (propagationPolicy) was silently ignored
  if (req.body !== undefined) headers['content-length'] = String(Buffer.byteLength(req.body));
  const send = url.protocol === 'http:' ? httpRequest : httpsRequest;

  const answer = new Promise<IncomingMessage>((resolve, reject) => {
    const outgoing = send(url, { method: req.method, agent, headers, signal: req.signal }, (res) => {
      const status = res.statusCode ?? 0;
      if (status >= 200 && status < 300) return resolve(res);
      readAll(res).then(
        (body) => reject(errorFromResponse(req.what, status, res.statusMessage ?? '', body)),
        (error: Error) =>
          reject(new KubeApiError(`${req.what}: ${status} ${error.message}`, status, 'ReadError')),
      );
    });
    // Also covers an open stream: a watch idle this long (no event, no bookmark) is dead.
    outgoing.setTimeout(req.idleTimeoutMs, () =>
      outgoing.destroy(
        Object.assign(new Error(`no answer within ${req.idleTimeoutMs} ms`), { code: 'ETIMEDOUT' }),
      ),
    );
    outgoing.on('socket', (socket) => socket.setKeepAlive(true, 30_000));
    outgoing.on('error', (error: NodeJS.ErrnoException) => {
      const code = error.code ?? error.name;
      reject(new KubeApiError(`${req.what}: cannot reach ${url.host}: ${code} ${error.message}`, 0, code));
    });
    outgoing.end(req.body);
  });
  // A key or CA that does not decode fails before any byte is sent: no request can reach the
  // server with these credentials, so it counts as unreachable, not as one type failing.
  return answer.catch((error: unknown) => {
    throw unusableCredentials(req.what, error);
  });
}

function unusableCredentials(what: string, error: unknown): KubeApiError {
  if (error instanceof KubeApiError) return error;
  return new KubeApiError(
    `${what}: the credentials of this cluster cannot be used: ${messageOf(error)}`,
    0,
    'BadCredentials',
  );
}

/** A whole request: status, content type and body text of a 2xx answer. */
export async function sendKubeRequest(kc: KubeConfig, req: KubeRequest): Promise<KubeResponse> {
  const res = await openKubeStream(kc, req);
  const body = await readAll(res).catch((error: Error) => {
    throw new KubeApiError(`${req.what}: reading the answer: ${error.message}`, 0, 'ReadError');
  });
  return { status: res.statusCode ?? 0, contentType: String(res.headers['content-type'] ?? ''), body };
}

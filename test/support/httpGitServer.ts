// A smart-HTTP git server for tests: `git http-backend` (CGI) behind a Node http server on
// 127.0.0.1 (or https, with a given certificate) that demands HTTP basic auth (for everything, or only for pushes) and counts the
// fetches it serves. It can also behave as a hostile server that echoes the credentials it was
// sent back to git, which prints them as `remote:` lines.
import { execFile } from 'node:child_process';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';

export interface HttpGitServerOptions {
  /** Directory holding the bare repositories served (`<url>/<name>.git`). */
  projectRoot: string;
  username: string;
  password: string;
  /** `all`: every request needs the credentials; `push`: reading is anonymous. */
  protect: 'all' | 'push';
  /**
   * Answers every request that carries an Authorization header with 403 and a text/plain body
   * quoting the header (and its base64 value alone): git prints such a body as `remote:` lines.
   */
  echoAuthorization?: boolean;
  /** Serve https with this key and certificate instead of http. */
  tls?: { key: string; cert: string };
}

export interface HttpGitServer {
  url(repository: string): string;
  /** Upload-pack requests that asked for objects (fetches and clones, not ref listings). */
  readonly fetches: number;
  /** Every Authorization header received, to check what travelled. */
  readonly authorizations: readonly string[];
  close(): Promise<void>;
}

export async function startHttpGitServer(options: HttpGitServerOptions): Promise<HttpGitServer> {
  let fetches = 0;
  const authorizations: string[] = [];
  const expected = `Basic ${Buffer.from(`${options.username}:${options.password}`).toString('base64')}`;

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const authorization = request.headers.authorization;
    if (authorization) authorizations.push(authorization);
    if (authorization && options.echoAuthorization) {
      const value = authorization.replace(/^\S+\s+/, '');
      response
        .writeHead(403, { 'Content-Type': 'text/plain' })
        .end(`you sent Authorization: ${authorization}\ncredential ${value}\n`);
      return;
    }
    const isPush =
      url.searchParams.get('service') === 'git-receive-pack' || url.pathname.endsWith('/git-receive-pack');
    const authenticated = authorization === expected;
    if ((options.protect === 'all' || isPush) && !authenticated) {
      response
        .writeHead(401, { 'WWW-Authenticate': 'Basic realm="plumbline-test"' })
        .end('authentication required');
      return;
    }
    const body = await readBody(request);
    if (
      url.pathname.endsWith('/git-upload-pack') &&
      asksForObjects(body, request.headers['content-encoding'])
    )
      fetches++;
    const output = await runBackend(body, {
      GIT_PROJECT_ROOT: options.projectRoot,
      GIT_HTTP_EXPORT_ALL: '1',
      PATH_INFO: url.pathname,
      QUERY_STRING: url.search.slice(1),
      REQUEST_METHOD: request.method ?? 'GET',
      CONTENT_TYPE: request.headers['content-type'] ?? '',
      CONTENT_LENGTH: String(body.length),
      HTTP_CONTENT_ENCODING: request.headers['content-encoding'] ?? '',
      GIT_PROTOCOL: String(request.headers['git-protocol'] ?? ''),
      // http-backend allows pushes from an authenticated user only.
      REMOTE_USER: authenticated ? options.username : '',
      REMOTE_ADDR: '127.0.0.1',
      PATH: process.env.PATH ?? '',
      HOME: options.projectRoot,
      GIT_CONFIG_NOSYSTEM: '1',
    });
    writeCgiResponse(output, response);
  }

  const serve = (request: IncomingMessage, response: ServerResponse) => {
    handle(request, response).catch((error: unknown) => {
      response.writeHead(500).end(`test git server: ${String(error)}`);
    });
  };
  const server = options.tls ? createHttpsServer(options.tls, serve) : createServer(serve);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (repository) => `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}/${repository}`,
    get fetches() {
      return fetches;
    },
    authorizations,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

// Protocol v0 and v2 fetch requests both carry `want <sha>` lines; ref listings do not.
function asksForObjects(body: Buffer, encoding: string | undefined): boolean {
  const text = (encoding === 'gzip' ? gunzipSync(body) : body).toString('latin1');
  return /want [0-9a-f]{40}/.test(text);
}

function runBackend(body: Buffer, env: Record<string, string>): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      'git',
      ['http-backend'],
      { env, encoding: 'buffer', timeout: 30_000, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout) => (error ? reject(error) : resolve(stdout)),
    );
    // the backend may answer without reading all of a request; its answer decides, not the pipe
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(body);
  });
}

function writeCgiResponse(output: Buffer, response: ServerResponse): void {
  const end = output.indexOf('\r\n\r\n');
  const head = output.subarray(0, end).toString('latin1');
  let status = 200;
  for (const line of head.split('\r\n')) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim();
    if (name.toLowerCase() === 'status') status = Number.parseInt(value, 10);
    else response.setHeader(name, value);
  }
  response.writeHead(status).end(output.subarray(end + 4));
}

/** A server that answers every authenticated request by echoing the credentials it got. */
export function startEchoingGitServer(projectRoot: string): Promise<HttpGitServer> {
  return startHttpGitServer({
    projectRoot,
    username: 'unused',
    password: 'unused',
    protect: 'all',
    echoAuthorization: true,
  });
}

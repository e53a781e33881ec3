// The headless host: the built renderer over HTTP and the contract over a WebSocket, on the
// loopback interface only. A browser needs the per-start token to open the WebSocket. Every
// request and socket is answered or closed, whatever arrives: nothing a client sends may throw
// out of a handler (that would end the process for every other client).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Engine } from '../../engine/index.ts';
import { EventBacklog } from './eventBacklog.ts';
import { serveRpc, type RpcMessage } from '../../engine/api/rpc.ts';
import { parseRequestTarget } from './requestTarget.ts';
import { contentSecurityPolicy, hostAllowed, newToken, originAllowed, tokenMatches } from './security.ts';
import { gateSettings } from './settingsGate.ts';
import { serveStatic } from './staticFiles.ts';

export interface HeadlessServer {
  url: string;
  /** The page URL with the token in its fragment (never sent to the server in requests). */
  appUrl: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

export const apiPath = '/api';
/** The largest WebSocket message; a bigger one closes that socket with 1009. */
export const maxMessageBytes = 4 * 1024 * 1024;

/** Where the host reports what went wrong with a client (never a URL: it may hold the token). */
export type HostLog = (line: string) => void;
const stderrLog: HostLog = (line) => void process.stderr.write(`plumbline serve: ${line}\n`);

function refuse(socket: Duplex, status: number, reason: string): void {
  if (!socket.writable) return void socket.destroy();
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

export async function startServer(options: {
  engine: Engine;
  rendererDir: string;
  port?: number;
  log?: HostLog;
}): Promise<HeadlessServer> {
  const log = options.log ?? stderrLog;
  const token = newToken();
  const sockets = new WebSocketServer({ noServer: true, maxPayload: maxMessageBytes });
  sockets.on('error', (error) => log(`WebSocket server error: ${error.message}`));
  const target = gateSettings(options.engine);
  let port = 0;

  const headersFor = (styleNonce?: string) => ({
    'content-security-policy': contentSecurityPolicy(port, styleNonce),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
  });

  const answer = async (request: IncomingMessage, response: ServerResponse) => {
    const requestTarget = parseRequestTarget(request.url);
    if (!requestTarget) return void response.writeHead(400, headersFor()).end('bad request target');
    if (!hostAllowed(request.headers.host, port))
      return void response.writeHead(421, headersFor()).end('wrong host');
    if (request.method !== 'GET' && request.method !== 'HEAD')
      return void response.writeHead(405, { ...headersFor(), allow: 'GET, HEAD' }).end('method not allowed');
    await serveStatic(options.rendererDir, requestTarget.pathname, request.method, response, headersFor);
  };

  const http = createServer((request, response) => {
    response.on('error', (error) => log(`response error: ${error.message}`));
    answer(request, response).catch((error: unknown) => {
      log(`answering ${request.method} failed: ${error instanceof Error ? error.message : String(error)}`);
      if (response.headersSent) response.destroy();
      else response.writeHead(500, headersFor()).end('internal error');
    });
  });
  // A socket that errors before or between requests (reset, malformed bytes) is Node's to close:
  // its default clientError answer (400, 431 for huge headers, 408) stays in place.

  http.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const requestTarget = parseRequestTarget(request.url);
    if (!requestTarget) return refuse(socket, 400, 'Bad Request');
    if (requestTarget.pathname !== apiPath) return refuse(socket, 404, 'Not Found');
    if (!hostAllowed(request.headers.host, port)) return refuse(socket, 421, 'Misdirected Request');
    if (!originAllowed(request.headers.origin, port)) return refuse(socket, 403, 'Forbidden');
    if (!tokenMatches(token, requestTarget.searchParams.get('token')))
      return refuse(socket, 401, 'Unauthorized');
    // ws answers a malformed handshake (version, key, extensions) with 400 itself.
    sockets.handleUpgrade(request, socket, head, (ws) => connect(ws, target, log));
  });

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port ?? 0, '127.0.0.1', () => {
      http.off('error', reject);
      resolve();
    });
  });
  // Once listening, a server error is logged; before, it is the start's failure (said once).
  http.on('error', (error) => log(`server error: ${error.message}`));
  port = (http.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}/`;

  return {
    url,
    appUrl: `${url}#token=${token}`,
    token,
    port,
    close: async () => {
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

function connect(ws: WebSocket, target: ReturnType<typeof gateSettings>, log: HostLog): void {
  // ws closes the socket itself after a protocol error (1002, 1007 invalid UTF-8, 1009 too big);
  // without a listener the error would be thrown out of the event loop.
  ws.on('error', (error) => log(`WebSocket closed after an error: ${error.message}`));
  const send = (message: RpcMessage) => {
    if (ws.readyState !== ws.OPEN) return;
    let text: string;
    try {
      text = JSON.stringify(message);
    } catch (error) {
      log(`message not sent, it cannot be serialised: ${(error as Error).message}`);
      return;
    }
    ws.send(text, (error) => error && log(`WebSocket send failed: ${error.message}`));
  };
  // a client that reads slowly gets its events folded, and is disconnected past a bound
  const backlog = new EventBacklog({
    get bufferedAmount() {
      return ws.bufferedAmount;
    },
    send,
    close: (code, reason) => ws.close(code, reason),
  });
  const rpc = serveRpc(target, (message) => backlog.send(message));
  ws.on('message', (data) => {
    let message: unknown;
    try {
      message = JSON.parse(data.toString());
    } catch {
      message = null;
    }
    rpc.receive(message);
  });
  ws.on('close', () => {
    backlog.close();
    rpc.close();
  });
}

// The headless host: the built renderer over HTTP and the contract over a WebSocket, on the
// loopback interface only. A browser needs the per-start token to open the WebSocket.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Engine } from '../../engine/index.ts';
import { serveRpc } from '../../engine/api/rpc.ts';
import { contentSecurityPolicy, hostAllowed, newToken, originAllowed, tokenMatches } from './security.ts';
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

function refuse(socket: Duplex, status: number, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

export async function startServer(options: {
  engine: Engine;
  rendererDir: string;
  port?: number;
}): Promise<HeadlessServer> {
  const token = newToken();
  const sockets = new WebSocketServer({ noServer: true, maxPayload: 4 * 1024 * 1024 });
  let port = 0;

  const http = createServer((request, response) => {
    const headers = {
      'content-security-policy': contentSecurityPolicy(port),
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
    };
    if (!hostAllowed(request.headers.host, port)) {
      response.writeHead(421, headers).end('wrong host');
      return;
    }
    void serveStatic(options.rendererDir, request, response, headers);
  });

  http.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(request.url ?? '/', 'http://local');
    if (url.pathname !== apiPath) return refuse(socket, 404, 'Not Found');
    if (!hostAllowed(request.headers.host, port)) return refuse(socket, 421, 'Misdirected Request');
    if (!originAllowed(request.headers.origin, port)) return refuse(socket, 403, 'Forbidden');
    if (!tokenMatches(token, url.searchParams.get('token'))) return refuse(socket, 401, 'Unauthorized');
    sockets.handleUpgrade(request, socket, head, (ws) => connect(ws, options.engine));
  });

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
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
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

function connect(ws: WebSocket, engine: Engine): void {
  const rpc = serveRpc(engine, (message) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
  });
  ws.on('message', (data) => {
    let message: unknown;
    try {
      message = JSON.parse(data.toString());
    } catch {
      message = null;
    }
    rpc.receive(message);
  });
  ws.on('close', () => rpc.close());
}

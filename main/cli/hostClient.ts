// The contract over a running headless host's WebSocket (`plumbline serve`), for one command of
// the CLI: one connection, no reconnecting, and errors that say what went wrong — nothing
// listening there, a refused token, a host of another version. The token never appears in one.
import WebSocket from 'ws';
import type { PlumblineClient } from '../../engine/api/client.ts';
import { socketRpc } from '../../engine/api/socketRpc.ts';
import { plumblineVersion } from '../../engine/version.ts';

export interface HostAddress {
  server: URL;
  token: string;
}

export interface HostConnection {
  client: PlumblineClient;
  close(): Promise<void>;
  /** Resolves with the reason when the connection closes (a followed log then ends). */
  lost: Promise<string>;
}

/** Why the host refused the WebSocket, by HTTP status (main/server answers these). */
const refusals: Record<number, string> = {
  401: 'it refused the token (401 Unauthorized): give the token `plumbline serve` printed',
  403: 'it refused the origin of the request (403 Forbidden)',
  404: 'there is no Plumbline API at that address (404 Not Found)',
  421: 'it refused the host name (421 Misdirected Request): use 127.0.0.1 or localhost and the port it printed',
};

export function describeHost(server: URL): string {
  return `the Plumbline host at ${server.origin}`;
}

/** The host's API socket: `api` next to the page it serves, the token in the query. */
function apiUrl({ server, token }: HostAddress): string {
  const url = new URL('api', server);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.hash = '';
  url.searchParams.set('token', token);
  return url.toString();
}

function opened(socket: WebSocket, where: string): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('unexpected-response', (request, response) => {
      request.destroy();
      const status = response.statusCode ?? 0;
      reject(new Error(`cannot use ${where}: ${refusals[status] ?? `it answered HTTP ${status}`}`));
    });
    // Stays registered: `ws` throws an error event nobody listens to.
    socket.on('error', (error) => reject(new Error(`cannot reach ${where}: ${error.message}`)));
  });
}

function closed(socket: WebSocket): Promise<void> {
  if (socket.readyState === WebSocket.CLOSED) return Promise.resolve();
  return new Promise((resolve) => {
    socket.once('close', () => resolve());
    socket.close();
  });
}

/** The contract changes between versions: a host of another one would misread calls. */
async function checkVersion(client: PlumblineClient, where: string): Promise<void> {
  const { version } = await client.call('app.version');
  if (version !== plumblineVersion)
    throw new Error(
      `${where} runs Plumbline ${version}, this CLI is ${plumblineVersion}: use the CLI of the host's version`,
    );
}

export async function connectToHost(address: HostAddress): Promise<HostConnection> {
  const where = describeHost(address.server);
  const channel = socketRpc();
  const socket = new WebSocket(apiUrl(address), { handshakeTimeout: 10_000 });
  socket.on('message', (data: WebSocket.RawData) => channel.received(data.toString()));
  const lost = new Promise<string>((resolve) =>
    socket.on('close', () => {
      channel.closed(`the connection to ${where} closed`);
      resolve(`the connection to ${where} closed`);
    }),
  );
  await opened(socket, where);
  channel.opened(socket);
  try {
    await checkVersion(channel.client, where);
  } catch (error) {
    await closed(socket);
    throw error;
  }
  return { client: channel.client, close: () => closed(socket), lost };
}

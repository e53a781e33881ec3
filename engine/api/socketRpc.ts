// The contract over a WebSocket, whichever implementation carries it: the browser's (the
// renderer, reconnecting) or the `ws` package's (the CLI, one connection). Calls made while no
// socket is open wait for the next one; a socket that closes fails every call still waiting.
// Free of Node, like the rest of the rpc protocol.
import type { PlumblineClient } from './client.ts';
import { createRpcClient } from './rpc.ts';

export interface SocketRpc {
  client: PlumblineClient;
  /** A socket opened: what waited is sent now, later calls go straight to it. */
  opened(socket: { send(text: string): void }): void;
  /** A text frame arrived from the host. */
  received(text: string): void;
  /** The socket closed: calls without an answer fail with `reason` and are never sent later. */
  closed(reason: string): void;
}

export function socketRpc(): SocketRpc {
  let socket: { send(text: string): void } | null = null;
  let waiting: string[] = [];
  const rpc = createRpcClient((message) => {
    const text = JSON.stringify(message);
    if (socket) socket.send(text);
    else waiting.push(text);
  });
  return {
    client: rpc.client,
    opened(next) {
      socket = next;
      const queued = waiting;
      waiting = [];
      for (const text of queued) next.send(text);
    },
    received(text) {
      let message: unknown;
      try {
        message = JSON.parse(text);
      } catch {
        return; // not a message of the protocol; rpc ignores those too
      }
      rpc.receive(message);
    },
    closed(reason) {
      socket = null;
      waiting = [];
      rpc.fail(reason);
    },
  };
}

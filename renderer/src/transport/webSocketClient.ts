// The contract over the headless host's WebSocket, reconnecting with backoff when it drops.
import type { PlumblineClient } from '../../../engine/api/client.ts';
import { createRpcClient } from '../../../engine/api/rpc.ts';
import { useConnection } from '../stores/connection.ts';

export function webSocketClient(url: string): PlumblineClient {
  let socket: WebSocket | null = null;
  let waiting: Array<() => void> = [];
  let retryMs = 500;

  const rpc = createRpcClient((message) => {
    const text = JSON.stringify(message);
    if (socket?.readyState === WebSocket.OPEN) socket.send(text);
    else waiting.push(() => socket?.send(text));
  });

  const open = () => {
    useConnection.getState().set({ state: 'connecting' });
    socket = new WebSocket(url);
    socket.onopen = () => {
      retryMs = 500;
      useConnection.getState().set({ state: 'open', error: null });
      const queued = waiting;
      waiting = [];
      for (const send of queued) send();
    };
    socket.onmessage = (message) => rpc.receive(JSON.parse(String(message.data)));
    socket.onclose = (event) => {
      rpc.fail('the connection to Plumbline closed');
      const refused = event.code === 1006 && retryMs > 4000;
      useConnection.getState().set({
        state: 'closed',
        error: refused
          ? 'Plumbline refused the connection: open the URL printed by `plumbline serve`.'
          : null,
      });
      setTimeout(open, retryMs);
      retryMs = Math.min(retryMs * 2, 10_000);
    };
  };
  open();
  return rpc.client;
}

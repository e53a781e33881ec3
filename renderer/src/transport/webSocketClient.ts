// The contract over the headless host's WebSocket, reconnecting with backoff when it drops.
import type { PlumblineClient } from '../../../engine/api/client.ts';
import { socketRpc } from '../../../engine/api/socketRpc.ts';
import { useConnection } from '../stores/connection.ts';

export function webSocketClient(url: string): PlumblineClient {
  const channel = socketRpc();
  let retryMs = 500;

  const open = () => {
    useConnection.getState().set({ state: 'connecting' });
    const socket = new WebSocket(url);
    socket.onopen = () => {
      retryMs = 500;
      useConnection.getState().set({ state: 'open', error: null });
      channel.opened(socket);
    };
    socket.onmessage = (message) => channel.received(String(message.data));
    socket.onclose = (event) => {
      channel.closed('the connection to Plumbline closed');
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
  return channel.client;
}

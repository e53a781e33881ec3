// The contract over a WebSocket, with a socket that only records what is sent: calls wait for a
// socket, a closed socket fails them and never sends them later.
import { describe, expect, it } from 'vitest';
import { socketRpc } from '../../../engine/api/socketRpc.ts';

function recordingSocket() {
  const sent: Array<{ id: number; name: string }> = [];
  return { sent, send: (text: string) => void sent.push(JSON.parse(text)) };
}

const version = { name: 'Plumbline', version: '1.0.0', node: '20', platform: 'test', dataDir: '/d' };

describe('socketRpc', () => {
  it('sends the calls made before the socket opened once it opens, and answers them', async () => {
    const channel = socketRpc();
    const answer = channel.client.call('app.version');
    const socket = recordingSocket();
    channel.opened(socket);
    expect(socket.sent).toMatchObject([{ type: 'call', id: 1, name: 'app.version' }]);
    channel.received(JSON.stringify({ type: 'result', id: 1, ok: true, value: version }));
    expect(await answer).toEqual(version);
  });

  it('fails the calls without an answer when the socket closes, and drops those never sent', async () => {
    const channel = socketRpc();
    const first = recordingSocket();
    channel.opened(first);
    const sent = channel.client.call('apps.list');
    channel.closed('the connection closed');
    const queued = channel.client.call('clusters.list');
    channel.closed('still closed');
    await expect(sent).rejects.toMatchObject({ code: 'unavailable', message: 'the connection closed' });
    await expect(queued).rejects.toMatchObject({ code: 'unavailable', message: 'still closed' });
    const next = recordingSocket();
    channel.opened(next);
    expect(next.sent).toEqual([]);
  });

  it('ignores frames that are not JSON and delivers events to subscribers', () => {
    const channel = socketRpc();
    const events: string[] = [];
    channel.client.subscribe((event) => events.push(event.event));
    channel.received('not json');
    channel.received(
      JSON.stringify({
        type: 'event',
        event: { event: 'apps.changed', payload: { changed: [], removed: [] } },
      }),
    );
    expect(events).toEqual(['apps.changed']);
  });
});

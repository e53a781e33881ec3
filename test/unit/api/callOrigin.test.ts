// A connection's scope: what its calls opened ends when it closes, once, even when one cleanup
// fails; a cleanup that was forgotten (its session ended first) does not run; what it streams
// goes to its own channel only.
import { describe, expect, it } from 'vitest';
import { ConnectionScope } from '../../../engine/api/callOrigin.ts';
import { serveRpc } from '../../../engine/api/rpc.ts';

describe('ConnectionScope', () => {
  it('runs every cleanup once at close, past a failing one, and skips forgotten ones', () => {
    const scope = new ConnectionScope();
    const ran: string[] = [];
    scope.onClose(() => {
      throw new Error('broken');
    });
    scope.onClose(() => ran.push('log'));
    const forget = scope.onClose(() => ran.push('ended earlier'));
    forget();
    scope.close();
    scope.close();
    expect(ran).toEqual(['log']);
  });

  it('is what serveRpc gives each call, closed with the channel', async () => {
    let origin: ConnectionScope | undefined;
    const served = serveRpc(
      {
        dispatch: async (_name, _input, from) => {
          origin = from as ConnectionScope;
          return {};
        },
        subscribe: () => () => undefined,
      },
      () => undefined,
    );
    served.receive({ type: 'call', id: 1, name: 'pods.logs.start', input: {} });
    await new Promise((resolve) => setImmediate(resolve));
    let closed = false;
    origin?.onClose(() => (closed = true));
    served.close();
    expect(closed).toBe(true);
  });

  it('delivers what a call opened to its own channel only', async () => {
    const channels: unknown[][] = [[], []];
    let origin: ConnectionScope | undefined;
    const target = {
      dispatch: async (_name: unknown, _input: unknown, from?: unknown) => {
        origin = from as ConnectionScope;
        return {};
      },
      subscribe: () => () => undefined,
    };
    const first = serveRpc(target, (message) => channels[0]!.push(message));
    serveRpc(target, (message) => channels[1]!.push(message));
    first.receive({ type: 'call', id: 1, name: 'pods.logs.start', input: {} });
    await new Promise((resolve) => setImmediate(resolve));
    origin?.deliver?.({ event: 'pods.logs.chunk', payload: { streamId: 's1', lines: ['hello'] } });
    expect(channels[0]).toContainEqual({
      type: 'event',
      event: { event: 'pods.logs.chunk', payload: { streamId: 's1', lines: ['hello'] } },
    });
    expect(channels[1]).toEqual([]);
  });
});

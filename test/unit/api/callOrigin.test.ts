// A connection's scope: what its calls opened ends when it closes, once, even when one cleanup
// fails; a cleanup that was forgotten (its session ended first) does not run.
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
});

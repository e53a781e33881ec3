// The pace of a WebSocket client: messages go out at once while it keeps up; while it does not
// they wait in order, folded where a newer event replaces an older one; past the bound the client
// is disconnected; and what waited goes out, in order, once the socket drains.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AppSummary } from '../../../engine/api/contract.ts';
import type { RpcMessage } from '../../../engine/api/rpc.ts';
import {
  EventBacklog,
  foldAppsChanged,
  SLOW_CLIENT_CLOSE,
  type PacedSocket,
} from '../../../main/server/eventBacklog.ts';

const app = (name: string, revision = 'a') => ({ name, revision }) as unknown as AppSummary;
const changed = (apps: AppSummary[], removed: string[] = []): RpcMessage => ({
  type: 'event',
  event: { event: 'apps.changed', payload: { changed: apps, removed } },
});
const progress = (name: string, message: string): RpcMessage => ({
  type: 'event',
  event: { event: 'apps.progress', payload: { name, stage: 'render', message, done: false } },
});
const result = (id: number): RpcMessage => ({ type: 'result', id, ok: true, value: {} });

function slowSocket() {
  const socket = {
    bufferedAmount: 0,
    sent: [] as RpcMessage[],
    closedWith: null as number | null,
    send(message: RpcMessage) {
      socket.sent.push(message);
    },
    close(code: number) {
      socket.closedWith = code;
    },
  };
  return socket satisfies PacedSocket;
}

const limits = { highWaterBytes: 100, maxMessages: 3, drainCheckMs: 5 };

afterEach(() => vi.useRealTimers());

describe('EventBacklog', () => {
  it('sends at once while the socket keeps up', () => {
    const socket = slowSocket();
    const backlog = new EventBacklog(socket, limits);
    backlog.send(result(1));
    backlog.send(changed([app('api')]));
    expect(socket.sent).toEqual([result(1), changed([app('api')])]);
  });

  it('holds messages while the socket is behind, folding consecutive changes, and sends them in order once drained', async () => {
    vi.useFakeTimers();
    const socket = slowSocket();
    const backlog = new EventBacklog(socket, limits);
    socket.bufferedAmount = 1000;
    backlog.send(changed([app('api', 'r1'), app('web')]));
    backlog.send(changed([app('api', 'r2')], ['db']));
    backlog.send(progress('api', 'fetching'));
    backlog.send(progress('api', 'rendering'));
    backlog.send(result(7));
    expect(socket.sent).toEqual([]);
    expect(backlog.length).toBe(3);
    socket.bufferedAmount = 0;
    await vi.advanceTimersByTimeAsync(5);
    expect(socket.sent).toEqual([
      changed([app('web'), app('api', 'r2')], ['db']),
      progress('api', 'rendering'),
      result(7),
    ]);
    expect(backlog.length).toBe(0);
  });

  it('never folds an event across an answer, so a list answer is not overtaken by older changes', () => {
    const socket = slowSocket();
    const backlog = new EventBacklog(socket, { ...limits, maxMessages: 10 });
    socket.bufferedAmount = 1000;
    backlog.send(changed([app('api', 'r1')]));
    backlog.send(result(1));
    backlog.send(changed([app('api', 'r2')]));
    expect(backlog.length).toBe(3);
    backlog.close();
  });

  it('disconnects a client whose backlog outgrows the bound, and then sends nothing', () => {
    const socket = slowSocket();
    const backlog = new EventBacklog(socket, limits);
    socket.bufferedAmount = 1000;
    for (let id = 0; id < 4; id++) backlog.send(result(id));
    expect(socket.closedWith).toBe(SLOW_CLIENT_CLOSE);
    socket.bufferedAmount = 0;
    backlog.send(result(9));
    expect(socket.sent).toEqual([]);
  });
});

describe('foldAppsChanged', () => {
  it('keeps each application once, newest last, and a removal undone by a later change', () => {
    expect(
      foldAppsChanged(
        { changed: [app('api'), app('web')], removed: ['db', 'cache'] },
        { changed: [app('web', 'b'), app('db')], removed: ['api'] },
      ),
    ).toEqual({ changed: [app('web', 'b'), app('db')], removed: ['cache', 'api'] });
  });

  it('a reset stays a whole list; a later reset wins', () => {
    const reset = { changed: [app('api'), app('web')], removed: [], reset: true };
    expect(foldAppsChanged(reset, { changed: [app('api', 'b')], removed: ['web'] })).toEqual({
      changed: [app('api', 'b')],
      removed: [],
      reset: true,
    });
    const later = { changed: [app('x')], removed: [], reset: true };
    expect(foldAppsChanged(reset, later)).toBe(later);
  });
});

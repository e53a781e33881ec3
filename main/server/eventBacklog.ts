// What a WebSocket client is sent, at the pace it reads. While the socket keeps up, every
// message goes out at once. While it does not (its send buffer above a high-water mark), messages
// wait in order, and events that only replace an earlier one are folded into the waiting one:
// consecutive `apps.changed` become one (each application's newest summary), a newer
// `apps.progress` of the same application replaces the older. A client so slow that the backlog
// still grows past its bound is disconnected; it reconnects and loads everything afresh, which
// costs less than an unbounded queue in the host.
import type { RpcMessage } from '../../engine/api/rpc.ts';
import type { EngineEvent, EventPayload } from '../../engine/api/contract.ts';

export interface PacedSocket {
  readonly bufferedAmount: number;
  send(message: RpcMessage): void;
  /** Ends the connection with a close code and reason. */
  close(code: number, reason: string): void;
}

export interface BacklogLimits {
  /** Above this many unsent bytes in the socket, messages wait. */
  highWaterBytes: number;
  /** A backlog longer than this many messages ends the connection. */
  maxMessages: number;
  /** How often a waiting backlog checks whether the socket drained. */
  drainCheckMs: number;
}

export const defaultBacklogLimits: BacklogLimits = {
  highWaterBytes: 1024 * 1024,
  maxMessages: 5_000,
  drainCheckMs: 25,
};

/** 1013 "Try Again Later": the client reconnects. */
export const SLOW_CLIENT_CLOSE = 1013;

type AppsChanged = EventPayload<'apps.changed'>;

function eventOf(message: RpcMessage): EngineEvent | null {
  return message.type === 'event' ? (message.event as EngineEvent) : null;
}

/** `later` applied on top of `earlier`: one change that says both. */
export function foldAppsChanged(earlier: AppsChanged, later: AppsChanged): AppsChanged {
  if (later.reset) return later;
  const laterNames = new Set([...later.changed.map((app) => app.name), ...later.removed]);
  const changed = [...earlier.changed.filter((app) => !laterNames.has(app.name)), ...later.changed];
  if (earlier.reset) return { changed, removed: [], reset: true };
  const changedNames = new Set(later.changed.map((app) => app.name));
  const removed = [
    ...new Set([...earlier.removed.filter((name) => !changedNames.has(name)), ...later.removed]),
  ];
  return { changed, removed };
}

/** The waiting message that `next` can replace or fold into, if it is the last one. */
function fold(last: RpcMessage, next: RpcMessage): RpcMessage | null {
  const before = eventOf(last);
  const after = eventOf(next);
  if (!before || !after || before.event !== after.event) return null;
  if (before.event === 'apps.changed' && after.event === 'apps.changed')
    return {
      type: 'event',
      event: { event: 'apps.changed', payload: foldAppsChanged(before.payload, after.payload) },
    };
  if (
    before.event === 'apps.progress' &&
    after.event === 'apps.progress' &&
    before.payload.name === after.payload.name
  )
    return next;
  return null;
}

export class EventBacklog {
  private readonly waiting: RpcMessage[] = [];
  private timer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(
    private readonly socket: PacedSocket,
    private readonly limits: BacklogLimits = defaultBacklogLimits,
  ) {}

  /** Sends now, or queues behind what waits. */
  send(message: RpcMessage): void {
    if (this.closed) return;
    if (this.waiting.length === 0 && this.socket.bufferedAmount < this.limits.highWaterBytes) {
      this.socket.send(message);
      return;
    }
    const last = this.waiting.at(-1);
    const folded = last ? fold(last, message) : null;
    if (folded) this.waiting[this.waiting.length - 1] = folded;
    else this.waiting.push(message);
    if (this.waiting.length > this.limits.maxMessages) return this.giveUp();
    this.watchDrain();
  }

  /** Messages waiting now (for tests and diagnostics). */
  get length(): number {
    return this.waiting.length;
  }

  close(): void {
    this.closed = true;
    this.waiting.length = 0;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private watchDrain(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.drain(), this.limits.drainCheckMs);
    this.timer.unref();
  }

  private drain(): void {
    while (this.waiting.length > 0 && this.socket.bufferedAmount < this.limits.highWaterBytes)
      this.socket.send(this.waiting.shift()!);
    if (this.waiting.length === 0 && this.timer) {
      clearInterval(this.timer);
      this.timer = null;
    }
  }

  private giveUp(): void {
    this.close();
    this.socket.close(SLOW_CLIENT_CLOSE, 'client too slow for the event stream: reconnect');
  }
}

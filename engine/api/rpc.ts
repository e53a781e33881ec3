// The message protocol shared by the two out-of-process transports (the WebSocket of the headless
// host and the Electron utility process): numbered calls, their results, and pushed events.
// It is free of Node and Electron so the renderer's WebSocket client uses it too.
import { z } from 'zod';
import { ConnectionScope, type CallOrigin } from './callOrigin.ts';
import type { PlumblineClient, EventListener } from './client.ts';
import type { CallName, CallOutput } from './contract.ts';
import { ContractError, contractErrorSchema, describeIssues } from './errors.ts';
import { parseEvent } from './validate.ts';

export const callMessageSchema = z.object({
  type: z.literal('call'),
  id: z.number().int().nonnegative(),
  name: z.string(),
  input: z.unknown(),
});

const resultMessageSchema = z.discriminatedUnion('ok', [
  z.object({ type: z.literal('result'), id: z.number(), ok: z.literal(true), value: z.unknown() }),
  z.object({ type: z.literal('result'), id: z.number(), ok: z.literal(false), error: contractErrorSchema }),
]);
const eventMessageSchema = z.object({ type: z.literal('event'), event: z.unknown() });
const serverMessageSchema = z.union([resultMessageSchema, eventMessageSchema]);

export type RpcMessage = Record<string, unknown>;
export type Send = (message: RpcMessage) => void;

/** What serves calls: the engine, or anything that forwards to it. */
export interface CallTarget {
  dispatch(name: unknown, input: unknown, origin?: CallOrigin): Promise<unknown>;
}

/** Answers one incoming message on behalf of `target`. Malformed messages get a clear error. */
export async function answerCall(
  target: CallTarget,
  message: unknown,
  send: Send,
  origin?: CallOrigin,
): Promise<void> {
  const parsed = callMessageSchema.safeParse(message);
  if (!parsed.success) {
    const id = (message as { id?: unknown } | null)?.id;
    const error = new ContractError(
      'invalid-input',
      `malformed call: ${describeIssues('message', parsed.error)}`,
    );
    send({ type: 'result', id: typeof id === 'number' ? id : -1, ok: false, error: error.toJSON() });
    return;
  }
  const { id, name, input } = parsed.data;
  try {
    send({ type: 'result', id, ok: true, value: await target.dispatch(name, input, origin) });
  } catch (error) {
    send({ type: 'result', id, ok: false, error: ContractError.from(error).toJSON() });
  }
}

export interface RpcClient {
  client: PlumblineClient;
  /** Feed every message that arrives from the server. */
  receive(message: unknown): void;
  /** Fails every pending call, e.g. when the connection drops. */
  fail(reason: string): void;
}

export function createRpcClient(send: Send): RpcClient {
  let nextId = 1;
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  const listeners = new Set<EventListener>();

  const client: PlumblineClient = {
    call<N extends CallName>(name: N, input?: unknown): Promise<CallOutput<N>> {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
        try {
          send({ type: 'call', id, name, input: input ?? {} });
        } catch (error) {
          pending.delete(id);
          reject(new ContractError('unavailable', `engine unreachable: ${String(error)}`));
        }
      });
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };

  return {
    client,
    receive(raw) {
      const message = serverMessageSchema.safeParse(raw);
      if (!message.success) return;
      const data = message.data;
      if (data.type === 'event') {
        const event = parseEvent(data.event);
        for (const listener of listeners) listener(event);
        return;
      }
      const call = pending.get(data.id);
      if (!call) return;
      pending.delete(data.id);
      if (data.ok) call.resolve(data.value);
      else call.reject(new ContractError(data.error.code, data.error.message));
    },
    fail(reason) {
      for (const call of pending.values()) call.reject(new ContractError('unavailable', reason));
      pending.clear();
    },
  };
}

/**
 * Serves `target` over a message channel: answers calls and pushes the engine's events. Closing
 * it also ends what its calls opened (log streams, terminals).
 */
export function serveRpc(
  target: CallTarget & { subscribe(listener: EventListener): () => void },
  send: Send,
): { receive(message: unknown): void; close(): void } {
  const unsubscribe = target.subscribe((event) => send({ type: 'event', event }));
  const scope = new ConnectionScope((event) => send({ type: 'event', event: parseEvent(event) }));
  return {
    receive: (message) => void answerCall(target, message, send, scope),
    close: () => {
      unsubscribe();
      scope.close();
    },
  };
}

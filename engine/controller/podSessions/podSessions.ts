// The open log streams and terminals of every client: started on an application's pod, each
// with an id its events carry; ended by the client, by the client's connection closing, or by
// the engine closing. A session's first events are held until the call that opened it has
// answered, so a client always learns the id before it hears anything under it.
import { randomUUID } from 'node:crypto';
import type { CallOrigin } from '../../api/callOrigin.ts';
import type { CallInput, CallOutput, EngineEvent } from '../../api/contract.ts';
import { ContractError } from '../../api/errors.ts';
import { scrubDeep } from '../../git/scrub.ts';
import type { PodExecSession } from '../../cluster/podExec.ts';
import { chooseContainer, type AppPod } from './appPod.ts';
import { startLogStream, type LogStream } from './logStream.ts';
import { DEFAULT_SHELL, openTerminal } from './terminal.ts';

export interface PodSessionsDeps {
  pod(name: string, id: string): Promise<AppPod>;
  emit(event: EngineEvent): void;
}

interface Closable {
  close(): void;
}

/** One session being opened: its events wait for `answered`, its end unregisters it. */
interface Opening<T> {
  emit(event: EngineEvent): void;
  ended(): void;
  /** The session is open and the call is about to answer with its id. */
  answered(session: T): void;
}

export class PodSessions {
  private readonly logs = new Map<string, LogStream>();
  private readonly terminals = new Map<string, PodExecSession>();

  constructor(private readonly deps: PodSessionsDeps) {}

  async startLogs(
    input: CallInput<'pods.logs.start'>,
    origin?: CallOrigin,
  ): Promise<CallOutput<'pods.logs.start'>> {
    const pod = await this.deps.pod(input.name, input.id);
    const container = chooseContainer(pod, input.container);
    const streamId = randomUUID();
    const opening = this.opening(this.logs, streamId, origin);
    const stream = await startLogStream(
      pod.connection,
      {
        namespace: pod.namespace,
        pod: pod.pod,
        container,
        follow: input.follow,
        previous: input.previous ?? false,
        ...(input.tailLines ? { tailLines: input.tailLines } : {}),
        ...(input.sinceSeconds ? { sinceSeconds: input.sinceSeconds } : {}),
        ...(input.timestamps ? { timestamps: true } : {}),
      },
      {
        lines: (lines) => opening.emit({ event: 'pods.logs.chunk', payload: { streamId, lines } }),
        end: (reason, failed) => {
          opening.ended();
          opening.emit({ event: 'pods.logs.end', payload: { streamId, reason, failed } });
        },
      },
    );
    opening.answered(stream);
    return { streamId, container, containers: pod.containers };
  }

  stopLogs(streamId: string): boolean {
    return closeIn(this.logs, streamId);
  }

  async startTerminal(
    input: CallInput<'pods.exec.start'>,
    origin?: CallOrigin,
  ): Promise<CallOutput<'pods.exec.start'>> {
    const pod = await this.deps.pod(input.name, input.id);
    const container = chooseContainer(pod, input.container);
    const sessionId = randomUUID();
    const opening = this.opening(this.terminals, sessionId, origin);
    const terminal = await openTerminal(
      pod.connection,
      {
        namespace: pod.namespace,
        pod: pod.pod,
        container,
        command: input.command ?? DEFAULT_SHELL,
        cols: input.cols,
        rows: input.rows,
      },
      {
        output: (data) => opening.emit({ event: 'pods.exec.output', payload: { sessionId, data } }),
        exit: ({ code, message }) => {
          opening.ended();
          opening.emit({ event: 'pods.exec.exit', payload: { sessionId, code, message } });
        },
      },
    );
    opening.answered(terminal);
    return { sessionId, container, containers: pod.containers };
  }

  /** An open terminal, for input and resizes. */
  terminal(sessionId: string): PodExecSession {
    const terminal = this.terminals.get(sessionId);
    if (!terminal)
      throw new ContractError('invalid-input', `terminal ${sessionId} is not open (it has ended)`);
    return terminal;
  }

  stopTerminal(sessionId: string): boolean {
    return closeIn(this.terminals, sessionId);
  }

  /** Ends every session (the engine is closing). */
  close(): void {
    for (const session of [...this.logs.values(), ...this.terminals.values()]) session.close();
  }

  private opening<T extends Closable>(
    sessions: Map<string, T>,
    id: string,
    origin: CallOrigin | undefined,
  ): Opening<T> {
    let held: EngineEvent[] | null = [];
    let ended = false;
    let forget: (() => void) | undefined;
    // a session's output is for the connection that opened it, scrubbed as every event is
    const send = origin?.deliver
      ? (event: EngineEvent) => origin.deliver?.(scrubDeep(event))
      : this.deps.emit;
    return {
      emit: (event) => (held ? held.push(event) : send(event)),
      ended: () => {
        ended = true;
        sessions.delete(id);
        forget?.();
      },
      answered: (session) => {
        if (!ended) {
          sessions.set(id, session);
          forget = origin?.onClose(() => session.close());
        }
        // The call's answer is sent in this macrotask's microtasks; the events follow it.
        setImmediate(() => {
          const events = held ?? [];
          held = null;
          for (const event of events) send(event);
        });
      },
    };
  }
}

function closeIn(sessions: Map<string, Closable>, id: string): boolean {
  const session = sessions.get(id);
  session?.close();
  return session !== undefined;
}

// Streams the logs of chosen pods of an application through the contract's pods.logs calls (the
// same sessions the UI's log panel opens), in this process's engine or a running host's. Lines
// are written as they arrive, prefixed with `[pod/container]` when several pods are read; the
// streams end with their logs, or all at once on stop() (Ctrl-C while following).
import type { PlumblineClient } from '../../../engine/api/client.ts';
import type { CallInput, EngineEvent, TreeNode } from '../../../engine/api/contract.ts';

export interface LogOptions {
  container?: string;
  follow: boolean;
  previous?: boolean;
  tailLines?: number;
  sinceSeconds?: number;
}

export interface LogOutput {
  line(text: string): void;
  problem(text: string): void;
}

export interface LogSessions {
  /** Resolves when every stream has ended: the number that failed to open or failed reading. */
  done: Promise<number>;
  stop(): Promise<void>;
}

type StreamEvent = Extract<EngineEvent, { event: 'pods.logs.chunk' | 'pods.logs.end' }>;

export function streamPodLogs(
  client: PlumblineClient,
  app: string,
  pods: readonly TreeNode[],
  options: LogOptions,
  out: LogOutput,
): LogSessions {
  const handlers = new Map<string, (event: StreamEvent) => void>();
  // An event may come before the call that opened its stream has answered: kept until then.
  const early = new Map<string, StreamEvent[]>();
  const unsubscribe = client.subscribe((event) => {
    if (event.event !== 'pods.logs.chunk' && event.event !== 'pods.logs.end') return;
    const handler = handlers.get(event.payload.streamId);
    if (handler) return handler(event);
    early.set(event.payload.streamId, [...(early.get(event.payload.streamId) ?? []), event]);
  });
  let stopping = false;
  let failed = 0;

  const follow = async (pod: TreeNode): Promise<void> => {
    const input: CallInput<'pods.logs.start'> = {
      name: app,
      id: pod.id,
      follow: options.follow,
      ...(options.container !== undefined ? { container: options.container } : {}),
      ...(options.previous ? { previous: true } : {}),
      ...(options.tailLines !== undefined ? { tailLines: options.tailLines } : {}),
      ...(options.sinceSeconds !== undefined ? { sinceSeconds: options.sinceSeconds } : {}),
    };
    const { streamId, container } = await client.call('pods.logs.start', input);
    const prefix = pods.length > 1 ? `[${pod.key.name}/${container}] ` : '';
    await new Promise<void>((resolve) => {
      const handle = (event: StreamEvent): void => {
        if (event.event === 'pods.logs.chunk') {
          for (const line of event.payload.lines) out.line(`${prefix}${line}`);
          return;
        }
        handlers.delete(streamId);
        if (event.payload.failed) {
          failed++;
          out.problem(`pod ${pod.key.namespace}/${pod.key.name}: ${event.payload.reason}`);
        }
        resolve();
      };
      handlers.set(streamId, handle);
      for (const event of early.get(streamId) ?? []) handle(event);
      early.delete(streamId);
      if (stopping) void client.call('pods.logs.stop', { streamId });
    });
  };

  const done = Promise.all(
    pods.map((pod) =>
      follow(pod).catch((error: unknown) => {
        failed++;
        out.problem(
          `pod ${pod.key.namespace}/${pod.key.name}: ${error instanceof Error ? error.message : String(error)}`,
        );
      }),
    ),
  ).then(() => {
    unsubscribe();
    return failed;
  });

  return {
    done,
    async stop() {
      stopping = true;
      await Promise.all(
        [...handlers.keys()].map((streamId) =>
          client.call('pods.logs.stop', { streamId }).catch(() => undefined),
        ),
      );
    },
  };
}

// One streamed container log for a panel: starts `pods.logs.start` with the options chosen,
// gathers its chunks (newest lines up to the cap), and stops the stream when the options change
// or the panel closes.
import { useEffect, useState } from 'react';
import { useClient } from '../../../clientContext.ts';
import { keepNewest } from './logLines.ts';

export interface LogOptions {
  container: string | undefined;
  follow: boolean;
  previous: boolean;
  tailLines: number;
}

export interface PodLogState {
  lines: string[];
  containers: string[];
  container: string | null;
  /** Why the stream ended (the log's end, a refusal…); null while it runs. */
  ended: { reason: string; failed: boolean } | null;
  error: string | null;
}

const starting: PodLogState = { lines: [], containers: [], container: null, ended: null, error: null };

export function usePodLogs(appName: string, id: string, options: LogOptions): PodLogState {
  const client = useClient();
  const [state, setState] = useState<PodLogState>(starting);
  const { container, follow, previous, tailLines } = options;

  useEffect(() => {
    let streamId: string | null = null;
    let closed = false;
    const unsubscribe = client.subscribe((event) => {
      if (event.event === 'pods.logs.chunk' && event.payload.streamId === streamId) {
        const added = event.payload.lines;
        setState((current) => ({ ...current, lines: keepNewest(current.lines, added) }));
      } else if (event.event === 'pods.logs.end' && event.payload.streamId === streamId) {
        const { reason, failed } = event.payload;
        setState((current) => ({ ...current, ended: { reason, failed } }));
      }
    });
    client
      .call('pods.logs.start', {
        name: appName,
        id,
        follow,
        previous,
        tailLines,
        ...(container ? { container } : {}),
      })
      .then(
        (started) => {
          if (closed) {
            void client.call('pods.logs.stop', { streamId: started.streamId }).catch(() => undefined);
            return;
          }
          streamId = started.streamId;
          // The new stream's lines follow this answer: start from an empty view.
          setState({ ...starting, containers: started.containers, container: started.container });
        },
        (error: Error) =>
          !closed &&
          setState((current) => ({ ...starting, containers: current.containers, error: error.message })),
      );
    const stop = () => {
      if (streamId) void client.call('pods.logs.stop', { streamId }).catch(() => undefined);
      streamId = null;
    };
    // A reload of the desktop window keeps the engine's connection: stop before the page goes.
    window.addEventListener('pagehide', stop);
    return () => {
      closed = true;
      window.removeEventListener('pagehide', stop);
      unsubscribe();
      stop();
    };
  }, [client, appName, id, container, follow, previous, tailLines]);

  return state;
}

// One streamed container log: opens it, splits it into lines, sends them in chunks and reports
// once how it ended — the log's end, a stop, or a failure (with the server's words).
import { messageOf } from '../../cluster/apiError.ts';
import { LogLineSplitter } from '../../cluster/logLines.ts';
import { openPodLog, type PodLogRequest } from '../../cluster/podLogs.ts';
import type { ClusterConnection } from '../../cluster/clusterConnection.ts';
import { LogBatcher } from './logBatcher.ts';

export interface LogStreamListener {
  lines(lines: string[]): void;
  end(reason: string, failed: boolean): void;
}

export interface LogStream {
  close(): void;
}

/** Resolves once the server answered: a refusal (403, 404…) rejects and nothing is sent. */
export async function startLogStream(
  connection: ClusterConnection,
  request: Omit<PodLogRequest, 'signal'>,
  listener: LogStreamListener,
): Promise<LogStream> {
  const abort = new AbortController();
  const response = await openPodLog(connection, { ...request, signal: abort.signal });
  const splitter = new LogLineSplitter();
  const batcher = new LogBatcher((lines) => listener.lines(lines));
  let ended = false;
  const end = (reason: string, failed: boolean): void => {
    if (ended) return;
    ended = true;
    batcher.add(splitter.end());
    batcher.flush();
    listener.end(reason, failed);
  };
  response.on('data', (piece: Buffer) => batcher.add(splitter.push(piece)));
  response.on('end', () => end('the log ended', false));
  response.on('error', (error) =>
    abort.signal.aborted ? end('stopped', false) : end(`reading the log: ${messageOf(error)}`, true),
  );
  response.on('close', () => (abort.signal.aborted ? end('stopped', false) : end('the log ended', false)));
  return {
    close() {
      if (ended) return;
      abort.abort();
      response.destroy();
      end('stopped', false);
    },
  };
}

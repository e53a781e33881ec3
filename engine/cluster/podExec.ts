// A process in a container of a pod, over the API server's exec WebSocket
// (`/api/v1/namespaces/NS/pods/NAME/exec`): input goes in, output and the exit come back, and a
// terminal can be resized. Authenticates exactly like every other request of the connection.
import type { IncomingMessage } from 'node:http';
import WebSocket from 'ws';
import { KubeApiError, messageOf } from './apiError.ts';
import type { ClusterConnection } from './clusterConnection.ts';
import {
  EXEC_PROTOCOLS,
  closeStdinFrame,
  readFrame,
  resizeFrame,
  stdinFrame,
  type ExecExit,
} from './execChannels.ts';
import { errorFromResponse, kubeEndpoint } from './kubeHttp.ts';
import { explainPodAccessError } from './podAccess.ts';

export interface PodExecRequest {
  namespace: string;
  pod: string;
  container: string;
  command: readonly string[];
  /** A terminal: stdout and stderr arrive merged on stdout, and the size matters. */
  tty: boolean;
  cols?: number;
  rows?: number;
}

export interface PodExecListener {
  output(data: Buffer, stream: 'stdout' | 'stderr'): void;
  /** Called once, when the process ended or the connection did. */
  exit(exit: ExecExit): void;
}

export interface PodExecSession {
  /** The subprotocol the server chose (`v5.channel.k8s.io`…). */
  readonly protocol: string;
  write(data: string | Uint8Array): void;
  resize(cols: number, rows: number): void;
  /** Ends input and closes the connection; the listener hears the exit. */
  close(): void;
}

const HANDSHAKE_TIMEOUT_MS = 30_000;

/** Opens the exec WebSocket; resolves once the server switched protocols (101). */
export async function openPodExec(
  connection: ClusterConnection,
  req: PodExecRequest,
  listener: PodExecListener,
): Promise<PodExecSession> {
  const what = `open a terminal in container ${req.container} of pod ${req.namespace}/${req.pod} on ${connection.context}`;
  const { url, agent, headers } = await kubeEndpoint(connection.kubeConfig, {
    path: `/api/v1/namespaces/${encodeURIComponent(req.namespace)}/pods/${encodeURIComponent(req.pod)}/exec`,
    query: {
      container: req.container,
      command: req.command,
      stdin: true,
      stdout: true,
      stderr: !req.tty,
      tty: req.tty,
    },
    what,
  });
  url.protocol = url.protocol === 'http:' ? 'ws:' : 'wss:';
  const socket = new WebSocket(url, [...EXEC_PROTOCOLS], {
    agent,
    headers,
    handshakeTimeout: HANDSHAKE_TIMEOUT_MS,
  });
  // Listening starts now: the first output may arrive in the same packet as the upgrade.
  const session = execSession(socket, listener);
  await upgraded(socket, what).catch((error: unknown) => {
    throw explainPodAccessError(error, 'exec', req.namespace);
  });
  if (req.tty && req.cols && req.rows) session.resize(req.cols, req.rows);
  return session;
}

function upgraded(socket: WebSocket, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('unexpected-response', (request, response: IncomingMessage) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        reject(errorFromResponse(what, response.statusCode ?? 0, response.statusMessage ?? '', body));
        request.destroy();
      });
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      const code = error.code ?? error.name;
      reject(new KubeApiError(`${what}: ${code} ${messageOf(error)}`, 0, code));
    });
  });
}

function execSession(socket: WebSocket, listener: PodExecListener): PodExecSession {
  let exit: ExecExit | null = null;
  let closedByUs = false;
  let opened = false;
  socket.once('open', () => (opened = true));
  const finish = (result: ExecExit): void => {
    // Before the upgrade a failure is the rejection of openPodExec, not an exit.
    if (exit || !opened) return;
    exit = result;
    listener.exit(result);
  };
  socket.on('message', (message: Buffer) => {
    const frame = readFrame(message);
    if (frame?.kind === 'output') listener.output(frame.data, frame.stream);
    else if (frame?.kind === 'exit') finish(frame.exit);
  });
  socket.on('close', (code, reason) =>
    finish({
      code: null,
      message: closedByUs
        ? 'the terminal was closed'
        : `the connection closed before the process ended (${code}${reason.length ? ` ${reason.toString()}` : ''})`,
    }),
  );
  socket.on('error', (error) =>
    finish({ code: null, message: `the connection failed: ${messageOf(error)}` }),
  );

  const send = (frame: Buffer): void => {
    if (socket.readyState === WebSocket.OPEN) socket.send(frame);
  };
  return {
    get protocol() {
      return socket.protocol;
    },
    write: (data) => send(stdinFrame(data)),
    resize: (cols, rows) => send(resizeFrame(cols, rows)),
    close() {
      if (closedByUs) return;
      closedByUs = true;
      if (socket.protocol === EXEC_PROTOCOLS[0]) send(closeStdinFrame());
      socket.close(1000);
    },
  };
}

// The framing of Kubernetes' exec WebSocket protocol (`v4.channel.k8s.io`, `v5.channel.k8s.io`):
// every binary message starts with its channel byte — 0 stdin, 1 stdout, 2 stderr, 3 the final
// Status, 4 terminal resize — and v5 adds 255 to close one channel (stdin: end of input).

/** Offered in this order: v5 lets stdin be closed, v4 is what older API servers speak. */
export const EXEC_PROTOCOLS = ['v5.channel.k8s.io', 'v4.channel.k8s.io'] as const;

const STDIN = 0;
const STDOUT = 1;
const STDERR = 2;
const STATUS = 3;
const RESIZE = 4;
const CLOSE = 255;

export function stdinFrame(data: string | Uint8Array): Buffer {
  return Buffer.concat([Buffer.of(STDIN), typeof data === 'string' ? Buffer.from(data, 'utf8') : data]);
}

/** A terminal size change; the server wants `{"Width":…,"Height":…}`. */
export function resizeFrame(cols: number, rows: number): Buffer {
  return Buffer.concat([Buffer.of(RESIZE), Buffer.from(JSON.stringify({ Width: cols, Height: rows }))]);
}

/** v5 only: the end of stdin, as EOF reaches the process. */
export function closeStdinFrame(): Buffer {
  return Buffer.of(CLOSE, STDIN);
}

export interface ExecExit {
  /** The process's exit code, when the server told it. */
  code: number | null;
  message: string;
}

export type ExecFrame =
  { kind: 'output'; stream: 'stdout' | 'stderr'; data: Buffer } | { kind: 'exit'; exit: ExecExit };

/** One message from the server; null for an empty one or a channel a client does not read. */
export function readFrame(message: Buffer): ExecFrame | null {
  if (message.length === 0) return null;
  const data = message.subarray(1);
  switch (message[0]) {
    case STDOUT:
      return data.length ? { kind: 'output', stream: 'stdout', data } : null;
    case STDERR:
      return data.length ? { kind: 'output', stream: 'stderr', data } : null;
    case STATUS:
      return data.length ? { kind: 'exit', exit: exitOf(data.toString('utf8')) } : null;
    default:
      return null;
  }
}

interface StatusBody {
  status?: string;
  message?: string;
  reason?: string;
  details?: { causes?: { reason?: string; message?: string }[] };
}

/** Reads the Status the server sends on channel 3 when the process ends (or could not start). */
export function exitOf(statusJson: string): ExecExit {
  let status: StatusBody;
  try {
    status = JSON.parse(statusJson) as StatusBody;
  } catch {
    return { code: null, message: statusJson.trim() };
  }
  if (status.status === 'Success') return { code: 0, message: 'the process exited with code 0' };
  const cause = status.details?.causes?.find((c) => c.reason === 'ExitCode');
  const code = cause?.message !== undefined && /^\d+$/.test(cause.message) ? Number(cause.message) : null;
  const message = status.message ?? status.reason ?? 'the process failed';
  return { code, message: code === null ? message : `the process exited with code ${code}` };
}

// Speaks to the headless host below the HTTP and WebSocket libraries, byte for byte, the way a
// hostile client would: raw request bytes over TCP, a hand-made WebSocket handshake and frames.
// Used by the host's bad-input corpus and its fuzz test.
import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import { afterAll, beforeAll } from 'vitest';
import WebSocket from 'ws';
import { startServe, type ServingHost } from './cli.ts';
import { writeKubeconfig } from './kubeconfigFixture.ts';
import { tempDir } from './tempDir.ts';

export interface RawAnswer {
  /** the HTTP status of the first response line, if one came */
  status?: number;
  /** the first bytes of what came back, as latin1 text */
  head: string;
  /** whether the host closed the connection (rather than our time limit) */
  closedByHost: boolean;
}

function statusOf(text: string): number | undefined {
  const match = /^HTTP\/1\.[01] (\d{3})/.exec(text);
  return match ? Number(match[1]) : undefined;
}

/** Whether `bytes` hold one whole response (a kept-alive answer: the host does not close). */
function responseComplete(bytes: Buffer): boolean {
  const end = bytes.indexOf('\r\n\r\n');
  if (end < 0) return false;
  const head = bytes.subarray(0, end).toString('latin1');
  if (/\r\ntransfer-encoding: *chunked/i.test(head))
    return bytes.subarray(-5).toString('latin1') === '0\r\n\r\n';
  const length = /\r\ncontent-length: *(\d+)/i.exec(head);
  return length !== null && bytes.length - (end + 4) >= Number(length[1]);
}

/** Sends `bytes` on a fresh connection and collects the answer until the host closes or `waitMs`. */
export function rawExchange(port: number, bytes: Buffer | string, waitMs = 1_500): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const { socket, finish } = connection(port, waitMs, (closedByHost) => {
      const head = Buffer.concat(chunks).subarray(0, 2_000).toString('latin1');
      resolve({ status: statusOf(head), head, closedByHost });
    });
    socket.on('data', (chunk) => {
      chunks.push(chunk);
      if (responseComplete(Buffer.concat(chunks))) finish(false);
    });
    socket.on('connect', () => socket.write(bytes));
  });
}

/**
 * A connection to the host that ends once: when the host closes it or it errors
 * (`closedByHost`), when the caller has what it waited for, or after `waitMs`.
 */
function connection(port: number, waitMs: number, onEnd: (closedByHost: boolean) => void) {
  const socket = connect(port, '127.0.0.1');
  let done = false;
  const finish = (closedByHost: boolean) => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    socket.destroy();
    onEnd(closedByHost);
  };
  const timer = setTimeout(() => finish(false), waitMs);
  socket.on('error', () => finish(true));
  socket.on('close', () => finish(true));
  return { socket, finish };
}

/** One WebSocket frame as a client (or a broken client) would send it. */
export function frame(options: {
  opcode: number;
  payload?: Buffer | string;
  fin?: boolean;
  masked?: boolean;
  rsv?: number;
  /** a length to declare instead of the payload's own (the payload is then not all sent) */
  declaredLength?: bigint;
}): Buffer {
  const payload = Buffer.from(options.payload ?? '');
  const length = options.declaredLength ?? BigInt(payload.length);
  const first = ((options.fin ?? true) ? 0x80 : 0) | ((options.rsv ?? 0) << 4) | (options.opcode & 0x0f);
  const maskBit = (options.masked ?? true) ? 0x80 : 0;
  let header: Buffer;
  if (length < 126n) header = Buffer.from([first, maskBit | Number(length)]);
  else if (length < 65_536n) {
    header = Buffer.alloc(4);
    header.writeUInt16BE(Number(length), 2);
    header[1] = maskBit | 126;
  } else {
    header = Buffer.alloc(10);
    header.writeBigUInt64BE(length, 2);
    header[1] = maskBit | 127;
  }
  header[0] = first;
  if (!(options.masked ?? true)) return Buffer.concat([header, payload]);
  const mask = randomBytes(4);
  const masked = Buffer.from(payload.map((byte, index) => byte ^ mask[index % 4]!));
  return Buffer.concat([header, mask, masked]);
}

/** What the host did after some frames: its close frame's code, or that the socket stayed open. */
export interface FrameAnswer {
  /** the status code of the host's close frame (1005 when it had none) */
  closeCode?: number;
  /** text frames the host sent (contract results), first 500 characters each */
  texts: string[];
  closedByHost: boolean;
}

/** Opens an authenticated WebSocket by hand, sends `frames`, and reads what the host answers. */
export function rawWebSocket(
  port: number,
  token: string,
  frames: Buffer[],
  options: { waitMs?: number; untilText?: boolean } = {},
): Promise<FrameAnswer> {
  const waitMs = options.waitMs ?? 1_500;
  return new Promise((resolve, reject) => {
    let buffer: Buffer = Buffer.alloc(0);
    let upgraded = false;
    let refused: Error | undefined;
    const answer: FrameAnswer = { texts: [], closedByHost: false };
    const { socket, finish } = connection(port, waitMs, (closedByHost) =>
      refused ? reject(refused) : resolve({ ...answer, closedByHost: answer.closedByHost || closedByHost }),
    );
    socket.on('connect', () =>
      socket.write(
        `GET /api?token=${token} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\n` +
          `Connection: Upgrade\r\nSec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\n` +
          'Sec-WebSocket-Version: 13\r\n\r\n',
      ),
    );
    socket.on('data', (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      if (!upgraded) {
        const end = buffer.indexOf('\r\n\r\n');
        if (end < 0) return;
        const head = buffer.subarray(0, end).toString('latin1');
        if (statusOf(head) !== 101) {
          refused = new Error(`the host refused the WebSocket handshake: ${head.split('\r\n')[0]}`);
          return finish(true);
        }
        upgraded = true;
        buffer = buffer.subarray(end + 4);
        for (const bytes of frames) socket.write(bytes);
      }
      buffer = readServerFrames(buffer, answer, () => finish(true));
      if (options.untilText && answer.texts.length > 0) finish(false);
    });
  });
}

/** Consumes complete (unmasked) server frames from `buffer`; returns what is left. */
function readServerFrames(buffer: Buffer, answer: FrameAnswer, onClose: () => void): Buffer {
  while (buffer.length >= 2) {
    const opcode = buffer[0]! & 0x0f;
    let length = buffer[1]! & 0x7f;
    let offset = 2;
    if (length === 126) {
      if (buffer.length < 4) return buffer;
      length = buffer.readUInt16BE(2);
      offset = 4;
    } else if (length === 127) {
      if (buffer.length < 10) return buffer;
      length = Number(buffer.readBigUInt64BE(2));
      offset = 10;
    }
    if (buffer.length < offset + length) return buffer;
    const payload = buffer.subarray(offset, offset + length);
    buffer = buffer.subarray(offset + length);
    if (opcode === 0x1) answer.texts.push(payload.toString('utf8').slice(0, 500));
    if (opcode === 0x8) {
      answer.closeCode = payload.length >= 2 ? payload.readUInt16BE(0) : 1005;
      answer.closedByHost = true;
      onClose();
      return Buffer.alloc(0);
    }
  }
  return buffer;
}

/** A valid, authenticated contract call through the ws client: the host is alive and serving. */
export async function hostAnswers(port: number, token: string): Promise<unknown> {
  const socket = new WebSocket(`ws://127.0.0.1:${port}/api?token=${token}`);
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return await new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error('the host did not answer app.version within 5 s')),
        5_000,
      );
      socket.on('message', (data) => {
        const message = JSON.parse(data.toString()) as { type: string; id: number };
        if (message.type !== 'result' || message.id !== 1) return;
        clearTimeout(timer);
        resolve(message);
      });
      socket.send(JSON.stringify({ type: 'call', id: 1, name: 'app.version', input: {} }));
    });
  } finally {
    socket.terminate();
  }
}

/**
 * For a test file: `plumbline serve` on a temporary data folder and a kubeconfig with one
 * unreachable context, started before its tests and stopped after them (which fails the file
 * when the host logged an unhandled error).
 */
export function useServingHost(): { readonly host: ServingHost; readonly dataDir: string } {
  const dataDir = tempDir();
  let host: ServingHost | undefined;
  beforeAll(async () => {
    const kubeconfig = writeKubeconfig(dataDir, 'config', [
      { name: 'raw-ctx', server: 'https://raw.example', user: 'u' },
    ]);
    host = await startServe({ KUBECONFIG: kubeconfig, PLUMBLINE_DATA_DIR: dataDir });
  });
  afterAll(() => host?.stop());
  return {
    get host() {
      if (!host) throw new Error('the host is not started yet (use it inside a test)');
      return host;
    },
    dataDir,
  };
}

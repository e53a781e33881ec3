// Random inputs for the headless host's fuzz test, drawn from a seeded generator so that a
// failing run is replayed with its seed: HTTP requests (methods, targets with broken percent
// sequences, NUL, overlong paths, odd and huge headers), upgrade requests, WebSocket frame
// sequences (bad opcodes, unmasked, oversize, invalid UTF-8, fragments, random calls) and bytes.
import { frame } from './rawHost.ts';

/** mulberry32: small, fast, and the same sequence for the same seed everywhere. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Draw {
  constructor(readonly random: () => number) {}
  int(max: number): number {
    return Math.floor(this.random() * max);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }
  chance(p: number): boolean {
    return this.random() < p;
  }
  bytes(length: number): Buffer {
    return Buffer.from(Array.from({ length }, () => this.int(256)));
  }
  /** printable ASCII without spaces */
  printable(length: number): string {
    return Array.from({ length }, () => String.fromCharCode(33 + this.int(94))).join('');
  }
  /** mostly printable, sometimes any byte (control and high ones), as a latin1 string */
  mostlyPrintable(length: number): string {
    return this.chance(0.85) ? this.printable(length) : this.text(length);
  }
  /** printable, control and high bytes, as a latin1 string */
  text(length: number): string {
    return this.bytes(length).toString('latin1');
  }
}

export type FuzzInput =
  { kind: 'http' | 'upgrade' | 'bytes'; bytes: Buffer } | { kind: 'frames'; frames: Buffer[] };

const methods = [
  'GET',
  'HEAD',
  'POST',
  'PUT',
  'DELETE',
  'OPTIONS',
  'PATCH',
  'TRACE',
  'CONNECT',
  'PRI',
  'G\0T',
  '',
];
const versions = ['HTTP/1.1', 'HTTP/1.0', 'HTTP/2.0', 'HTTP/0.9', 'HTTP/1.1 extra', 'HTTPS/1.1', ''];
const pathPieces = [
  '%',
  '%c0%af',
  '%00',
  '%2e%2e',
  '..',
  '%2f',
  '%ff',
  '%e2%82',
  '\\',
  '//',
  '?',
  '#',
  '%%',
  '/api',
  'index.html',
  'assets',
  '\0',
  ' ',
  '\t',
  'é',
  '%F0%9F%98',
];
const headerNames = [
  'Host',
  'Origin',
  'Content-Length',
  'Transfer-Encoding',
  'Connection',
  'Upgrade',
  'Sec-WebSocket-Key',
  'Sec-WebSocket-Version',
  'Sec-WebSocket-Extensions',
  'Cookie',
  'X-Fuzz',
  '',
];
const callNames = [
  'app.version',
  'clusters.list',
  'settings.get',
  'apps.list',
  'no.such.call',
  '',
  '__proto__',
  'constructor',
];

function target(draw: Draw): string {
  if (draw.chance(0.05)) return `/${'a'.repeat(draw.int(40_000))}`;
  if (draw.chance(0.05)) return draw.pick(['*', 'http://127.0.0.1/', 'example.com:80', '']);
  let path = '/';
  for (let i = draw.int(6); i > 0; i--)
    path += draw.chance(0.7) ? draw.pick(pathPieces) : draw.mostlyPrintable(draw.int(8));
  return path.replaceAll('\r\n', '');
}

function headers(draw: Draw, port: number, token: string, upgrade: boolean): string {
  const lines: string[] = [];
  if (draw.chance(0.8))
    lines.push(`Host: ${draw.chance(0.9) ? `127.0.0.1:${port}` : draw.text(draw.int(20))}`);
  if (upgrade) {
    lines.push(
      `Upgrade: ${draw.pick(['websocket', 'WebSocket', 'h2c', draw.text(5)])}`,
      'Connection: Upgrade',
    );
    if (draw.chance(0.7))
      lines.push(`Sec-WebSocket-Key: ${draw.pick(['dGhlIHNhbXBsZSBub25jZQ==', draw.text(24)])}`);
    if (draw.chance(0.7)) lines.push(`Sec-WebSocket-Version: ${draw.pick(['13', '8', '', draw.text(3)])}`);
  }
  for (let i = draw.int(5); i > 0; i--) {
    const value = draw.chance(0.03)
      ? 'v'.repeat(20_000 + draw.int(20_000))
      : draw.mostlyPrintable(draw.int(30));
    lines.push(`${draw.chance(0.8) ? draw.pick(headerNames) : draw.mostlyPrintable(6)}: ${value}`);
  }
  if (upgrade && draw.chance(0.5)) lines.push(`X-Token: ${token}`);
  return lines.map((line) => line.replaceAll('\r\n', ' ')).join('\r\n');
}

function request(draw: Draw, port: number, token: string, upgrade: boolean): Buffer {
  let path =
    upgrade && draw.chance(0.5) ? `/api?token=${draw.chance(0.7) ? token : draw.text(10)}` : target(draw);
  if (upgrade && draw.chance(0.3)) path += draw.pick(pathPieces);
  // mostly well-formed request lines, so that most inputs reach the host's own checks
  const method = draw.chance(0.6) ? 'GET' : draw.pick(methods);
  const line = `${method} ${path} ${draw.chance(0.75) ? 'HTTP/1.1' : draw.pick(versions)}`;
  const body = draw.chance(0.2) ? draw.text(draw.int(200)) : '';
  const end = draw.chance(0.85) ? '\r\n\r\n' : draw.pick(['\n\n', '\r\n']);
  return Buffer.from(`${line}\r\n${headers(draw, port, token, upgrade)}${end}${body}`, 'latin1');
}

function call(draw: Draw): string {
  const input = draw.pick([
    {},
    null,
    [],
    { all: draw.text(4) },
    draw.text(10),
    1e308,
    { ['__proto__']: { x: 1 } },
  ]);
  const message = {
    type: draw.pick(['call', 'call', 'result', 7]),
    id: draw.pick([1, -1, 1.5, 2 ** 53, '1']),
    name: draw.pick(callNames),
    input,
  };
  const text = JSON.stringify(message);
  return draw.chance(0.3) ? text.slice(0, draw.int(text.length)) : text;
}

function frames(draw: Draw): Buffer[] {
  const list: Buffer[] = [];
  for (let i = 1 + draw.int(4); i > 0; i--) {
    const kind = draw.int(8);
    if (kind === 0) list.push(frame({ opcode: draw.int(16), payload: draw.bytes(draw.int(40)) }));
    else if (kind === 1) list.push(frame({ opcode: 0x1, payload: call(draw), masked: false }));
    else if (kind === 2)
      list.push(
        frame({ opcode: draw.pick([1, 2]), declaredLength: BigInt(4 * 1024 * 1024 + 1 + draw.int(1e9)) }),
      );
    else if (kind === 3)
      list.push(frame({ opcode: 0x1, payload: Buffer.concat([Buffer.from('{"type":"'), draw.bytes(8)]) }));
    else if (kind === 4)
      list.push(
        frame({ opcode: draw.pick([0, 1, 2]), payload: draw.bytes(draw.int(20)), fin: draw.chance(0.5) }),
      );
    else if (kind === 5)
      list.push(frame({ opcode: draw.int(16), payload: draw.bytes(draw.int(10)), rsv: draw.int(8) }));
    else if (kind === 6) list.push(draw.bytes(1 + draw.int(30)));
    else list.push(frame({ opcode: 0x1, payload: call(draw) }));
  }
  return list;
}

/** One input; `port` and `token` let some requests reach the checks behind the front door. */
export function fuzzInput(draw: Draw, port: number, token: string): FuzzInput {
  const kind = draw.int(10);
  if (kind < 4) return { kind: 'http', bytes: request(draw, port, token, false) };
  if (kind < 6) return { kind: 'upgrade', bytes: request(draw, port, token, true) };
  if (kind < 9) return { kind: 'frames', frames: frames(draw) };
  return { kind: 'bytes', bytes: draw.bytes(1 + draw.int(300)) };
}

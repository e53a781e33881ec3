// Hostile requests and WebSocket frames against the headless host (`plumbline serve`), sent as
// raw bytes over TCP: each is answered with the status or close code it must get, and after each
// the host still answers an authenticated contract call. Any unhandled error the host logs fails
// the file when the host stops (test/support/cli.ts).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { badInputCases, type BadInputCase } from './corpus.ts';
import { frame, hostAnswers, rawExchange, rawWebSocket, useServingHost } from '../support/rawHost.ts';

const serving = useServingHost();

async function stillServing(): Promise<void> {
  expect(
    await hostAnswers(serving.host.port, serving.host.token),
    'the host answers app.version afterwards',
  ).toMatchObject({
    ok: true,
  });
}

/** A raw HTTP request (the Host header is added unless `noHost`) answered with `status`. */
function request(name: string, status: number, build: (host: string, token: string) => string): BadInputCase {
  return {
    name,
    outcome: `answered ${status}, host alive`,
    run: async () => {
      const answer = await rawExchange(
        serving.host.port,
        build(`Host: 127.0.0.1:${serving.host.port}\r\n`, serving.host.token),
      );
      expect(answer.status, `answer to ${name}: ${answer.head.split('\r\n')[0]}`).toBe(status);
      await stillServing();
      return answer;
    },
  };
}

/** Frames on an authenticated WebSocket, after which the host closes it with `closeCode`. */
function frames(name: string, closeCode: number, sent: () => Buffer[]): BadInputCase {
  return {
    name,
    outcome: `closed with ${closeCode}, host alive`,
    run: async () => {
      const answer = await rawWebSocket(serving.host.port, serving.host.token, sent());
      expect(answer.closeCode, `close code after ${name}`).toBe(closeCode);
      await stillServing();
      return answer;
    },
  };
}

/** One frame after which the socket stays open and the host's result matches `expected`. */
function answered(
  name: string,
  outcome: string,
  sent: Buffer,
  expected: RegExp,
  alsoCheck: () => void = () => undefined,
): BadInputCase {
  return {
    name,
    outcome: `${outcome}, host alive`,
    run: async () => {
      const answer = await rawWebSocket(serving.host.port, serving.host.token, [sent], { untilText: true });
      expect(answer.closeCode, `close code after ${name}`).toBeUndefined();
      expect(answer.texts.join('')).toMatch(expected);
      alsoCheck();
      await stillServing();
      return answer;
    },
  };
}

const upgrade = (path: string, extra = '') =>
  `GET ${path} HTTP/1.1\r\nHost: HOST\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n${extra}\r\n`;
const wsHeaders = 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n';
const withHost = (text: string, hostLine: string) => text.replace('Host: HOST\r\n', hostLine);

badInputCases('host requests', [
  request('path /% (a lone percent sign)', 400, (h) => `GET /% HTTP/1.1\r\n${h}\r\n`),
  request('path /%c0%af (overlong UTF-8 slash)', 400, (h) => `GET /%c0%af HTTP/1.1\r\n${h}\r\n`),
  request('path /%00 (encoded NUL)', 400, (h) => `GET /%00 HTTP/1.1\r\n${h}\r\n`),
  request('raw NUL byte in the request line', 400, (h) => `GET /a\0b HTTP/1.1\r\n${h}\r\n`),
  request(
    'target //evil.example/x (another authority)',
    400,
    (h) => `GET //evil.example/x HTTP/1.1\r\n${h}\r\n`,
  ),
  request(
    'target /\\evil.example/x (backslash authority)',
    400,
    (h) => `GET /\\evil.example/x HTTP/1.1\r\n${h}\r\n`,
  ),
  request('absolute-form target', 400, (h) => `GET http://127.0.0.1/ HTTP/1.1\r\n${h}\r\n`),
  request('asterisk-form OPTIONS *', 400, (h) => `OPTIONS * HTTP/1.1\r\n${h}\r\n`),
  request('POST to the page', 405, (h) => `POST / HTTP/1.1\r\n${h}Content-Length: 0\r\n\r\n`),
  request('path climbing out with ../', 404, (h) => `GET /../../etc/passwd HTTP/1.1\r\n${h}\r\n`),
  request('path climbing out with %2f', 404, (h) => `GET /..%2f..%2fpackage.json HTTP/1.1\r\n${h}\r\n`),
  request('a 20 KB header', 431, (h) => `GET / HTTP/1.1\r\n${h}X-Big: ${'a'.repeat(20_000)}\r\n\r\n`),
  request('a 100 KB path', 431, (h) => `GET /${'a'.repeat(100_000)} HTTP/1.1\r\n${h}\r\n`),
  request('binary garbage instead of a request line', 400, () => '\x00\x01\x02 junk\r\n\r\n'),
  request('HTTP/9.9', 400, (h) => `GET / HTTP/9.9\r\n${h}\r\n`),
  request('a header line without a colon', 400, (h) => `GET / HTTP/1.1\r\n${h}Bad Header\r\n\r\n`),
  request('a control character in a header value', 400, (h) => `GET / HTTP/1.1\r\n${h}X: a\x01b\r\n\r\n`),
  request(
    'Content-Length with Transfer-Encoding (smuggling)',
    400,
    (h) => `POST / HTTP/1.1\r\n${h}Content-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`,
  ),
  request('another Host (DNS rebinding)', 421, () => `GET / HTTP/1.1\r\nHost: evil.example\r\n\r\n`),
  request('upgrade on path /%', 400, (h) => withHost(upgrade('/%'), h)),
  request('upgrade on target //x', 400, (h) => withHost(upgrade('//x'), h)),
  request('upgrade on /api%c0 with the token', 400, (h, t) =>
    withHost(upgrade(`/api%c0?token=${t}`, wsHeaders), h),
  ),
  request('upgrade without the token', 401, (h) => withHost(upgrade('/api', wsHeaders), h)),
  request('upgrade with the token, no Sec-WebSocket-Key', 400, (h, t) =>
    withHost(upgrade(`/api?token=${t}`, 'Sec-WebSocket-Version: 13\r\n'), h),
  ),
  request('upgrade with the token, WebSocket version 7', 400, (h, t) =>
    withHost(upgrade(`/api?token=${t}`, wsHeaders.replace('13', '7')), h),
  ),
  request('upgrade to h2c with the token', 400, (h, t) =>
    withHost(upgrade(`/api?token=${t}`).replace('websocket', 'h2c'), h),
  ),
  frames('an unmasked frame', 1002, () => [frame({ opcode: 0x1, payload: 'hi', masked: false })]),
  frames('a message declared 5 MiB (over the 4 MiB limit)', 1009, () => [
    frame({ opcode: 0x1, declaredLength: 5n * 1024n * 1024n }),
  ]),
  frames('a 64-bit length of 2^63', 1009, () => [frame({ opcode: 0x2, declaredLength: 1n << 63n })]),
  frames('a text frame of invalid UTF-8', 1007, () => [
    frame({ opcode: 0x1, payload: Buffer.from([0xff, 0xfe, 0xc0, 0xaf]) }),
  ]),
  frames('reserved data opcode 3', 1002, () => [frame({ opcode: 0x3, payload: 'x' })]),
  frames('reserved control opcode 0xB', 1002, () => [frame({ opcode: 0xb, payload: 'x' })]),
  frames('RSV1 set without an extension', 1002, () => [frame({ opcode: 0x1, payload: 'x', rsv: 4 })]),
  frames('a fragmented ping', 1002, () => [frame({ opcode: 0x9, payload: 'x', fin: false })]),
  frames('a 200-byte ping (control frames stop at 125)', 1002, () => [
    frame({ opcode: 0x9, payload: 'x'.repeat(200) }),
  ]),
  frames('a continuation without a message', 1002, () => [frame({ opcode: 0x0, payload: 'x' })]),
  frames('a new message inside a fragmented one', 1002, () => [
    frame({ opcode: 0x1, payload: '{"a"', fin: false }),
    frame({ opcode: 0x1, payload: 'x' }),
  ]),
  frames('a close frame with status 999', 1002, () => [
    frame({ opcode: 0x8, payload: Buffer.from([0x03, 0xe7]) }),
  ]),
  frames('a close frame with a 1-byte payload', 1002, () => [
    frame({ opcode: 0x8, payload: Buffer.from([0x03]) }),
  ]),
  answered(
    'a call with id -1 and no name',
    'an invalid-input result, socket open',
    frame({ opcode: 0x1, payload: '{"type":"call","id":-1}' }),
    /"code":"invalid-input"/,
  ),
  answered(
    'a binary frame of random bytes',
    'an invalid-input result, socket open',
    frame({ opcode: 0x2, payload: Buffer.from([1, 2, 3, 255, 0]) }),
    /"ok":false.*malformed call/,
  ),
  answered(
    'settings.update of tools.helm over the WebSocket',
    'refused, naming the setting and the file to edit; nothing changed',
    frame({
      opcode: 0x1,
      payload: JSON.stringify({
        type: 'call',
        id: 7,
        name: 'settings.update',
        input: { tools: { helm: '/tmp/x', kubectl: null, kustomize: null } },
      }),
    }),
    /"ok":false.*settings\.update refused: tools\.helm .*config\.json/,
    () => {
      const config = join(serving.dataDir, 'config.json');
      expect(existsSync(config) ? readFileSync(config, 'utf8') : '').not.toContain('/tmp/x');
    },
  ),
]);

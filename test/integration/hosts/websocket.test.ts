// The headless host's WebSocket: the token and the origin are required, payloads are validated.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startServe, type ServingHost } from '../../support/cli.ts';
import { writeKubeconfig } from '../../support/kubeconfigFixture.ts';
import { tempDir } from '../../support/tempDir.ts';

const dir = tempDir();
let host: ServingHost;

beforeAll(async () => {
  const kubeconfig = writeKubeconfig(dir, 'config', [
    { name: 'ws-ctx', server: 'https://ws.example', user: 'u' },
  ]);
  host = await startServe({ KUBECONFIG: kubeconfig, PLUMBLINE_DATA_DIR: dir });
});
afterAll(() => host?.stop());

/** Opens a socket and resolves with the HTTP status it was refused with, or 101 when accepted. */
function handshake(
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; socket?: WebSocket }> {
  return new Promise((resolve) => {
    const socket = new WebSocket(`ws://127.0.0.1:${host.port}${path}`, { headers });
    socket.on('open', () => resolve({ status: 101, socket }));
    socket.on('unexpected-response', (_request, response) => resolve({ status: response.statusCode ?? 0 }));
    socket.on('error', () => resolve({ status: 0 }));
  });
}

function call(socket: WebSocket, message: unknown): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    socket.on('message', function listener(data) {
      const parsed = JSON.parse(data.toString());
      if (parsed.type !== 'result') return;
      socket.off('message', listener);
      resolve(parsed);
    });
    socket.send(typeof message === 'string' ? message : JSON.stringify(message));
  });
}

describe('the headless WebSocket', () => {
  it('refuses a connection without a token', async () => {
    expect((await handshake('/api')).status).toBe(401);
  });

  it('refuses a wrong token', async () => {
    expect((await handshake('/api?token=wrong')).status).toBe(401);
    expect((await handshake(`/api?token=${host.token}x`)).status).toBe(401);
  });

  it('refuses a foreign Origin even with the right token', async () => {
    const result = await handshake(`/api?token=${host.token}`, { Origin: 'https://evil.example' });
    expect(result.status).toBe(403);
  });

  it('refuses a request for another Host (DNS rebinding)', async () => {
    const result = await handshake(`/api?token=${host.token}`, { Host: `evil.example:${host.port}` });
    expect(result.status).toBe(421);
  });

  it('accepts the token from its own origin and answers calls', async () => {
    const { status, socket } = await handshake(`/api?token=${host.token}`, {
      Origin: `http://127.0.0.1:${host.port}`,
    });
    expect(status).toBe(101);
    const result = await call(socket!, { type: 'call', id: 1, name: 'clusters.list', input: {} });
    expect(result).toMatchObject({ id: 1, ok: true });
    expect(JSON.stringify(result)).toContain('ws-ctx');
    socket!.close();
  });

  it('refuses malformed payloads with a clear error and keeps serving', async () => {
    const { socket } = await handshake(`/api?token=${host.token}`);
    expect(await call(socket!, 'not json')).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    const wrongInput = await call(socket!, {
      type: 'call',
      id: 2,
      name: 'apps.list',
      input: { all: 'please' },
    });
    expect(wrongInput).toMatchObject({ id: 2, ok: false, error: { code: 'invalid-input' } });
    expect((wrongInput.error as { message: string }).message).toContain('apps.list');
    const unknown = await call(socket!, { type: 'call', id: 3, name: 'rm -rf', input: {} });
    expect(unknown).toMatchObject({ id: 3, ok: false, error: { code: 'unknown-call' } });
    expect(await call(socket!, { type: 'call', id: 4, name: 'app.version', input: {} })).toMatchObject({
      id: 4,
      ok: true,
    });
    socket!.close();
  });

  it('serves the page with a strict content security policy', async () => {
    const response = await fetch(host.url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await response.text()).toContain('<div id="root">');
    expect((await fetch(`${host.url}..%2f..%2fpackage.json`)).status).toBe(404);
  });
});

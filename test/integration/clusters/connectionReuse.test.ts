// Requests to one API server with the same credentials share keep-alive TLS connections: a new
// handshake per request made a sync of 20 objects pay about a hundred of them.
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { KubeConfig } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendKubeRequest } from '../../../engine/cluster/kubeHttp.ts';
import { selfSignedCertificate } from '../../support/selfSignedCertificate.ts';

let server: Server;
let handshakes = 0;
let port = 0;
const { key, cert } = selfSignedCertificate('reuse', '127.0.0.1');

function kubeConfig(token: string, ca = cert): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [
      {
        name: 'c',
        server: `https://127.0.0.1:${port}`,
        caData: Buffer.from(ca).toString('base64'),
        skipTLSVerify: false,
      },
    ],
    users: [{ name: 'u', token }],
    contexts: [{ name: 'x', cluster: 'c', user: 'u' }],
    currentContext: 'x',
  });
  return kc;
}

const get = (kc: KubeConfig) =>
  sendKubeRequest(kc, { method: 'GET', path: '/version', idleTimeoutMs: 5_000, what: 'get version' });

beforeAll(async () => {
  server = createServer({ key, cert }, (req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ auth: req.headers.authorization }));
  });
  server.on('secureConnection', () => handshakes++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('connections to an API server', () => {
  it('are reused across requests, each with its own current token', async () => {
    handshakes = 0;
    const first = await get(kubeConfig('token-one'));
    for (let i = 0; i < 9; i++) await get(kubeConfig('token-one'));
    const other = await get(kubeConfig('token-two'));
    expect(JSON.parse(first.body)).toEqual({ auth: 'Bearer token-one' });
    expect(JSON.parse(other.body)).toEqual({ auth: 'Bearer token-two' });
    expect(handshakes).toBe(1);
  });

  it('are not shared between different certificate authorities', async () => {
    handshakes = 0;
    await get(kubeConfig('t'));
    const stranger = selfSignedCertificate('stranger', '127.0.0.1').cert;
    await expect(get(kubeConfig('t', stranger))).rejects.toThrow(/cannot reach|certificate/);
  });
});

// A GitHub App API that answers badly (a huge body, not JSON, no token, a redirect, an error
// echoing the JWT): each becomes a GithubAppError naming the API host, never an unbounded read,
// and no message carries the app's key or its JWT.
import { generateKeyPairSync } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GithubAppTokens } from '../../engine/repos/githubApp.ts';
import { selfSignedCertificate } from '../support/selfSignedCertificate.ts';

const certificate = selfSignedCertificate('127.0.0.1', '127.0.0.1');
const privateKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({
  type: 'pkcs1',
  format: 'pem',
}) as string;
let server: Server;
let base: string;

const answers: Record<string, (response: ServerResponse, jwt: string) => void> = {
  '1': (response) => response.writeHead(201).end('x'.repeat(1024 * 1024)),
  '2': (response) => response.writeHead(201).end('<html>not json</html>'),
  '3': (response) => response.writeHead(201).end('{"expires_at": "2030-01-01T00:00:00Z"}'),
  '4': (response) => response.writeHead(302, { location: 'https://elsewhere.example.test/' }).end(),
  '5': (response, jwt) => response.writeHead(500).end(`you sent ${jwt}`),
  '6': (response) => response.writeHead(201).end('{"token": ""}'),
};

beforeAll(async () => {
  server = createServer(certificate, (request, response) => {
    const id = /installations\/(\d+)\//.exec(request.url ?? '')?.[1] ?? '';
    const jwt = (request.headers.authorization ?? '').replace(/^Bearer /, '');
    (answers[id] ?? ((r) => r.writeHead(404).end()))(response, jwt);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `https://127.0.0.1:${(server.address() as AddressInfo).port}/api/v3`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('a hostile GitHub App API', () => {
  it.each([
    ['1', /over 65536 bytes/],
    ['2', /not JSON/],
    ['3', /no token/],
    ['4', /answered 302/],
    ['5', /answered 500/],
    ['6', /no token/],
    ['9', /no such installation/],
  ])('installation %s', async (installationId, reason) => {
    const tokens = new GithubAppTokens();
    const error = await tokens
      .token({ appId: '1', installationId, privateKey, enterpriseBaseUrl: base }, { ca: certificate.cert })
      .then(
        () => new Error('accepted'),
        (failure: Error) => failure,
      );
    expect(error.message).toMatch(reason);
    expect(error.message).toContain('127.0.0.1');
    expect(error.message).not.toContain('PRIVATE KEY');
    expect(error.message).not.toMatch(/eyJ[\w-]+\.eyJ/);
  });

  it('refuses an API that is not https, or IDs that are not numbers, before sending anything', async () => {
    const tokens = new GithubAppTokens();
    await expect(
      tokens.token({
        appId: '1',
        installationId: '2',
        privateKey,
        enterpriseBaseUrl: 'http://127.0.0.1:1/api',
      }),
    ).rejects.toThrow(/must be https/);
    await expect(
      tokens.token({ appId: '1', installationId: '../../x', privateKey, enterpriseBaseUrl: base }),
    ).rejects.toThrow(/are numbers/);
  });
});

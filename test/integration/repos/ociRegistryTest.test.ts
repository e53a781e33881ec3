// `repos.test` of an OCI registry: the `/v2/` ping answers 401 with a Bearer challenge, and the
// stored credentials buy a token at the challenge's realm (the Docker registry token flow),
// against a stand-in registry on 127.0.0.1 over https whose CA the user trusts for the host.
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlumblineClient } from '../../../engine/api/client.ts';
import type { Engine } from '../../../engine/index.ts';
import { memorySecretStore } from '../../../engine/secrets/secretStore.ts';
import { makeScratch, type Scratch } from '../../support/gitFixtures.ts';
import { selfSignedCertificate } from '../../support/selfSignedCertificate.ts';
import { testEngine } from '../../support/testEngine.ts';

const PASSWORD = 'registry-password-77d1';
let scratch: Scratch;
let registry: Server;
let host: string;
let engine: Engine;
let client: PlumblineClient;
const certificate = selfSignedCertificate('127.0.0.1', '127.0.0.1');

beforeAll(async () => {
  scratch = await makeScratch();
  const login = `Basic ${Buffer.from(`robot:${PASSWORD}`).toString('base64')}`;
  registry = createServer(certificate, (request, response) => {
    const url = new URL(request.url ?? '/', 'https://registry');
    if (url.pathname === '/v2/')
      return void response
        .writeHead(401, {
          'www-authenticate': `Bearer realm="https://${host}/token",service="test-registry"`,
        })
        .end();
    if (url.pathname === '/token' && url.searchParams.get('service') === 'test-registry')
      return request.headers.authorization === login
        ? void response.writeHead(200).end('{"token":"registry-token"}')
        : void response.writeHead(401).end();
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => registry.listen(0, '127.0.0.1', resolve));
  host = `127.0.0.1:${(registry.address() as AddressInfo).port}`;
  ({ engine, client } = testEngine(scratch.root, join(scratch.root, 'no-workspace'), {
    kubeconfig: join(scratch.root, 'no-kubeconfig'),
    secrets: memorySecretStore(),
    renderOnStart: false,
  }));
  await client.call('repos.setCertificates', { host: '127.0.0.1', pem: certificate.cert });
});
afterAll(async () => {
  await engine?.close();
  await new Promise((resolve) => registry?.close(resolve));
  await scratch?.remove();
});

describe('an OCI registry', () => {
  it('is tried by its token flow: ok with the credentials, auth without the right ones', async () => {
    const url = `oci://${host}/charts`;
    await client.call('repos.add', {
      definition: { url, type: 'oci', credentials: { username: 'robot', password: PASSWORD } },
    });
    expect(await client.call('repos.test', { url })).toMatchObject({ ok: true, problem: null });
    await client.call('repos.add', {
      definition: { url, type: 'oci', credentials: { username: 'robot', password: 'not-it' } },
      upsert: true,
    });
    const refused = await client.call('repos.test', { url });
    expect(refused).toMatchObject({ ok: false, problem: 'auth' });
    expect(refused.message).not.toContain('not-it');
  });
});

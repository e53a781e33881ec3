// The plugin generator against a real HTTP server on 127.0.0.1 that the test starts: the request
// Argo CD's plugin service sends (path, Bearer token, body), the answer's parameter sets flattened
// or kept, generator.input.parameters and templated values; then a 500, a slow answer, a huge
// body, a wrong token and redirects, each an error that never carries the token.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateApplications } from '../../../engine/appset/index.ts';
import { generatorSecretAccount } from '../../../engine/appset/generatorSecret.ts';
import { scrub } from '../../../engine/git/scrub.ts';
import { memorySecretStore } from '../../../engine/secrets/secretStore.ts';
import { appSet, sources } from '../../support/appsetFixtures.ts';
import { argoNamespace } from '../../support/argoNamespaceFixture.ts';

const TOKEN = 'plugin-token-7f3a9c2e1b';
type Handler = (request: IncomingMessage, body: string, response: ServerResponse) => void;
const handlers = new Map<string, Handler>();
const requests: { url: string; method: string; authorization: string; body: string }[] = [];
let server: Server;
let other: Server;
let base: string;
let otherBase: string;

const json = (response: ServerResponse, status: number, value: unknown) => {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(value));
};

function listen(target: Server): Promise<string> {
  return new Promise((resolve) =>
    target.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(target.address() as AddressInfo).port}`),
    ),
  );
}

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      requests.push({
        url: request.url ?? '',
        method: request.method ?? '',
        authorization: request.headers.authorization ?? '',
        body,
      });
      const plugin = request.url?.split('/')[1] ?? '';
      const handler = handlers.get(plugin);
      if (!handler) return json(response, 404, { message: 'no such plugin' });
      if (request.headers.authorization !== `Bearer ${TOKEN}`)
        return json(response, 401, { error: `bad token ${request.headers.authorization ?? ''}` });
      handler(request, body, response);
    });
  });
  other = createServer((_request, response) =>
    json(response, 200, { output: { parameters: [{ stolen: 'yes' }] } }),
  );
  base = await listen(server);
  otherBase = await listen(other);
});
afterAll(() => {
  server.closeAllConnections();
  other.closeAllConnections();
  server.close();
  other.close();
});

const template = {
  metadata: { name: '{{name}}', annotations: { input: '{{values.fromInput}}' } },
  spec: {
    project: 'default',
    source: { repoURL: 'https://git.example.test/apps.git', path: 'apps', targetRevision: 'HEAD' },
    destination: { server: 'https://a.test', namespace: '{{name}}' },
  },
};

async function generate(
  plugin: string,
  extra: Record<string, unknown> = {},
  cm: Record<string, string> = {},
  limits = {},
) {
  const secrets = memorySecretStore({ [generatorSecretAccount('plugin-secret', 'token')]: TOKEN });
  const namespace = argoNamespace(
    { 'my-plugin': { baseUrl: `${base}/${plugin}`, token: '$plugin-secret:token', ...cm } },
    [],
    secrets,
  );
  const set = appSet([{ plugin: { configMapRef: { name: 'my-plugin' }, ...extra } }], {}, template);
  set.metadata.name = 'myplugin';
  return generateApplications(set, { ...sources(), argoNamespace: namespace, limits });
}

describe('plugin generator over HTTP', () => {
  it('posts the set name and input parameters with the Bearer token, and flattens the answer', async () => {
    handlers.set('ok', (_request, _body, response) =>
      json(response, 200, {
        output: { parameters: [{ name: 'cart', deep: { a: 1, list: ['x', true] } }, { name: 'shop' }] },
      }),
    );
    requests.length = 0;
    const apps = await generate('ok', {
      input: { parameters: { key1: 'value1', list: ['list', 'of'], boolean: true, map: { key1: 'v' } } },
      values: { fromInput: '{{name}}-v' },
    });
    expect(requests).toEqual([
      {
        url: '/ok/api/v1/getparams.execute',
        method: 'POST',
        authorization: `Bearer ${TOKEN}`,
        body: JSON.stringify({
          applicationSetName: 'myplugin',
          input: { parameters: { key1: 'value1', list: ['list', 'of'], boolean: true, map: { key1: 'v' } } },
        }),
      },
    ]);
    expect(apps.map((app) => app.name)).toEqual(['cart', 'shop']);
    expect(apps[0]!.params).toEqual({
      name: 'cart',
      'deep.a': '1',
      'deep.list.0': 'x',
      'deep.list.1': 'true',
      generator: {
        input: { parameters: { key1: 'value1', list: ['list', 'of'], boolean: true, map: { key1: 'v' } } },
      },
      'values.fromInput': 'cart-v',
    });
    expect(apps[1]!.application.metadata.annotations).toEqual({ input: 'shop-v' });
  });

  it('sends `input: {}` without parameters and takes an empty answer as no parameter sets', async () => {
    handlers.set('empty', (_request, _body, response) => response.end(''));
    requests.length = 0;
    expect(await generate('empty')).toEqual([]);
    expect(JSON.parse(requests[0]!.body)).toEqual({ applicationSetName: 'myplugin', input: {} });
  });

  it.each([
    [
      'a 500 quotes the message of its answer',
      'fail',
      {},
      {},
      'error listing params: API error with status code 500: the plugin broke',
    ],
    [
      'a wrong token: the 401, never the token',
      'ok',
      { token: '$plugin-secret:token' },
      {},
      'API error with status code 401',
    ],
    [
      'a slow answer stops at the time limit',
      'slow',
      {},
      { pluginTimeoutMs: 300 },
      'the plugin did not answer within 0.3 seconds',
    ],
    [
      'a ConfigMap requestTimeout lowers the limit',
      'slow',
      { requestTimeout: '1' },
      { pluginTimeoutMs: 60_000 },
      'did not answer within 1 seconds',
    ],
    [
      'a huge body stops at the size limit',
      'huge',
      {},
      { maxPluginResponseBytes: 64 * 1024 },
      'over the limit of 65536 bytes',
    ],
    [
      'too many parameter sets',
      'many',
      {},
      { maxApplications: 10 },
      '20 plugin parameter sets is over the limit of 10',
    ],
    [
      'an answer nested too deep',
      'deep',
      {},
      {},
      "a plugin's parameter set is nested over the limit of 32 levels",
    ],
    ['a redirect to another host is not followed', 'away', {}, {}, 'the plugin redirected to another host'],
    ['an answer that is not JSON', 'text', {}, {}, "the plugin's answer is not JSON: <html>"],
  ])('%s', async (_what, plugin, cm, limits, message) => {
    handlers.set('fail', (_r, _b, response) => json(response, 500, { message: 'the plugin broke' }));
    handlers.set('slow', (_r, _b, response) => setTimeout(() => json(response, 200, {}), 2500).unref());
    handlers.set('huge', (_r, _b, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(`{"output":{"parameters":[{"a":"${'x'.repeat(1024 * 1024)}"}]}}`);
    });
    handlers.set('many', (_r, _b, response) =>
      json(response, 200, {
        output: { parameters: Array.from({ length: 20 }, (_, i) => ({ name: `a${i}` })) },
      }),
    );
    let nested: unknown = 'x';
    for (let level = 0; level < 40; level++) nested = { n: nested };
    handlers.set('deep', (_r, _b, response) =>
      json(response, 200, { output: { parameters: [{ name: 'a', nested }] } }),
    );
    handlers.set('away', (_r, _b, response) => {
      response.writeHead(307, { location: `${otherBase}/api/v1/getparams.execute` });
      response.end();
    });
    handlers.set('text', (_r, _b, response) => response.end('<html>oops</html>'));
    const wrongToken = 'token' in cm;
    const run = wrongToken
      ? (async () => {
          const secrets = memorySecretStore({
            [generatorSecretAccount('plugin-secret', 'token')]: 'wrong-token-0c5d8e1f',
          });
          const namespace = argoNamespace(
            { p: { baseUrl: `${base}/ok`, token: '$plugin-secret:token' } },
            [],
            secrets,
          );
          return generateApplications(appSet([{ plugin: { configMapRef: { name: 'p' } } }]), {
            ...sources(),
            argoNamespace: namespace,
          });
        })()
      : generate(plugin, {}, cm as Record<string, string>, limits);
    const error = (await run.then(
      () => new Error('generated'),
      (failure: Error) => failure,
    )) as Error;
    expect(error.message).toContain('generator 0 (plugin): ');
    expect(error.message).toContain(message);
    expect(error.message).not.toContain(TOKEN);
    expect(error.message).not.toContain('wrong-token-0c5d8e1f');
  });

  it('follows a redirect within the same origin, repeating the POST on a 307', async () => {
    handlers.set('moved', (_r, _b, response) => {
      response.writeHead(307, { location: '/ok/api/v1/getparams.execute' });
      response.end();
    });
    expect((await generate('moved')).map((app) => app.name)).toEqual(['cart', 'shop']);
  });

  it('refuses a baseUrl that is not http(s) or holds credentials, and a token the keychain lacks', async () => {
    const refuse = async (cm: Record<string, string>, message: string) => {
      const namespace = argoNamespace({ p: { baseUrl: base, token: '$plugin-secret:token', ...cm } });
      await expect(
        generateApplications(appSet([{ plugin: { configMapRef: { name: 'p' } } }]), {
          ...sources(),
          argoNamespace: namespace,
        }),
      ).rejects.toThrow(message);
    };
    await refuse({}, 'error fetching Secret token: the keychain holds no appset-secret:plugin-secret:token');
    await refuse(
      { token: 'plain' },
      "token is empty, or does not reference a secret key starting with '$': plain",
    );
    await refuse({ baseUrl: '' }, 'baseUrl not found in ConfigMap');
  });

  it('hands the token to the scrubber once used', () => {
    expect(scrub(`Authorization token ${TOKEN} leaked`)).not.toContain(TOKEN);
  });
});

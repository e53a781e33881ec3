// Hostile input to the repositories calls: URLs carrying credentials, line breaks or git options,
// settings that would smuggle text into ssh or curl, oversized or malformed imports, Secrets of
// unknown types — each refused (or skipped) with a reason that quotes no secret, and nothing
// written to the index or the keychain for what was refused.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlumblineClient } from '../../engine/api/client.ts';
import type { Engine } from '../../engine/index.ts';
import { memorySecretStore } from '../../engine/secrets/secretStore.ts';
import { MAX_IMPORT_BYTES } from '../../engine/repos/argoSecrets.ts';
import { makeScratch, type Scratch } from '../support/gitFixtures.ts';
import { testEngine } from '../support/testEngine.ts';

const SECRET = 'hostile-secret-3c9e1d';
let scratch: Scratch;
let engine: Engine;
let client: PlumblineClient;
const secrets = memorySecretStore();

beforeAll(async () => {
  scratch = await makeScratch();
  ({ engine, client } = testEngine(scratch.root, join(scratch.root, 'no-workspace'), {
    kubeconfig: join(scratch.root, 'no-kubeconfig'),
    secrets,
    renderOnStart: false,
  }));
});
afterAll(async () => {
  await engine?.close();
  await scratch?.remove();
});

async function refused(call: Promise<unknown>): Promise<string> {
  const error = await call.then(
    () => {
      throw new Error('accepted');
    },
    (failure: unknown) => failure as Error,
  );
  expect(error.message).not.toBe('accepted');
  expect(error.message).not.toContain(SECRET);
  expect(error.message).not.toContain(encodeURIComponent(SECRET));
  return error.message;
}

describe('repos.add refuses', () => {
  it.each([
    [`https://user:${SECRET}@git.example.test/org/app.git`, /holds credentials/],
    [`https://${SECRET}@git.example.test/org/app.git`, /holds credentials/],
    [`ssh://git:${SECRET}@git.example.test/org/app.git`, /holds credentials/],
    ['https://git.example.test/org/app.git\nurl = evil', /control characters/],
    ['--upload-pack=touch /tmp/pwned', /can not start with "-"/],
    ['-oProxyCommand=sh -c id', /can not start with "-"/],
    ['ext::sh -c touch% /tmp/pwned', /remote helper/],
    ['relative/path', /neither a URL nor an absolute path/],
    ['x'.repeat(3000), /.+/],
  ])('the URL %s', async (url, reason) => {
    expect(await refused(client.call('repos.add', { definition: { url } }))).toMatch(reason);
  });

  it('settings that would reach curl or ssh as more than one value', async () => {
    const url = 'https://git.example.test/org/app';
    for (const definition of [
      { url, proxy: 'http://proxy.example.test\nHost: evil' },
      { url, proxy: '-x evil' },
      { url, noProxy: 'a\r\nb' },
      { url, name: 'a\u0000b' },
      { url: 'oci://registry.example.test/charts', type: 'helm' as const },
      { url: 'ftp://charts.example.test', type: 'helm' as const },
      { url, credentials: { username: 'a\nb', password: SECRET } },
      {
        url,
        credentials: {
          githubAppId: '1; rm -rf /',
          githubAppInstallationId: '2',
          githubAppPrivateKey: SECRET,
        },
      },
      { url, credentials: { githubAppPrivateKey: SECRET } },
      { url, credentials: { githubAppEnterpriseBaseUrl: 'not a url', password: SECRET } },
    ])
      await refused(client.call('repos.add', { definition }));
    expect((await client.call('repos.list', {})).repositories).toEqual([]);
    expect(await secrets.get(`repo:${url}`)).toBeNull();
  });

  it('a second add of the same URL without upsert', async () => {
    const url = 'https://git.example.test/org/twice';
    await client.call('repos.add', { definition: { url, credentials: { password: SECRET } } });
    expect(await refused(client.call('repos.add', { definition: { url } }))).toMatch(/exists already/);
    await client.call('repos.remove', { url });
  });
});

describe('trust settings refuse', () => {
  it('known hosts lines that are not host keys', async () => {
    const before = (await client.call('repos.list', {})).knownHosts;
    for (const text of [
      '@cert-authority * ssh-ed25519 AAAA',
      'host ssh-ed25519 AAAA\nProxyCommand sh -c id',
      'host,-oProxyCommand=id ssh-rsa AAAA',
      'host ssh-evil AAAA',
    ])
      await refused(client.call('repos.addKnownHosts', { text }));
    expect((await client.call('repos.list', {})).knownHosts).toEqual(before);
  });

  it('certificates for something that is not a host, or text that is not PEM', async () => {
    for (const [host, pem] of [
      ['host/path', '-----BEGIN CERTIFICATE-----\nx\n-----END CERTIFICATE-----'],
      ['-host', '-----BEGIN CERTIFICATE-----\nx\n-----END CERTIFICATE-----'],
      ['host\nother', '-----BEGIN CERTIFICATE-----\nx\n-----END CERTIFICATE-----'],
      ['git.example.test', `-----BEGIN PRIVATE KEY-----\n${SECRET}\n-----END PRIVATE KEY-----`],
    ] as const)
      await refused(client.call('repos.setCertificates', { host, pem }));
  });
});

describe('repos.import', () => {
  it('refuses an oversized file before parsing it', async () => {
    const yaml = `# ${'x'.repeat(MAX_IMPORT_BYTES)}\n`;
    expect(await refused(client.call('repos.import', { yaml, source: 'big.yaml' }))).toMatch(
      /over the import limit/,
    );
  });

  it('refuses YAML that does not parse without quoting it', async () => {
    const yaml = `kind: Secret\nstringData: {password: "${SECRET}\n  : [`;
    expect(await refused(client.call('repos.import', { yaml, source: 'bad.yaml' }))).toMatch(
      /not valid YAML/,
    );
  });

  it('skips Secrets of unknown types and shapes, storing nothing of them', async () => {
    const yaml = [
      'kind: Secret',
      'metadata: {name: a, labels: {argocd.argoproj.io/secret-type: repository-write}}',
      `stringData: {url: "https://h/a", password: ${SECRET}}`,
      '---',
      'kind: Secret',
      'metadata: {name: b, labels: {argocd.argoproj.io/secret-type: repository}}',
      `stringData: {url: "-oProxyCommand=id", password: ${SECRET}}`,
      '---',
      'kind: Secret',
      'metadata: {name: c, labels: {argocd.argoproj.io/secret-type: repository}}',
      `stringData: {url: {nested: true}, password: [${SECRET}]}`,
      '---',
      '[1, 2, 3]',
      '---',
      'just text',
    ].join('\n');
    const result = await client.call('repos.import', { yaml, source: 'odd.yaml' });
    expect(result.imported).toEqual([]);
    expect(result.skipped.map((item) => item.secret).sort()).toEqual(['default/a', 'default/b', 'default/c']);
    expect(JSON.stringify(result)).not.toContain(SECRET);
    expect((await client.call('repos.list', {})).repositories).toEqual([]);
  });

  it('refuses a namespace that is not a name before asking any cluster', async () => {
    expect(
      await refused(client.call('repos.import', { cluster: 'any', namespace: '../kube-system' })),
    ).toMatch(/not a namespace name/);
  });
});

describe('the index', () => {
  it('holds no secret after adds with every kind of credential', async () => {
    await client.call('repos.add', {
      definition: {
        url: 'https://git.example.test/org/all',
        credentials: {
          username: 'bot',
          password: `${SECRET}-password`,
          tlsClientCertData: 'CERT',
          tlsClientCertKey: `${SECRET}-tls-key`,
        },
      },
    });
    await client.call('repos.add', {
      definition: {
        kind: 'template',
        url: 'git@git.example.test:org',
        credentials: { sshPrivateKey: `${SECRET}-ssh-key` },
      },
    });
    const index = await readFile(join(scratch.root, 'data', 'repositories.json'), 'utf8');
    expect(index).not.toContain(SECRET);
    expect(JSON.stringify(await client.call('repos.list', {}))).not.toContain(SECRET);
  });
});

// Hostile OCI registries and artifacts: a Node https server on 127.0.0.1 answering as a registry
// that lies. Archives that climb out, link out, hold devices, unpack huge or to too many files;
// manifests past the size limit; content that does not match its digest; a blob redirected to
// another host (the credentials must not follow); a token realm on plain http; a registry that
// never answers (the time limit). Each becomes a clear error naming the artifact, never a crash,
// a credential in a message, or a file outside the cache.
import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HELM_CONFIG_MEDIA_TYPE, pullArtifact, type ArtifactPull } from '../../engine/oci/artifact.ts';
import { selfSignedCertificate } from '../support/selfSignedCertificate.ts';
import { tgz, type TarEntry } from '../support/tarBuilder.ts';
import { tempDir } from '../support/tempDir.ts';

const root = tempDir('plumbline-oci-bad-');
const { key, cert } = selfSignedCertificate('127.0.0.1', '127.0.0.1');
const USER = 'oci-user';
const PASSWORD = 'oci-secret-password';
const BASIC = `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`;
const digestOf = (bytes: Buffer) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
interface Stub {
  server: Server;
  host: string;
  seen: Array<{ url: string; authorization?: string }>;
  handle: Handler;
}

async function stub(): Promise<Stub> {
  const state: Stub = {
    server: undefined as unknown as Server,
    host: '',
    seen: [],
    handle: (_q, s) => s.end(),
  };
  state.server = createServer({ key, cert }, (req, res) => {
    state.seen.push({ url: req.url ?? '', authorization: req.headers.authorization });
    state.handle(req, res);
  });
  await new Promise<void>((resolve) => state.server.listen(0, '127.0.0.1', resolve));
  state.host = `127.0.0.1:${(state.server.address() as AddressInfo).port}`;
  return state;
}

let registry: Stub;
let elsewhere: Stub;
beforeAll(async () => {
  registry = await stub();
  elsewhere = await stub();
});
afterAll(async () => {
  for (const s of [registry, elsewhere]) {
    s.server.closeAllConnections();
    await new Promise((resolve) => s.server.close(resolve));
  }
});

/** Serves one artifact: a manifest with the given layer, behind basic auth. */
function serveArtifact(
  layer: Buffer,
  options: { configType?: string; layerType?: string; lieDigest?: boolean } = {},
) {
  const config = Buffer.from('{}');
  const layerDigest = options.lieDigest ? `sha256:${'0'.repeat(64)}` : digestOf(layer);
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: {
        mediaType: options.configType ?? 'application/vnd.oci.empty.v1+json',
        digest: digestOf(config),
        size: 2,
      },
      layers: [
        {
          mediaType: options.layerType ?? 'application/vnd.oci.image.layer.v1.tar+gzip',
          digest: layerDigest,
          size: layer.length,
        },
      ],
    }),
  );
  registry.handle = (req, res) => {
    if (req.headers.authorization !== BASIC) {
      res.writeHead(401, { 'www-authenticate': 'Basic realm="test"' }).end();
    } else if (req.url?.includes('/manifests/')) {
      res.writeHead(200, { 'content-type': 'application/vnd.oci.image.manifest.v1+json' }).end(manifest);
    } else if (req.url?.includes('/blobs/')) {
      res.writeHead(200).end(layer);
    } else res.writeHead(404).end();
  };
  return digestOf(manifest);
}

let pulls = 0;
function pull(overrides: Partial<ArtifactPull> = {}): Promise<unknown> {
  pulls += 1;
  return pullArtifact({
    reference: { registry: registry.host, repository: `bad/case${pulls}` },
    revision: '1.0.0',
    cacheDir: join(root, 'cache'),
    client: { credentials: { username: USER, password: PASSWORD }, ca: cert, requestTimeoutMs: 2_000 },
    ...overrides,
  });
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => new Error('pulled'),
    (e: unknown) => e as Error,
  );
  expect(error.message).not.toBe('pulled');
  expect(error.message).not.toContain(PASSWORD);
  expect(error.message).not.toContain(BASIC.slice(6));
  return error.message;
}

describe('hostile OCI artifacts', () => {
  it.each([
    [[{ name: '../../escape.yaml', content: 'x' }], /climbs out/],
    [[{ name: '/tmp/escape.yaml', content: 'x' }], /absolute path/],
    [[{ name: 'link', type: '2', linkname: '/etc/passwd' }], /symbolic link/],
    [[{ name: 'link', type: '1', linkname: '../../etc/passwd' }], /hard link/],
    [[{ name: 'null', type: '3' }], /device file/],
  ] as Array<[TarEntry[], RegExp]>)('refuses an archive with %j', async (entries, message) => {
    serveArtifact(tgz(entries));
    expect(await refusal(pull())).toMatch(message);
    expect(await readdir(root)).toEqual(['cache']);
  });

  it('refuses an archive that unpacks huge or to too many files, and a layer past its limit', async () => {
    serveArtifact(tgz([{ name: 'huge.yaml', content: Buffer.alloc(3 * 1024 * 1024) }]));
    expect(await refusal(pull({ limits: { maxBytes: 1024 * 1024 } }))).toMatch(
      /unpacks to more than 1048576 bytes/,
    );
    serveArtifact(tgz(Array.from({ length: 60 }, (_, i) => ({ name: `f${i}.yaml`, content: 'a: 1' }))));
    expect(await refusal(pull({ limits: { maxEntries: 50 } }))).toMatch(/more than 50 files and folders/);
    serveArtifact(tgz([{ name: 'a.yaml', content: Buffer.alloc(100_000, 'a') }]));
    expect(await refusal(pull({ limits: { maxLayerBytes: 10 } }))).toMatch(
      /content layer \(\d+ bytes\) is larger than 10/,
    );
  });

  it('refuses a layer whose bytes do not match its digest, and a wrong media type, naming the artifact', async () => {
    serveArtifact(tgz([{ name: 'a.yaml', content: 'a: 1' }]), { lieDigest: true });
    expect(await refusal(pull())).toMatch(
      /oci:\/\/127\.0\.0\.1:\d+\/bad\/case\d+: blob sha256:0+ does not match its digest/,
    );
    serveArtifact(tgz([{ name: 'a.yaml', content: 'a: 1' }]), {
      layerType: 'application/vnd.example.tar+gzip',
    });
    expect(await refusal(pull())).toMatch(
      /layer media type application\/vnd.example.tar\+gzip is not accepted/,
    );
    serveArtifact(tgz([{ name: 'a.yaml', content: 'a: 1' }]));
    expect(await refusal(pull({ chart: 'app' }))).toMatch(/not a Helm chart/);
    serveArtifact(
      tgz([
        { name: 'a.yaml', content: 'a' },
        { name: 'b/c.yaml', content: 'c' },
      ]),
      {
        configType: HELM_CONFIG_MEDIA_TYPE,
        layerType: 'application/vnd.cncf.helm.chart.content.v1.tar+gzip',
      },
    );
    expect(await refusal(pull())).toMatch(/a Helm chart archive holds one folder, found 2/);
  });
});

describe('hostile OCI registries', () => {
  it('refuses a manifest past the size limit, and one that does not match the digest asked for', async () => {
    registry.handle = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/vnd.oci.image.manifest.v1+json' });
      res.end(Buffer.alloc(5 * 1024 * 1024, ' '));
    };
    expect(await refusal(pull())).toMatch(/manifest is larger than 4194304 bytes/);
    registry.handle = (_req, res) =>
      res.writeHead(200).end('{"mediaType":"application/vnd.oci.image.manifest.v1+json"}');
    const asked = `sha256:${'1'.repeat(64)}`;
    expect(await refusal(pull({ revision: asked }))).toMatch(/does not match its digest/);
  });

  it('never sends the credentials along a redirect to another host', async () => {
    const layer = tgz([{ name: 'a.yaml', content: 'a: 1' }]);
    serveArtifact(layer);
    const served = registry.handle;
    registry.handle = (req, res) => {
      if (req.url?.includes('/blobs/') && req.headers.authorization === BASIC) {
        res.writeHead(307, { location: `https://${elsewhere.host}/storage/blob` }).end();
      } else served(req, res);
    };
    elsewhere.seen.length = 0;
    elsewhere.handle = (_req, res) => res.writeHead(200).end(layer);
    const pulled = (await pull()) as { dir: string };
    expect(await readdir(pulled.dir)).toEqual(['a.yaml']);
    expect(elsewhere.seen).toEqual([{ url: '/storage/blob', authorization: undefined }]);
  });

  it('sends the credentials to an https token realm, refuses a plain-http one, and says when they are refused', async () => {
    const layer = tgz([{ name: 'a.yaml', content: 'a: 1' }]);
    serveArtifact(layer);
    const served = registry.handle;
    registry.handle = (req, res) => {
      if (req.url?.startsWith('/token')) {
        if (req.headers.authorization !== BASIC) return void res.writeHead(401).end();
        return void res.writeHead(200).end(JSON.stringify({ token: 'granted' }));
      }
      if (req.headers.authorization === 'Bearer granted') {
        req.headers.authorization = BASIC;
        return served(req, res);
      }
      res
        .writeHead(401, {
          'www-authenticate': `Bearer realm="https://${registry.host}/token",service="test"`,
        })
        .end();
    };
    registry.seen.length = 0;
    await pull();
    const token = registry.seen.find((r) => r.url.startsWith('/token'));
    expect(token?.url).toMatch(/service=test&scope=repository%3Abad%2Fcase\d+%3Apull/);
    const wrong = { credentials: { username: USER, password: 'wrong-password' }, ca: cert };
    const message = await refusal(pull({ client: wrong }));
    expect(message).toMatch(/refused the stored credentials/);
    expect(message).not.toContain('wrong-password');
    registry.handle = (_req, res) =>
      res.writeHead(401, { 'www-authenticate': 'Bearer realm="http://127.0.0.1:1/token"' }).end();
    expect(await refusal(pull())).toMatch(/token realm is not https/);
  });

  it('gives up on a registry that does not answer in time', async () => {
    registry.handle = () => undefined; // never answers
    const started = Date.now();
    const message = await refusal(pull({ client: { ca: cert, requestTimeoutMs: 500 } }));
    expect(message).toMatch(/did not answer in time/);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});

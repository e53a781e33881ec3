// A real OCI registry for tests: the CNCF distribution registry (built by test/oci/build.sh into
// the cache), started on a free 127.0.0.1 port with TLS (a self-signed certificate, its PEM given
// to clients as the CA) and htpasswd basic auth (bcrypt, made here), storing in a temporary
// folder. `pushManifests` pushes a folder of manifests as an artifact the way `oras push` does
// (one tar+gzip layer); `helmPush` pushes a chart with the real helm, its credentials in a
// private HELM_REGISTRY_CONFIG. Stopped and removed with `close()`; `stop()` keeps the data.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import bcrypt from 'bcryptjs';
import { selfSignedCertificate } from './selfSignedCertificate.ts';

const run = promisify(execFile);
const VERSION = process.env.PLUMBLINE_REGISTRY_VERSION ?? 'v3.1.2';

export const registryBinary = (): string =>
  join(
    process.env.PLUMBLINE_REGISTRY_CACHE ??
      join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'plumbline', 'registry'),
    VERSION,
    'bin',
    'registry',
  );

/** Why no registry can start here, or null when its build is in the cache. */
export function registryUnavailable(): string | null {
  return existsSync(registryBinary())
    ? null
    : `the distribution registry ${VERSION} is not built: run bash test/oci/build.sh (test/setup.sh does)`;
}

export interface OciRegistry {
  /** `127.0.0.1:<port>` */
  host: string;
  username: string;
  password: string;
  /** The registry's certificate, to trust as a CA. */
  ca: string;
  /** A file holding `ca`. */
  caFile: string;
  /** Pushes raw content; returns the manifest digest. */
  push(repository: string, tag: string, artifact: PushedArtifact): Promise<string>;
  /** Pushes a tar+gzip of manifests (`oras push` style); returns the manifest digest. */
  pushManifests(repository: string, tag: string, layer: Buffer, mediaType?: string): Promise<string>;
  /** `helm push <chart.tgz> oci://<host>/<namespace>` with the real helm; returns its digest. */
  helmPush(helmPath: string, chartTgz: string, namespace: string): Promise<string>;
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

export interface PushedArtifact {
  configMediaType: string;
  config: Buffer;
  layers: Array<{ mediaType: string; content: Buffer; size?: number; digest?: string }>;
  manifestMediaType?: string;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

const digestOf = (bytes: Buffer) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

function call(
  url: string,
  method: string,
  ca: string,
  auth: string,
  body?: Buffer,
  headers: Record<string, string> = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method,
        ca: [ca],
        headers: {
          authorization: auth,
          ...(body ? { 'content-length': String(body.length) } : {}),
          ...headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

export async function startOciRegistry(): Promise<OciRegistry> {
  const why = registryUnavailable();
  if (why) throw new Error(why);
  const work = mkdtempSync(join(tmpdir(), 'plumbline-registry-'));
  const port = await freePort();
  const host = `127.0.0.1:${port}`;
  const username = 'plumbline';
  const password = `pw-${createHash('sha256').update(work).digest('hex').slice(0, 16)}`;
  const { key, cert } = selfSignedCertificate('127.0.0.1', '127.0.0.1');
  writeFileSync(join(work, 'key.pem'), key);
  writeFileSync(join(work, 'cert.pem'), cert);
  writeFileSync(join(work, 'htpasswd'), `${username}:${bcrypt.hashSync(password, 8)}\n`);
  writeFileSync(
    join(work, 'config.yml'),
    `version: 0.1
log:
  level: error
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: ${join(work, 'data')}
  delete:
    enabled: true
http:
  addr: ${host}
  secret: plumbline-test-only
  tls:
    certificate: ${join(work, 'cert.pem')}
    key: ${join(work, 'key.pem')}
auth:
  htpasswd:
    realm: plumbline-test
    path: ${join(work, 'htpasswd')}
`,
  );
  const auth = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
  let child: ChildProcess | undefined;

  const start = async () => {
    child = spawn(registryBinary(), ['serve', join(work, 'config.yml')], { stdio: 'ignore' });
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`registry exited with ${child.exitCode}`);
      const up = await call(`https://${host}/v2/`, 'GET', cert, auth).then(
        (r) => r.status === 200,
        () => false,
      );
      if (up) return;
      if (Date.now() > deadline) throw new Error('registry did not answer within 30 s');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  const stop = async () => {
    const current = child;
    child = undefined;
    if (!current || current.exitCode !== null) return;
    const exited = new Promise((resolve) => current.once('exit', resolve));
    current.kill('SIGTERM');
    await exited;
  };

  const uploadBlob = async (repository: string, content: Buffer, digest = digestOf(content)) => {
    const started = await call(
      `https://${host}/v2/${repository}/blobs/uploads/`,
      'POST',
      cert,
      auth,
      Buffer.alloc(0),
    );
    if (started.status !== 202)
      throw new Error(`blob upload start: ${started.status} ${started.body.toString()}`);
    const location = new URL(String(started.headers.location), `https://${host}`);
    location.searchParams.set('digest', digest);
    const put = await call(location.href, 'PUT', cert, auth, content, {
      'content-type': 'application/octet-stream',
    });
    if (put.status !== 201) throw new Error(`blob upload: ${put.status} ${put.body.toString()}`);
    return digest;
  };

  const push = async (repository: string, tag: string, artifact: PushedArtifact) => {
    const configDigest = await uploadBlob(repository, artifact.config);
    const layers = [];
    for (const layer of artifact.layers) {
      const digest = await uploadBlob(repository, layer.content);
      layers.push({
        mediaType: layer.mediaType,
        digest: layer.digest ?? digest,
        size: layer.size ?? layer.content.length,
      });
    }
    const mediaType = artifact.manifestMediaType ?? 'application/vnd.oci.image.manifest.v1+json';
    const manifest = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType,
        config: { mediaType: artifact.configMediaType, digest: configDigest, size: artifact.config.length },
        layers,
      }),
    );
    const put = await call(`https://${host}/v2/${repository}/manifests/${tag}`, 'PUT', cert, auth, manifest, {
      'content-type': mediaType,
    });
    if (put.status !== 201) throw new Error(`manifest push: ${put.status} ${put.body.toString()}`);
    return digestOf(manifest);
  };

  await start();
  return {
    host,
    username,
    password,
    ca: cert,
    caFile: join(work, 'cert.pem'),
    push,
    pushManifests: (repository, tag, layer, mediaType = 'application/vnd.oci.image.layer.v1.tar+gzip') =>
      push(repository, tag, {
        configMediaType: 'application/vnd.oci.empty.v1+json',
        config: Buffer.from('{}'),
        layers: [{ mediaType, content: layer }],
      }),
    async helmPush(helmPath, chartTgz, namespace) {
      const home = mkdtempSync(join(tmpdir(), 'plumbline-helm-push-'));
      try {
        const registryConfig = join(home, 'registry.json');
        writeFileSync(
          registryConfig,
          JSON.stringify({ auths: { [host]: { auth: auth.slice('Basic '.length) } } }),
        );
        const env = {
          PATH: process.env.PATH ?? '',
          HOME: home,
          HELM_CACHE_HOME: join(home, 'cache'),
          HELM_CONFIG_HOME: join(home, 'config'),
          HELM_DATA_HOME: join(home, 'data'),
          HELM_REGISTRY_CONFIG: registryConfig,
        };
        const { stdout, stderr } = await run(
          helmPath,
          ['push', chartTgz, `oci://${host}/${namespace}`, '--ca-file', join(work, 'cert.pem')],
          { env },
        );
        const digest = /Digest:\s*(sha256:[a-f0-9]{64})/.exec(`${stdout}\n${stderr}`)?.[1];
        if (!digest) throw new Error(`helm push printed no digest: ${stdout} ${stderr}`);
        return digest;
      } finally {
        rmSync(home, { recursive: true, force: true });
      }
    },
    stop,
    start,
    async close() {
      await stop();
      rmSync(work, { recursive: true, force: true });
    },
  };
}

/** A gzipped tar of `files` (name → content), made with the system's tar. */
export async function tarGz(files: Record<string, string>): Promise<Buffer> {
  const dir = mkdtempSync(join(tmpdir(), 'plumbline-oci-tar-'));
  try {
    const names = Object.keys(files);
    for (const name of names) {
      const path = join(dir, 'content', name);
      await run('mkdir', ['-p', join(path, '..')]);
      writeFileSync(path, files[name]!);
    }
    const out = join(dir, 'layer.tgz');
    await run('tar', ['-czf', out, '-C', join(dir, 'content'), '--', ...names]);
    return readFileSync(out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

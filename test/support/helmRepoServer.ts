// A private Helm chart repository for tests: charts packaged with the bundled helm (`helm package`,
// `helm repo index`), served over HTTPS on 127.0.0.1 with a self-signed certificate, answering
// only requests with the right basic-auth login. It records each request (path, whether it
// carried credentials) and can be told to answer a path with a redirect, or with given bytes.
import { createServer, type Server } from 'node:https';
import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, normalize } from 'node:path';
import { resolveTool, runTool, ToolArgs } from '../../engine/tools/index.ts';
import { selfSignedCertificate } from './selfSignedCertificate.ts';

export interface HelmRepoRequest {
  path: string;
  authorized: boolean;
  /** Whether an Authorization header came at all (right or wrong). */
  withCredentials: boolean;
}

export interface HelmRepoServer {
  /** `https://127.0.0.1:<port>/charts` (no trailing slash). */
  url: string;
  /** PEM of the server's certificate: the CA a client must trust. */
  ca: string;
  /** A file holding `ca`. */
  caFile: string;
  tls: { key: string; cert: string };
  requests: HelmRepoRequest[];
  /** Answers `path` (below the repository) with these bytes instead of the folder's file. */
  override(path: string, body: Buffer | string): void;
  /** Answers `path` with a redirect to `location`. */
  redirect(path: string, location: string): void;
  /** Packages a chart folder into the repository and rewrites index.yaml. */
  publish(chartDir: string): Promise<void>;
  stop(): Promise<void>;
}

export interface HelmRepoServerOptions {
  dir: string;
  cacheDir: string;
  /** Required login; none: anonymous access. */
  login?: { username: string; password: string };
  /** The index lists chart URLs on this base instead of the server's own (another host). */
  chartBaseUrl?: string;
  /** The key and certificate to serve with (another server's, so one CA trusts both); a new one otherwise. */
  tls?: { key: string; cert: string };
}

function authorization(request: IncomingMessage): { withCredentials: boolean; login?: string } {
  const header = request.headers.authorization ?? '';
  if (!header) return { withCredentials: false };
  const match = /^Basic (.+)$/i.exec(header);
  return {
    withCredentials: true,
    login: match ? Buffer.from(match[1] ?? '', 'base64').toString('utf8') : '',
  };
}

export async function startHelmRepoServer(options: HelmRepoServerOptions): Promise<HelmRepoServer> {
  const repoDir = join(options.dir, 'served');
  await mkdir(repoDir, { recursive: true });
  const tls = options.tls ?? selfSignedCertificate('127.0.0.1', '127.0.0.1');
  const { key, cert } = tls;
  const caFile = join(options.dir, 'ca.pem');
  await writeFile(caFile, cert);
  const helm = await resolveTool('helm', { cacheDir: options.cacheDir });
  const requests: HelmRepoRequest[] = [];
  const overrides = new Map<string, Buffer>();
  const redirects = new Map<string, string>();
  const server: Server = createServer({ key, cert }, (request, response) => {
    const path = decodeURIComponent((request.url ?? '/').split('?')[0] ?? '/');
    const { withCredentials, login } = authorization(request);
    const expected = options.login ? `${options.login.username}:${options.login.password}` : undefined;
    const authorized = expected === undefined || login === expected;
    requests.push({ path, authorized, withCredentials });
    if (!authorized) {
      response.writeHead(401, { 'www-authenticate': 'Basic realm="charts"' }).end('unauthorized');
      return;
    }
    const below = path.replace(/^\/charts/, '');
    const location = redirects.get(below);
    if (location) return void response.writeHead(302, { location }).end();
    const override = overrides.get(below);
    if (override) return void response.writeHead(200).end(override);
    const file = normalize(join(repoDir, below));
    if (!file.startsWith(repoDir)) return void response.writeHead(403).end();
    readFile(file).then(
      (body) => response.writeHead(200).end(body),
      () => response.writeHead(404).end('not found'),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/charts`;
  return {
    url,
    ca: cert,
    caFile,
    tls,
    requests,
    override: (path, body) => overrides.set(path, Buffer.from(body)),
    redirect: (path, location) => redirects.set(path, location),
    async publish(chartDir) {
      await runTool(
        helm.path,
        new ToolArgs('package').option('--destination', repoDir, 'folder').operand(chartDir, 'chart'),
      );
      await runTool(
        helm.path,
        new ToolArgs('repo', 'index')
          .option('--url', options.chartBaseUrl ?? url, 'URL')
          .operand(repoDir, 'folder'),
      );
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Writes a small chart (a ConfigMap named after the release) with the given Chart.yaml extra text. */
export async function writeChart(
  dir: string,
  chart: { name: string; version: string; extra?: string; configMapKey?: string },
): Promise<string> {
  await mkdir(join(dir, 'templates'), { recursive: true });
  await writeFile(
    join(dir, 'Chart.yaml'),
    `apiVersion: v2\nname: ${chart.name}\nversion: ${chart.version}\n${chart.extra ?? ''}`,
  );
  await writeFile(join(dir, 'values.yaml'), `greeting: from-${chart.name}\n`);
  await writeFile(
    join(dir, 'templates', 'configmap.yaml'),
    `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-${chart.name}\ndata:\n  ${chart.configMapKey ?? 'greeting'}: {{ .Values.greeting | quote }}\n  version: ${JSON.stringify(chart.version)}\n`,
  );
  return dir;
}

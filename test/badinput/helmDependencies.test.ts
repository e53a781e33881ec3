// Hostile chart dependencies, built with the real helm against Helm repositories served here over
// HTTPS: file:// dependencies leaving the repository or holding the chart, a dependency cycle,
// an index.yaml too large to read, dependency archives with climbing names or links, and chart
// URLs on another host, which get the repository's credentials only with passCredentials.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expect } from 'vitest';
import { renderSource } from '../../engine/render/index.ts';
import type { RenderOptions } from '../../engine/render/index.ts';
import { memorySecretStore } from '../../engine/secrets/secretStore.ts';
import { repoCredentials } from '../../engine/secrets/repoCredentials.ts';
import { startHelmRepoServer, writeChart, type HelmRepoServer } from '../support/helmRepoServer.ts';
import { tgz } from '../support/tarBuilder.ts';
import { tempDir } from '../support/tempDir.ts';
import { badInputCases } from './corpus.ts';

const root = tempDir('plumbline-baddeps-');
let count = 0;
const context = { appName: 'bad', destinationNamespace: 'bad' };

function repo(files: Record<string, string>): string {
  const dir = join(root, `repo-${(count += 1)}`);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const chartYaml = (name: string, dependency: string) =>
  `apiVersion: v2\nname: ${name}\nversion: 0.1.0\ndependencies:\n  - ${dependency}\n`;

async function failure(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e as Error,
  );
  expect(error, 'the render must fail').toBeInstanceOf(Error);
  return error as Error;
}

let servers: HelmRepoServer[] = [];
async function server(
  login?: { username: string; password: string },
  chartBaseUrl?: string,
  tls?: { key: string; cert: string },
) {
  const started = await startHelmRepoServer({
    dir: join(root, `server-${(count += 1)}`),
    cacheDir: join(root, 'tools'),
    login,
    chartBaseUrl,
    tls,
  });
  servers.push(started);
  return started;
}
async function stopServers() {
  await Promise.all(servers.map((s) => s.stop()));
  servers = [];
}

function options(
  url: string,
  trusted: HelmRepoServer[],
  login?: { username: string; password: string },
): RenderOptions {
  const secrets = memorySecretStore();
  if (login) void repoCredentials(secrets, url).set(login);
  return {
    cacheDir: join(root, `cache-${(count += 1)}`),
    secrets,
    helmRepositories: trusted.map((s) => ({ url: s.url, tlsCaData: s.ca })),
  };
}

const indexOf = (url: string) =>
  `apiVersion: v1\nentries:\n  lib:\n  - apiVersion: v2\n    name: lib\n    version: 1.0.0\n    urls:\n    - ${url}/lib-1.0.0.tgz\n`;

badInputCases('helm chart dependencies', [
  {
    name: 'dependency repository file://../../ leading outside the repository',
    outcome: 'refused, naming the dependency',
    run: async (marker) => {
      const dir = repo({
        'app/Chart.yaml': chartYaml(
          'app',
          `name: private\n    version: 1.0.0\n    repository: file://../../${'../'.repeat(4)}${marker.dir}`,
        ),
      });
      const error = await failure(
        renderSource({ path: 'app' }, dir, context, { cacheDir: join(root, 'c1') }),
      );
      expect(error.message).toMatch(/dependency private \(file:.*\) points outside the repository/);
      return error.message;
    },
  },
  {
    name: 'dependency repository file://.. holding the chart itself',
    outcome: 'refused as a dependency cycle',
    run: async () => {
      const dir = repo({
        'Chart.yaml': 'apiVersion: v2\nname: top\nversion: 0.1.0\n',
        'app/Chart.yaml': chartYaml('app', 'name: top\n    version: 0.1.0\n    repository: file://..'),
      });
      const error = await failure(
        renderSource({ path: 'app' }, dir, context, { cacheDir: join(root, 'c2') }),
      );
      expect(error.message).toMatch(
        /dependency top \(file:\/\/\.\.\) holds the chart itself: a dependency cycle/,
      );
      return error.message;
    },
  },
  {
    name: 'two charts depending on each other through file://',
    outcome: 'rendered once, as helm builds one level (no endless build)',
    timeoutMs: 60_000,
    run: async () => {
      const dir = repo({
        'a/Chart.yaml': chartYaml('a', 'name: b\n    version: 0.1.0\n    repository: file://../b'),
        'a/templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n',
        'b/Chart.yaml': chartYaml('b', 'name: a\n    version: 0.1.0\n    repository: file://../a'),
      });
      const result = await renderSource({ path: 'a' }, dir, context, { cacheDir: join(root, 'c3') });
      expect(result.objects.map((o) => o.metadata.name)).toEqual(['a']);
      return result.objects;
    },
  },
  {
    name: 'dependency name --set-file=<marker> and version ../../x',
    outcome: 'refused before helm runs',
    run: async (marker) => {
      const named = repo({
        'app/Chart.yaml': chartYaml('app', `name: --set-file=x=${marker.path}\n    version: 1.0.0`),
      });
      const one = await failure(
        renderSource({ path: 'app' }, named, context, { cacheDir: join(root, 'c4') }),
      );
      expect(one.message).toMatch(/is not a chart name/);
      const versioned = repo({ 'app/Chart.yaml': chartYaml('app', 'name: lib\n    version: ../../x') });
      const two = await failure(
        renderSource({ path: 'app' }, versioned, context, { cacheDir: join(root, 'c4') }),
      );
      expect(two.message).toMatch(/is not a version/);
      return [one.message, two.message];
    },
  },
  {
    name: 'a Helm repository whose index.yaml is 200 MB',
    outcome: 'refused at the size limit, naming the repository',
    timeoutMs: 60_000,
    run: async () => {
      const repository = await server();
      const big = repo({
        'app/Chart.yaml': chartYaml(
          'app',
          `name: lib\n    version: 1.0.0\n    repository: ${repository.url}`,
        ),
      });
      const huge = Buffer.alloc(65 * 1024 * 1024, 'a');
      repository.override('/index.yaml', huge);
      const error = await failure(
        renderSource({ path: 'app' }, big, context, options(repository.url, [repository])),
      );
      expect(error.message).toContain(`helm repository ${repository.url}: could not read its index`);
      expect(error.message).toMatch(/over the limit/);
      await stopServers();
      return error.message;
    },
  },
  {
    name: 'a dependency archive with ../ entries and a symlink to the marker',
    outcome: 'refused; nothing written outside',
    timeoutMs: 60_000,
    run: async (marker) => {
      const repository = await server();
      repository.override('/index.yaml', indexOf(repository.url));
      repository.override(
        '/lib-1.0.0.tgz',
        tgz([
          { name: 'lib/Chart.yaml', content: 'apiVersion: v2\nname: lib\nversion: 1.0.0\n' },
          { name: 'lib/templates/leak.yaml', type: '2', linkname: marker.path },
          { name: 'lib/../../escaped.txt', content: 'escaped' },
        ]),
      );
      const dir = repo({
        'app/Chart.yaml': chartYaml(
          'app',
          `name: lib\n    version: 1.0.0\n    repository: ${repository.url}`,
        ),
      });
      const error = await failure(
        renderSource({ path: 'app' }, dir, context, options(repository.url, [repository])),
      );
      expect(error.message).toMatch(
        /lib 1\.0\.0 from https:.*(illegally|outside the chart|holds a link|built no archive)/,
      );
      await stopServers();
      return error.message;
    },
  },
  {
    name: "chart URLs in a private repository's index pointing at another host",
    outcome: 'the other host gets no credentials unless passCredentials',
    timeoutMs: 90_000,
    run: async () => {
      const login = { username: 'reader', password: 'other-host-pass-1' };
      const other = await server();
      const lib = await writeChart(join(root, 'lib-src'), { name: 'lib', version: '1.0.0' });
      await other.publish(lib);
      // one certificate for both hosts, so the private repository's CA trusts the other too
      const privateRepo = await server(login, other.url, other.tls);
      await privateRepo.publish(lib);
      const chart = () =>
        repo({
          'app/Chart.yaml': chartYaml(
            'app',
            `name: lib\n    version: 1.0.0\n    repository: ${privateRepo.url}`,
          ),
        });
      const plain = await renderSource(
        { path: 'app' },
        chart(),
        context,
        options(privateRepo.url, [privateRepo, other], login),
      );
      expect(plain.objects.length).toBe(1);
      expect(other.requests.filter((r) => r.path.endsWith('.tgz')).map((r) => r.withCredentials)).toEqual([
        false,
      ]);
      const passing = await renderSource(
        { path: 'app', helm: { passCredentials: true } },
        chart(),
        context,
        options(privateRepo.url, [privateRepo, other], login),
      );
      expect(passing.objects.length).toBe(1);
      expect(other.requests.filter((r) => r.path.endsWith('.tgz')).map((r) => r.withCredentials)).toEqual([
        false,
        true,
      ]);
      await stopServers();
      return [plain.objects, passing.objects];
    },
  },
]);

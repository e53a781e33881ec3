// Charts in git with dependencies from a private Helm repository (HTTPS, basic auth, a CA of its
// own) started here: built with the real helm as Argo CD builds them, credentials from the
// keychain, cached per lock digest so a second render needs no repository.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cp, mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { renderSource, RenderError } from '../../../engine/render/index.ts';
import type { KubeObject, RenderOptions, RenderSource } from '../../../engine/render/index.ts';
import { memorySecretStore } from '../../../engine/secrets/secretStore.ts';
import { repoCredentials } from '../../../engine/secrets/repoCredentials.ts';
import { startHelmRepoServer, writeChart, type HelmRepoServer } from '../../support/helmRepoServer.ts';
import { tempDir } from '../../support/tempDir.ts';
import { treeDigest } from '../../fixtures/render/workspace.ts';

const root = tempDir('plumbline-helm-deps-');
const login = { username: 'charts-reader', password: 'S3cret-helm-pass' };
let server: HelmRepoServer;
const repo = join(root, 'repo');
const context = { appName: 'shop', destinationNamespace: 'shop' };

beforeAll(async () => {
  server = await startHelmRepoServer({ dir: join(root, 'server'), cacheDir: join(root, 'tools'), login });
  for (const version of ['1.0.0', '1.1.0', '2.0.0']) {
    await server.publish(await writeChart(join(root, 'src', `lib-${version}`), { name: 'lib', version }));
  }
  const deps = (repository: string, version: string) =>
    `dependencies:\n  - name: lib\n    version: "${version}"\n    repository: "${repository}"\n`;
  await writeChart(join(repo, 'app'), { name: 'app', version: '0.1.0', extra: deps(server.url, '1.1.0') });
  await writeChart(join(repo, 'aliased'), {
    name: 'aliased',
    version: '0.1.0',
    extra: deps('@private', '~1.0.0'),
  });
  await writeChart(join(repo, 'ranged'), {
    name: 'ranged',
    version: '0.1.0',
    extra: deps(server.url, '>=1.0 <2.0'),
  });
}, 60_000);
afterAll(() => server.stop());

function options(cacheDir: string, password = login.password): RenderOptions {
  const secrets = memorySecretStore();
  void repoCredentials(secrets, server.url).set({ username: login.username, password });
  return {
    cacheDir,
    secrets,
    helmRepositories: [{ name: 'private', url: server.url, tlsCaData: server.ca }],
  };
}

const versionsOf = (objects: KubeObject[]) =>
  Object.fromEntries(objects.map((o) => [o.metadata.name, (o.data as Record<string, string>).version]));

describe('chart dependencies from a private Helm repository', () => {
  it('builds them with keychain credentials, leaves the checkout untouched, and caches them', async () => {
    const cacheDir = join(root, 'cache-main');
    const before = await treeDigest(repo);
    const result = await renderSource({ path: 'app' }, repo, context, options(cacheDir));
    expect(versionsOf(result.objects)).toEqual({ 'shop-app': '0.1.0', 'shop-lib': '1.1.0' });
    expect(await treeDigest(repo)).toBe(before);
    expect(server.requests.some((r) => r.path.endsWith('lib-1.1.0.tgz') && r.authorized)).toBe(true);
    expect(await readdir(join(cacheDir, 'helm-dependencies'))).toHaveLength(1);
    // nothing of the private helm homes is left behind
    expect((await readdir(join(cacheDir, 'tmp'))).filter((name) => name.startsWith('helm-home-'))).toEqual(
      [],
    );
  });

  it('resolves @name to the configured repository and a range in Chart.yaml as helm does', async () => {
    const cacheDir = join(root, 'cache-main');
    const aliased = await renderSource({ path: 'aliased' }, repo, context, options(cacheDir));
    expect(versionsOf(aliased.objects)['shop-lib']).toBe('1.0.0');
    const ranged = await renderSource({ path: 'ranged' }, repo, context, options(cacheDir));
    expect(versionsOf(ranged.objects)['shop-lib']).toBe('1.1.0');
  });

  it("refuses a Chart.lock out of step with Chart.yaml (helm's check) instead of serving a cache", async () => {
    const locked = join(root, 'locked-repo');
    await cp(join(repo, 'ranged'), join(locked, 'ranged'), { recursive: true });
    // a lock made by `helm dependency update` against the same repository (digest of Chart.yaml + lock)
    const first = await renderSource({ path: 'ranged' }, locked, context, options(join(root, 'cache-lock')));
    expect(versionsOf(first.objects)['shop-lib']).toBe('1.1.0');
    await writeFile(
      join(locked, 'ranged', 'Chart.lock'),
      `dependencies:\n- name: lib\n  repository: ${server.url}\n  version: 1.0.0\ndigest: sha256:not-in-step\ngenerated: "2024-01-01T00:00:00Z"\n`,
    );
    const error = await renderSource(
      { path: 'ranged' },
      locked,
      context,
      options(join(root, 'cache-lock')),
    ).catch((e: unknown) => e);
    // helm's own check: a lock whose digest does not match Chart.yaml is refused, not served from a cache
    expect((error as Error).message).toMatch(/out of sync/);
  });

  it('says which dependency and repository refused a wrong password, without the password', async () => {
    const error = await renderSource(
      { path: 'app' },
      repo,
      context,
      options(join(root, 'cache-wrong'), 'wrong-pass-42'),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RenderError);
    const message = (error as Error).message;
    expect(message).toContain('build dependencies of helm chart app: dependency lib');
    expect(message).toContain(server.url);
    expect(message).toMatch(/401/);
    expect(message).not.toContain('wrong-pass-42');
  });

  it('pulls a chart source by version range with credentials, cached under the version resolved', async () => {
    const cacheDir = join(root, 'cache-pull');
    const source: RenderSource = { repoURL: server.url, chart: 'lib', targetRevision: '>=1.0 <2.0' };
    const result = await renderSource(source, undefined, context, options(cacheDir));
    expect(versionsOf(result.objects)).toEqual({ 'shop-lib': '1.1.0' });
    const [repoKey] = await readdir(join(cacheDir, 'charts'));
    expect(await readdir(join(cacheDir, 'charts', repoKey ?? '', 'lib'))).toEqual(['1.1.0']);
  });

  it('renders from the dependency cache when the repository is gone', async () => {
    await server.stop();
    const cacheDir = join(root, 'cache-main');
    const result = await renderSource(
      { path: 'app' },
      repo,
      { ...context, appName: 'other' },
      options(cacheDir),
    );
    expect(versionsOf(result.objects)).toEqual({ 'other-app': '0.1.0', 'other-lib': '1.1.0' });
    await mkdir(join(root, 'unused'), { recursive: true });
  });
});

// Charts in git whose dependencies come from a private Helm repository the user connected, on the
// real test cluster: an HTTPS repository with basic auth and a certificate of its own, trusted
// only through the CA the user adds for its host (repos.setCertificates) and reached with the
// credentials stored through repos.add in the engine's secret store. Until both are there the
// application says why; then it renders, syncs and is Synced and Healthy. A wrong stored password
// is a condition naming the repository, never the password; an `@name` dependency resolves once a
// Helm repository is added with that name. Afterwards no credential used is in the data folder
// (the cache folder is inside it), nor in any contract answer or event.
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlumblineClient } from '../../../engine/api/client.ts';
import type { AppSummary } from '../../../engine/api/contract.ts';
import type { Engine } from '../../../engine/index.ts';
import { memorySecretStore } from '../../../engine/secrets/secretStore.ts';
import { filesUnder, leaksIn, type Planted } from '../../support/credentialLeaks.ts';
import { startHelmRepoServer, writeChart, type HelmRepoServer } from '../../support/helmRepoServer.ts';
import { tempDir } from '../../support/tempDir.ts';
import { testEngine } from '../../support/testEngine.ts';
import { remoteWith, writeApplication } from '../../support/workspaceFixtures.ts';
import { clientsOf, connect, testNamespace, until } from '../live/liveTestKit.ts';

const root = tempDir();
const namespace = testNamespace('helmrepo');
const { core } = clientsOf(connect('plumbline-a'));
const workspace = join(root, 'workspace');
const suffix = namespace.split('-').at(-1);
const privateApp = `helm-private-${suffix}`;
const aliasApp = `helm-alias-${suffix}`;
const repositoryName = `private-charts-${suffix}`;
const login = { username: `reader-${suffix}`, password: `pass-${randomBytes(9).toString('hex')}` };
const wrongPassword = `wrong-${randomBytes(9).toString('hex')}`;
let server: HelmRepoServer;
let engine: Engine;
let client: PlumblineClient;
/** Every contract answer and event of the test, searched for credentials at the end. */
const seen: Array<[string, string]> = [];

async function app(name: string): Promise<AppSummary> {
  const answer = (await client.call('apps.get', { name })).app;
  seen.push([`apps.get ${name}`, JSON.stringify(answer)]);
  return answer;
}

function renderError(summary: AppSummary): string | undefined {
  return summary.conditions.find((condition) => condition.type === 'ComparisonError')?.message;
}

async function storeCredentials(password: string, name?: string): Promise<void> {
  const answer = await client.call('repos.add', {
    definition: {
      url: server.url,
      type: 'helm',
      ...(name ? { name } : {}),
      credentials: { username: login.username, password },
    },
    upsert: true,
  });
  seen.push(['repos.add', JSON.stringify(answer)]);
}

async function syncedAndHealthy(name: string): Promise<void> {
  const { operation } = await client.call('apps.sync', { name });
  seen.push([`apps.sync ${name}`, JSON.stringify(operation)]);
  expect(operation.phase, operation.message).toBe('Succeeded');
  await until(`${name} Synced and Healthy`, async () => {
    const current = await app(name);
    return current.sync.status === 'Synced' && current.health.status === 'Healthy';
  });
}

beforeAll(async () => {
  server = await startHelmRepoServer({ dir: join(root, 'server'), cacheDir: join(root, 'tools'), login });
  await server.publish(await writeChart(join(root, 'src', 'lib'), { name: 'lib', version: '1.0.0' }));
  const chart = (name: string, repository: string) =>
    writeChart(join(root, 'charts', name), {
      name,
      version: '0.1.0',
      extra: `dependencies:\n  - name: lib\n    version: "~1.0.0"\n    repository: "${repository}"\n`,
    });
  await chart('shop', server.url);
  await chart('aliased', `@${repositoryName}`);
  const files: Record<string, string> = {};
  for (const name of ['shop', 'aliased'])
    for (const file of ['Chart.yaml', 'values.yaml', 'templates/configmap.yaml'])
      files[`${name}/${file}`] = await readFile(join(root, 'charts', name, file), 'utf8');
  const { remote } = await remoteWith(root, 'charts.git', files);
  for (const [name, path] of [
    [privateApp, 'shop'],
    [aliasApp, 'aliased'],
  ] as const) {
    await writeApplication(workspace, name, {
      project: 'default',
      source: { repoURL: remote.bare, path },
      destination: { name: 'plumbline-a', namespace },
    });
  }
  ({ engine, client } = testEngine(root, workspace, { secrets: memorySecretStore() }));
  engine.subscribe((event) => seen.push([`event ${event.event}`, JSON.stringify(event)]));
}, 120_000);

afterAll(async () => {
  await engine?.close();
  await server?.stop();
});

describe('chart dependencies from a private Helm repository the user connected', () => {
  it('says why a dependency can not be built until the CA and the credentials are there', async () => {
    const untrusted = await until(`${privateApp} fails to render`, async () =>
      renderError(await app(privateApp)),
    );
    expect(untrusted).toContain('dependency lib');
    expect(untrusted).toMatch(/certificate/);
    // the CA only: the repository asks for a login
    await client.call('repos.setCertificates', { host: new URL(server.url).host, pem: server.ca });
    await client.call('apps.refresh', { name: privateApp });
    expect(renderError(await app(privateApp))).toMatch(/401|unauthorized|credentials/i);
  }, 120_000);

  it('renders with the stored credentials and the host CA, syncs, and is Synced and Healthy', async () => {
    await storeCredentials(login.password);
    // repos.add refreshes the applications whose render failed
    await until(`${privateApp} rendered`, async () => {
      const current = await app(privateApp);
      return current.sync.status === 'OutOfSync' && !renderError(current);
    });
    await syncedAndHealthy(privateApp);
    const lib = await core.readNamespacedConfigMap({ name: `${privateApp}-lib`, namespace });
    expect(lib.data).toEqual({ greeting: 'from-lib', version: '1.0.0' });
    expect(server.requests.some((r) => r.path.endsWith('lib-1.0.0.tgz') && r.authorized)).toBe(true);
  }, 180_000);

  it('resolves an @name dependency once a Helm repository is added with that name', async () => {
    const unnamed = renderError(await app(aliasApp));
    expect(unnamed).toContain(`"${repositoryName}"`);
    expect(unnamed).toMatch(/not configured/);
    await storeCredentials(login.password, repositoryName);
    await until(`${aliasApp} rendered`, async () => {
      const current = await app(aliasApp);
      return current.sync.status === 'OutOfSync' && !renderError(current);
    });
    await syncedAndHealthy(aliasApp);
    const lib = await core.readNamespacedConfigMap({ name: `${aliasApp}-lib`, namespace });
    expect(lib.data?.version).toBe('1.0.0');
  }, 180_000);

  it('names the repository, never the password, when the stored password is wrong', async () => {
    await storeCredentials(wrongPassword, repositoryName);
    // the built dependencies are cached: a hard refresh asks the repository again
    const { app: refreshed } = await client.call('apps.refresh', { name: privateApp, hard: true });
    seen.push(['apps.refresh', JSON.stringify(refreshed)]);
    const message = renderError(refreshed) ?? '';
    expect(message).toContain(`build dependencies of helm chart shop: dependency lib`);
    expect(message).toContain(server.url);
    expect(message).toMatch(/401/);
    expect(message).not.toContain(wrongPassword);
    expect(message).not.toContain(login.password);
    // the right password again: the failed application is refreshed at once
    await storeCredentials(login.password, repositoryName);
    await until(`${privateApp} rendered again`, async () => !renderError(await app(privateApp)));
  }, 120_000);

  it('leaves no credential used in the data and cache folders, nor in any answer or event', async () => {
    const planted: Planted[] = [
      { what: 'Helm repository password', secret: login.password, user: login.username },
      { what: 'wrong Helm repository password', secret: wrongPassword, user: login.username },
    ];
    const places = [...filesUnder(join(root, 'data')), ...seen];
    expect(places.length).toBeGreaterThan(20);
    // the cache folder held the built dependencies: the scan read it
    expect(places.some(([path]) => path.includes('helm-dependencies'))).toBe(true);
    expect(leaksIn(places, planted)).toEqual([]);
  });
});

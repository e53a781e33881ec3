// A credential added for a repository takes effect at once: the application that failed to read
// its private repository (auth) renders without waiting for the next poll or a manual refresh.
// And Helm repositories are tried by their index.yaml, with basic auth.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlumblineClient } from '../../../engine/api/client.ts';
import type { Engine } from '../../../engine/index.ts';
import { memorySecretStore } from '../../../engine/secrets/secretStore.ts';
import { makeScratch, type Scratch } from '../../support/gitFixtures.ts';
import { startHttpGitServer, type HttpGitServer } from '../../support/httpGitServer.ts';
import { testEngine } from '../../support/testEngine.ts';
import { until } from '../../support/until.ts';
import { remoteWith, writeApplication } from '../../support/workspaceFixtures.ts';

const PASSWORD = 'refresh-password-2f8c';
let scratch: Scratch;
let server: HttpGitServer;
let charts: Server;
let chartsUrl: string;
let engine: Engine;
let client: PlumblineClient;

beforeAll(async () => {
  scratch = await makeScratch();
  await remoteWith(scratch.root, 'config.git', {
    'app/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: refreshed}\n',
  });
  server = await startHttpGitServer({
    projectRoot: scratch.root,
    username: 'deployer',
    password: PASSWORD,
    protect: 'all',
  });
  const workspace = join(scratch.root, 'workspace');
  await writeApplication(workspace, 'private', {
    source: { repoURL: server.url('config.git'), path: 'app' },
    destination: { name: 'nowhere', namespace: 'default' },
  });
  const expected = `Basic ${Buffer.from(`charts:${PASSWORD}`).toString('base64')}`;
  charts = createServer((request, response) => {
    if (request.headers.authorization !== expected) return void response.writeHead(401).end();
    if (request.url !== '/stable/index.yaml') return void response.writeHead(404).end();
    response.writeHead(200, { 'content-type': 'text/yaml' }).end('apiVersion: v1\nentries: {}\n');
  });
  await new Promise<void>((resolve) => charts.listen(0, '127.0.0.1', resolve));
  chartsUrl = `http://127.0.0.1:${(charts.address() as AddressInfo).port}`;
  ({ engine, client } = testEngine(scratch.root, workspace, {
    kubeconfig: join(scratch.root, 'no-kubeconfig'),
    secrets: memorySecretStore(),
    repoPollMs: 3_600_000,
  }));
});
afterAll(async () => {
  await engine?.close();
  await server?.close();
  await new Promise((resolve) => charts?.close(resolve));
  await scratch?.remove();
});

describe('adding a credential', () => {
  it('refreshes the applications of the repository', async () => {
    const app = async () => (await client.call('apps.get', { name: 'private' })).app;
    const readFailure = (found: { conditions: Array<{ message: string }> }) =>
      found.conditions.some((condition) => condition.message.includes('could not read Username'));
    const failing = await until(app, readFailure, 30_000);
    expect(failing.revision).toBeNull();
    await client.call('repos.add', {
      definition: {
        url: server.url('config.git'),
        credentials: { username: 'deployer', password: PASSWORD },
      },
    });
    // no refresh asked, and the poll is an hour away: the add refreshed it
    const read = await until(app, (found) => found.revision !== null && !readFailure(found), 30_000);
    expect(read.revision).toMatch(/^[0-9a-f]{40}$/);
  });
});

describe('a Helm repository', () => {
  it('is tried by its index.yaml: ok, auth, not-found', async () => {
    const url = `${chartsUrl}/stable`;
    await client.call('repos.add', {
      definition: {
        url,
        type: 'helm',
        name: 'stable',
        credentials: { username: 'charts', password: PASSWORD },
      },
    });
    expect(await client.call('repos.test', { url })).toMatchObject({ ok: true });
    await client.call('repos.add', {
      definition: { url, type: 'helm', credentials: { username: 'charts', password: 'wrong-one' } },
      upsert: true,
    });
    expect(await client.call('repos.test', { url })).toMatchObject({ ok: false, problem: 'auth' });
    const other = `${chartsUrl}/other`;
    await client.call('repos.add', {
      definition: { url: other, type: 'helm', credentials: { username: 'charts', password: PASSWORD } },
    });
    expect(await client.call('repos.test', { url: other })).toMatchObject({
      ok: false,
      problem: 'not-found',
    });
  });
});

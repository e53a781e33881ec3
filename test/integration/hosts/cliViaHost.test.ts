// The CLI against a running `plumbline serve` (--server/--token): its answers come from the host
// (the host's data folder, kubeconfig and workspace, none of the CLI's own), and a wrong token,
// no host, or a host of another version end with a clear error and exit code 1.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { stringify } from 'yaml';
import { serveRpc } from '../../../engine/api/rpc.ts';
import { runCli, startServe, type ServingHost } from '../../support/cli.ts';
import { writeKubeconfig } from '../../support/kubeconfigFixture.ts';
import { tempDir } from '../../support/tempDir.ts';
import { remoteWith, writeApplication } from '../../support/workspaceFixtures.ts';

const root = tempDir();
const hostData = join(root, 'host-data');
const workspace = join(root, 'workspace');
// The CLI's own environment: another data folder, another kubeconfig, an empty workspace.
const cliEnv = {
  PLUMBLINE_DATA_DIR: join(root, 'cli-data'),
  KUBECONFIG: writeKubeconfig(root, 'cli.yaml', [
    { name: 'cli-ctx', server: 'https://127.0.0.1:1', user: 'c' },
  ]),
};
let host: ServingHost;
let viaHost: string[];

const configMap = {
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'settings' },
  data: { level: 'info' },
};

beforeAll(async () => {
  const { remote } = await remoteWith(
    root,
    'config.git',
    { 'web/settings.yaml': stringify(configMap) },
    'settings',
  );
  await writeApplication(workspace, 'web', {
    source: { repoURL: remote.bare, path: 'web' },
    // Nothing listens there: the cluster is unreachable at once.
    destination: { name: 'host-ctx', namespace: 'web' },
  });
  host = await startServe({
    PLUMBLINE_DATA_DIR: hostData,
    PLUMBLINE_WORKSPACE: workspace,
    KUBECONFIG: writeKubeconfig(root, 'host.yaml', [
      { name: 'host-ctx', server: 'https://127.0.0.1:1', user: 'h' },
    ]),
  });
  viaHost = ['--server', host.url, '--token', host.token];
});
afterAll(() => host?.stop());

describe('the CLI through a running host', () => {
  it("answers with the host's engine: its data folder and its kubeconfig", async () => {
    const version = await runCli([...viaHost, 'version', '--output', 'json'], cliEnv);
    expect(version.code, version.stderr).toBe(0);
    expect(JSON.parse(version.stdout).dataDir).toBe(hostData);
    const clusters = await runCli(['clusters', ...viaHost], cliEnv);
    expect(clusters.code, clusters.stderr).toBe(0);
    expect(clusters.stdout).toContain('host-ctx');
    expect(clusters.stdout).not.toContain('cli-ctx');
  });

  it('takes the address from PLUMBLINE_SERVER and PLUMBLINE_TOKEN, or the token from the URL serve prints', async () => {
    const fromEnv = await runCli(['version', '-o', 'json'], {
      ...cliEnv,
      PLUMBLINE_SERVER: host.url,
      PLUMBLINE_TOKEN: host.token,
    });
    expect(fromEnv.code, fromEnv.stderr).toBe(0);
    expect(JSON.parse(fromEnv.stdout).dataDir).toBe(hostData);
    const fromUrl = await runCli(['--server', host.appUrl, 'version', '-o', 'json'], cliEnv);
    expect(fromUrl.code, fromUrl.stderr).toBe(0);
    expect(JSON.parse(fromUrl.stdout).dataDir).toBe(hostData);
  });

  it("renders and compares the host's applications, which the CLI alone does not know", async () => {
    const rendered = await runCli([...viaHost, 'render', '--app', 'web'], cliEnv);
    expect(rendered.code, rendered.stderr).toBe(0);
    expect(rendered.stdout).toMatch(/kind: ConfigMap[\s\S]*name: settings/);
    const diff = await runCli([...viaHost, 'diff', '--app', 'web'], cliEnv);
    expect(diff.code).toBe(1);
    expect(diff.stderr).toMatch(/^plumbline: web: cannot compare: /);
    const alone = await runCli(['diff', '--app', 'web'], cliEnv);
    expect(alone.code).toBe(1);
    expect(alone.stderr).toContain('no application named web');
  });

  it("lists the host's applications and shows one, with the host's statuses", async () => {
    const listed = await runCli([...viaHost, 'apps', '-o', 'json'], cliEnv);
    expect(listed.code, listed.stderr).toBe(0);
    const { apps } = JSON.parse(listed.stdout) as {
      apps: Array<{ name: string; destination: { name: string } }>;
    };
    expect(apps.map((app) => [app.name, app.destination.name])).toEqual([['web', 'host-ctx']]);
    const shown = await runCli([...viaHost, 'app', 'web'], cliEnv);
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toMatch(/^Destination: +host-ctx\/web$/m);
    expect(shown.stdout).toMatch(/^Sync: +Unknown/m);
    const alone = await runCli(['apps'], cliEnv);
    expect(alone.stdout).toBe('No applications in the workspace\n');
  });

  it('says so when the host refuses the token, never printing a token', async () => {
    const result = await runCli(['--server', host.url, '--token', 'guessed', 'version'], cliEnv);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `plumbline: cannot use the Plumbline host at http://127.0.0.1:${host.port}: it refused the token (401 Unauthorized): give the token \`plumbline serve\` printed\n`,
    );
    expect(result.stdout).toBe('');
  });

  it('says so when no host listens there', async () => {
    const result = await runCli(['--server', 'http://127.0.0.1:1/', '--token', 't', 'clusters'], cliEnv);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^plumbline: cannot reach the Plumbline host at http:\/\/127\.0\.0\.1:1: .*ECONNREFUSED/,
    );
  });

  it('refuses options that do not fit as usage errors (exit 2)', async () => {
    const cases = [
      [['--token', 't', 'version'], '--token needs --server'],
      [['--server', host.url, 'version'], "--server needs the host's token"],
      [[...viaHost, 'serve'], 'serve runs on this machine only'],
      [[...viaHost, 'rollback', 'web', '--id', '1'], 'there is no terminal: give --yes'],
      [[...viaHost, 'sync', 'web', '--resource', 'settings'], 'expected GROUP/KIND/NAMESPACE/NAME'],
    ] as const;
    for (const [args, message] of cases) {
      const result = await runCli([...args], cliEnv);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr, args.join(' ')).toContain(message);
    }
  });
});

/**
 * A stand-in host that speaks the protocol: it answers app.version as Plumbline `version`, and
 * drops the connection at any other call.
 */
async function fakeHost(version: string): Promise<{ url: string; close(): Promise<void> }> {
  const sockets = new WebSocketServer({ noServer: true });
  const server: Server = createServer();
  server.on('upgrade', (request, socket, head) =>
    sockets.handleUpgrade(request, socket, head, (ws) => {
      const rpc = serveRpc(
        {
          dispatch: async (name) => {
            if (name !== 'app.version') ws.terminate();
            return {
              name: 'Plumbline',
              version,
              node: process.versions.node,
              platform: 'test',
              dataDir: root,
            };
          },
          subscribe: () => () => undefined,
        },
        (message) => ws.send(JSON.stringify(message)),
      );
      ws.on('message', (data) => rpc.receive(JSON.parse(data.toString())));
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('a host that does not fit', () => {
  it('of another version is refused before any call', async () => {
    const other = await fakeHost('0.0.1');
    const result = await runCli(['--server', other.url, '--token', 't', 'clusters'], cliEnv);
    await other.close();
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /runs Plumbline 0\.0\.1, this CLI is \d+\.\d+\.\d+: use the CLI of the host's version/,
    );
    expect(result.stdout).toBe('');
  });

  it('that drops the connection fails the call it was answering', async () => {
    const own = JSON.parse((await runCli(['version', '-o', 'json'], cliEnv)).stdout).version;
    const dropping = await fakeHost(own);
    const result = await runCli(['--server', dropping.url, '--token', 't', 'clusters'], cliEnv);
    await dropping.close();
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `plumbline: the connection to the Plumbline host at ${dropping.url.slice(0, -1)} closed\n`,
    );
  });
});

// A cluster registered with an exec credential plugin, on the real cluster: the plugin (a
// script written here) runs once for many requests, and its failure reaches the connection test.
// A kubeconfig context's plugin runs the same way, and what it prints on stderr (a device-code
// login's prompt) reaches the user as an event.
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../../engine/api/contract.ts';
import { createEngine, inProcessClient } from '../../../engine/index.ts';
import { parse, stringify } from 'yaml';
import { importFromKubeconfig } from '../../../engine/clusters/importFromKubeconfig.ts';
import { ExecCredentialCache } from '../../../engine/clusters/execCredentialCache.ts';
import { kubeConfigForRegistered } from '../../../engine/clusters/kubeConfigForRegistered.ts';
import { testCluster } from '../../../engine/clusters/testCluster.ts';
import { memorySecretStore } from '../../../engine/secrets/secretStore.ts';
import { testKubeconfigPath } from '../../cluster/kubeconfig.ts';
import { tempDir } from '../../support/tempDir.ts';
import { oneConfigMapWorkspace } from '../../support/workspaceFixtures.ts';
import { until } from '../live/liveTestKit.ts';

interface Kubeconfig {
  users: Array<{ name: string; user: Record<string, unknown> }>;
}

/** The test kubeconfig with the admin user of plumbline-a logging in through `script`. */
function kubeconfigWithPlugin(dir: string, script: string): string {
  const config = parse(readFileSync(testKubeconfigPath(), 'utf8')) as Kubeconfig;
  const admin = config.users.find((user) => user.name === 'plumbline-a-admin')!;
  const token = admin.user.token as string;
  const plugin = join(dir, 'auth-plugin');
  writeFileSync(plugin, `#!/bin/sh\n${script.replaceAll('$TOKEN', token)}\n`);
  chmodSync(plugin, 0o755);
  admin.user = {
    exec: { apiVersion: 'client.authentication.k8s.io/v1', command: plugin, args: [join(dir, 'runs')] },
  };
  const path = join(dir, 'kubeconfig');
  writeFileSync(path, stringify(config));
  return path;
}

async function registered(file: string) {
  const { record, credentials } = importFromKubeconfig([file], 'plumbline-a');
  const secrets = memorySecretStore({ [record.credentialAccount]: JSON.stringify(credentials) });
  return kubeConfigForRegistered(record, secrets, new ExecCredentialCache());
}

describe('exec plugin credentials', () => {
  it('log in with the token the plugin prints, running it once while the token is fresh', async () => {
    const dir = tempDir();
    const expires = new Date(Date.now() + 3_600_000).toISOString();
    const status = `{"token":"$TOKEN","expirationTimestamp":"${expires}"}`;
    const file = kubeconfigWithPlugin(
      dir,
      `echo run >> "$1"\necho '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":${status}}'`,
    );
    const kc = await registered(file);
    expect((await testCluster(kc)).ok).toBe(true);
    expect((await testCluster(kc)).ok).toBe(true);
    expect(readFileSync(join(dir, 'runs'), 'utf8')).toBe('run\n');
  });

  it("report the plugin's failure and what it said", async () => {
    const file = kubeconfigWithPlugin(tempDir(), 'echo "error: the SSO session has expired" >&2\nexit 3');
    const result = await testCluster(await registered(file));
    expect(result.ok).toBe(false);
    expect(result.problem).toMatch(
      /exec plugin .*auth-plugin exited with code 3: error: the SSO session has expired$/,
    );
  });

  it("run a kubeconfig context's plugin the same way, and show its login prompt to the user", async () => {
    const dir = tempDir();
    const status = '{"token":"$TOKEN"}';
    const file = kubeconfigWithPlugin(
      dir,
      `echo run >> "$1"\necho "To sign in, open https://login.example.test/device and enter WDJB-MJHT" >&2\n` +
        `echo '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":${status}}'`,
    );
    const workspace = await oneConfigMapWorkspace(dir, 'plugin-check', {
      name: 'plumbline-a',
      namespace: 'default',
    });
    const engine = createEngine({
      dataDir: join(dir, 'data'),
      env: { PATH: process.env.PATH, KUBECONFIG: file, PLUMBLINE_WORKSPACE: workspace },
      homeDir: dir,
    });
    const heard: EngineEvent[] = [];
    const client = inProcessClient(engine);
    client.subscribe((event) => event.event === 'clusters.pluginOutput' && heard.push(event));
    try {
      // the live cache of the context connects with the plugin's token: the app gets compared
      await until('compared through the plugin', async () => {
        const { app } = await client.call('apps.get', { name: 'plugin-check' });
        return app.sync.status === 'OutOfSync' && app;
      });
      expect(heard).toContainEqual({
        event: 'clusters.pluginOutput',
        payload: { cluster: 'plumbline-a', text: expect.stringContaining('enter WDJB-MJHT') },
      });
      expect(readFileSync(join(dir, 'runs'), 'utf8')).toBe('run\n');
    } finally {
      await engine.close();
    }
  });
});

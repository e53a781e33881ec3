// Exec credential plugins: small shell-script plugins written by the test stand in for aws,
// gke-gcloud-auth-plugin or kubelogin.
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ExecConfig } from '../../../engine/clusters/clusterCredentials.ts';
import { ExecPluginError, runExecPlugin } from '../../../engine/clusters/execPlugin.ts';
import { tempDir } from '../../support/tempDir.ts';

const bin = tempDir();
const PATH = `${bin}:/usr/bin:/bin`;

function plugin(name: string, body: string): ExecConfig {
  const file = join(bin, name);
  writeFileSync(file, `#!/bin/sh\n${body}\n`);
  chmodSync(file, 0o755);
  return { apiVersion: 'client.authentication.k8s.io/v1', command: name, args: ['--flag'], env: [] };
}

const credential = (status: Record<string, string>) =>
  `cat <<'JSON'\n${JSON.stringify({ apiVersion: 'client.authentication.k8s.io/v1', kind: 'ExecCredential', status })}\nJSON`;

async function failure(promise: Promise<unknown>): Promise<ExecPluginError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ExecPluginError);
  return error as ExecPluginError;
}

describe('runExecPlugin', () => {
  it('finds the plugin on PATH, passes args and env, and parses the token and expiry', async () => {
    const config = plugin(
      'token-plugin',
      `[ "$1" = --flag ] || exit 3\n[ "$PROFILE" = ops ] || exit 4\n` +
        `echo "$KUBERNETES_EXEC_INFO" | grep -q '"interactive":false' || exit 5\n` +
        credential({ token: 'exec-tok-1', expirationTimestamp: '2030-01-02T03:04:05Z' }),
    );
    const result = await runExecPlugin(
      { ...config, env: [{ name: 'PROFILE', value: 'ops' }] },
      { env: { PATH } },
    );
    expect(result).toEqual({
      token: 'exec-tok-1',
      clientCertificatePem: undefined,
      clientKeyPem: undefined,
      expiresAt: new Date('2030-01-02T03:04:05Z'),
    });
  });

  it('parses a client certificate and key', async () => {
    const config = plugin('cert-plugin', credential({ clientCertificateData: 'CERT', clientKeyData: 'KEY' }));
    const result = await runExecPlugin(config, { env: { PATH } });
    expect(result).toMatchObject({ clientCertificatePem: 'CERT', clientKeyPem: 'KEY', token: undefined });
  });

  it('names a missing binary and the PATH searched, with the install hint', async () => {
    const config = { ...plugin('x', 'true'), command: 'no-such-auth-plugin', installHint: 'brew install it' };
    const error = await failure(runExecPlugin(config, { env: { PATH: '/nowhere:/also-not' } }));
    expect(error.message).toBe(
      'exec plugin no-such-auth-plugin was not found in PATH (/nowhere:/also-not); brew install it',
    );
  });

  it('reports a failing exit code with what the plugin said on stderr', async () => {
    const seen: string[] = [];
    const config = plugin('failing-plugin', 'echo "error: SSO session expired, run login" >&2\nexit 7');
    const error = await failure(runExecPlugin(config, { env: { PATH }, onStderr: (t) => seen.push(t) }));
    expect(error.message).toBe(
      'exec plugin failing-plugin exited with code 7: error: SSO session expired, run login',
    );
    expect(error.stderr).toContain('SSO session expired');
    expect(seen.join('')).toContain('SSO session expired');
  });

  it('stops a plugin that does not finish in time, with what it started', async () => {
    const config = plugin('slow-plugin', 'echo "open https://login.example/device" >&2\nsleep 30\necho done');
    const started = Date.now();
    const error = await failure(runExecPlugin(config, { env: { PATH }, timeoutMs: 300 }));
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(error.message).toBe(
      'exec plugin slow-plugin did not finish within 0.3 s: open https://login.example/device',
    );
  });

  it('waits longer once its prompt is shown to the user, as a device-code login needs', async () => {
    const config = plugin(
      'device-login',
      `echo "open https://login.example/device and enter ABCD" >&2\nsleep 1\n${credential({ token: 'after-login' })}`,
    );
    const shown: string[] = [];
    const options = { env: { PATH }, timeoutMs: 300, userTimeoutMs: 5_000 };
    const result = await runExecPlugin(config, { ...options, onStderr: (text) => shown.push(text) });
    expect(result.token).toBe('after-login');
    expect(shown.join('')).toContain('enter ABCD');
    // nobody shown the prompt: the short limit holds
    expect((await failure(runExecPlugin(config, options))).message).toMatch(/did not finish within 0.3 s/);
  });

  it('refuses output that is not an ExecCredential without quoting it', async () => {
    const notJson = plugin('chatty-plugin', 'echo "here is secret-abc"');
    expect((await failure(runExecPlugin(notJson, { env: { PATH } }))).message).toBe(
      'exec plugin chatty-plugin printed no JSON ExecCredential on stdout',
    );
    const empty = plugin('empty-plugin', credential({}));
    expect((await failure(runExecPlugin(empty, { env: { PATH } }))).message).toMatch(
      /neither a token nor a client certificate/,
    );
  });
});

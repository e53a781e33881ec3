// The exec credential cache: one plugin run per credential lifetime, shared by concurrent
// requests, renewed before expiry, failures not cached.
import { describe, expect, it } from 'vitest';
import type { ExecConfig } from '../../../engine/clusters/clusterCredentials.ts';
import type { ExecCredential } from '../../../engine/clusters/execCredential.ts';
import { ExecCredentialCache } from '../../../engine/clusters/execCredentialCache.ts';

const config: ExecConfig = { apiVersion: 'client.authentication.k8s.io/v1', command: 'p', args: [], env: [] };

function counting(results: Array<ExecCredential | Error>) {
  let runs = 0;
  const run = async () => {
    const result = results[Math.min(runs++, results.length - 1)]!;
    if (result instanceof Error) throw result;
    return result;
  };
  return { run, runs: () => runs };
}

describe('ExecCredentialCache', () => {
  it('runs the plugin once for concurrent and later requests while the credential is fresh', async () => {
    const plugin = counting([{ token: 'a', expiresAt: new Date(10 * 60_000) }]);
    const cache = new ExecCredentialCache({}, plugin.run, () => 0);
    const [one, two] = await Promise.all([
      cache.credentialFor('c', config),
      cache.credentialFor('c', config),
    ]);
    expect(await cache.credentialFor('c', config)).toBe(one);
    expect(two).toBe(one);
    expect(plugin.runs()).toBe(1);
  });

  it('runs again shortly before expiry, when the config changed, or after invalidation', async () => {
    let now = 0;
    const plugin = counting([
      { token: 'a', expiresAt: new Date(60_000) },
      { token: 'b', expiresAt: new Date(600_000) },
      { token: 'c' },
      { token: 'd' },
    ]);
    const cache = new ExecCredentialCache({}, plugin.run, () => now);
    expect((await cache.credentialFor('c', config)).token).toBe('a');
    now = 40_000; // within 30 s of expiry
    expect((await cache.credentialFor('c', config)).token).toBe('b');
    expect((await cache.credentialFor('c', { ...config, args: ['x'] })).token).toBe('c');
    cache.invalidate('c');
    expect((await cache.credentialFor('c', { ...config, args: ['x'] })).token).toBe('d');
  });

  it("passes the plugin's stderr on with the cluster's name", async () => {
    const seen: string[] = [];
    const cache = new ExecCredentialCache(
      { onStderr: (cluster, text) => seen.push(`${cluster}: ${text}`) },
      async (_c, options) => {
        options.onStderr?.('open https://login.example/device');
        return { token: 't' };
      },
    );
    await cache.credentialFor('prod', config);
    expect(seen).toEqual(['prod: open https://login.example/device']);
  });

  it('does not cache a failed run', async () => {
    const plugin = counting([new Error('exec plugin p exited with code 1'), { token: 'ok' }]);
    const cache = new ExecCredentialCache({}, plugin.run, () => 0);
    await expect(cache.credentialFor('c', config)).rejects.toThrow(/code 1/);
    expect((await cache.credentialFor('c', config)).token).toBe('ok');
  });
});

// The `plumbline` command as a user runs it: answers, exit codes, errors on stderr.
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { runCli, startServe } from '../../support/cli.ts';
import { leakCanary, writeKubeconfig } from '../../support/kubeconfigFixture.ts';
import { tempDir } from '../../support/tempDir.ts';
import { delimiter } from 'node:path';

const dir = tempDir();
const env = {
  PLUMBLINE_DATA_DIR: dir,
  KUBECONFIG: [
    writeKubeconfig(
      dir,
      'a.yaml',
      [{ name: 'alpha', server: 'https://a.example', user: 'ua', namespace: 'team-a' }],
      'alpha',
    ),
    writeKubeconfig(dir, 'b.yaml', [{ name: 'beta', server: 'https://b.example', user: 'ub' }]),
  ].join(delimiter),
};

describe('plumbline CLI', () => {
  it('prints its version', async () => {
    const result = await runCli(['version'], env);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Plumbline \d+\.\d+\.\d+/);
  });

  it('lists the contexts of every KUBECONFIG file as JSON, without credentials', async () => {
    const result = await runCli(['clusters', '--output', 'json'], env);
    expect(result.code).toBe(0);
    const list = JSON.parse(result.stdout);
    expect(list.contexts.map((c: { name: string }) => c.name)).toEqual(['alpha', 'beta']);
    expect(result.stdout).not.toContain(leakCanary);
  });

  it('lists them as a table', async () => {
    const result = await runCli(['clusters'], env);
    expect(result.stdout.split('\n')[0]).toMatch(/^CURRENT\s+NAME\s+CLUSTER\s+SERVER\s+USER\s+NAMESPACE$/);
    expect(result.stdout).toMatch(/\*\s+alpha\s+alpha-cluster\s+https:\/\/a\.example\s+ua\s+team-a/);
  });

  it.each([[[]], [['version']], [['clusters']], [['serve']]])('has --help for %j', async (args) => {
    const result = await runCli([...args, '--help'], env);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: plumbline');
  });

  it('exits 2 on usage errors, with the error on stderr', async () => {
    for (const args of [['clusters', '--output', 'xml'], ['nonsense'], ['serve', '--port', 'abc']]) {
      const result = await runCli(args, env);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toContain('error');
      expect(result.stdout).toBe('');
    }
  });

  it('exits 1 when the work fails, with the reason on stderr', async () => {
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const port = (busy.address() as { port: number }).port;
    const result = await runCli(['serve', '--port', String(port)], env);
    busy.close();
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^plumbline: .*EADDRINUSE/);
  });

  it('serve stops cleanly on SIGINT and SIGTERM', async () => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      const host = await startServe(env);
      expect(host.appUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=/);
      expect(await host.stop(signal), host.output()).toBe(0);
      expect(host.output()).toContain('Plumbline stopped');
    }
  });
});

// An unhandled rejection and an uncaught exception planted in a real `plumbline serve` (through
// NODE_OPTIONS, once the host's guards are installed): the host logs both as bugs and keeps
// serving, and stopping it then fails — which is how every test that starts a host fails when
// that host had an unhandled error (test/support/cli.ts).
import { expect, it } from 'vitest';
import { unhandledMarker } from '../../../main/host/processGuards.ts';
import { startServe } from '../../support/cli.ts';
import { writeKubeconfig } from '../../support/kubeconfigFixture.ts';
import { hostAnswers } from '../../support/rawHost.ts';
import { tempDir } from '../../support/tempDir.ts';

// No spaces: NODE_OPTIONS splits on them.
const planted =
  "globalThis.plant=setInterval(()=>{if(process.listenerCount('unhandledRejection')>0){clearInterval(globalThis.plant);" +
  "Promise.reject(Error('planted-rejection'));setTimeout(()=>{throw(Error('planted-exception'))},10)}},20)";

it('logs planted unhandled errors, keeps serving, and fails the test that stops it', async () => {
  const dir = tempDir();
  const kubeconfig = writeKubeconfig(dir, 'config', [
    { name: 'u-ctx', server: 'https://u.example', user: 'u' },
  ]);
  const host = await startServe({
    KUBECONFIG: kubeconfig,
    PLUMBLINE_DATA_DIR: dir,
    NODE_OPTIONS: `--import=data:text/javascript,${encodeURIComponent(planted)}`,
  });
  await expect.poll(() => host.output(), { timeout: 10_000 }).toContain('planted-exception');
  expect(host.output()).toMatch(
    new RegExp(`${unhandledMarker} \\(an unhandled rejection; still serving\\): Error: planted-rejection`),
  );
  expect(host.output()).toMatch(
    new RegExp(`${unhandledMarker} \\(an uncaught exception; still serving\\): Error: planted-exception`),
  );
  expect(await hostAnswers(host.port, host.token)).toMatchObject({ ok: true });
  await expect(host.stop()).rejects.toThrow(/the host logged an unhandled error/);
});

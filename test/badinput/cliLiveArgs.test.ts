// Hostile arguments of the CLI's live-object commands (`app logs`, `app resource delete|edit`):
// counts and durations out of range or not numbers, unknown propagation policies, edited files
// that are devices, too large or missing, application names that look like flags. Each is a
// usage error (exit 2) or a clean failure (exit 1) with its reason, before anything is written.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { runCli } from '../support/cli.ts';
import { writeKubeconfig } from '../support/kubeconfigFixture.ts';
import { tempDir } from '../support/tempDir.ts';
import { badInputCases } from './corpus.ts';

const dir = tempDir('plumbline-cli-live-');
const env = {
  KUBECONFIG: writeKubeconfig(
    dir,
    'config',
    [{ name: 'dev', server: 'https://127.0.0.1:1', user: 'me' }],
    'dev',
  ),
  PLUMBLINE_DATA_DIR: join(dir, 'data'),
  PLUMBLINE_WORKSPACE: join(dir, 'workspace'),
};

async function usageErrors(argsList: string[][], pattern: RegExp) {
  const results = await Promise.all(argsList.map((args) => runCli(args, env)));
  for (const [i, result] of results.entries()) {
    expect(result.code, argsList[i]!.join(' ')).toBe(2);
    expect(result.stderr).toMatch(pattern);
  }
  return results.map((result) => result.stderr);
}

const edit = ['app', 'resource', 'edit', 'shop', '--kind', 'Deployment', '--name', 'web', '--yes', '--file'];

badInputCases('CLI arguments of live objects', [
  {
    name: '--tail of 0, -1, 1e3, 10^7, hex, a flag',
    outcome: 'usage error naming the range',
    timeoutMs: 60_000,
    run: () =>
      usageErrors(
        ['0', '-1', '1e3', '10000000', '0x10', '--follow'].map((tail) => [
          'app',
          'logs',
          'shop',
          '--tail',
          tail,
        ]),
        /expected a whole number from 1 to 1000000/,
      ),
  },
  {
    name: '--since of 5d, -1s, 0s, 1.5h, 11 years, spaces',
    outcome: 'usage error naming the form',
    timeoutMs: 60_000,
    run: () =>
      usageErrors(
        ['5d', '-1s', '0s', '1.5h', '96360h', '1h 5m'].map((since) => [
          'app',
          'logs',
          'shop',
          '--since',
          since,
        ]),
        /expected a duration such as 30s, 5m or 1h30m/,
      ),
  },
  {
    name: 'an unknown --propagation, and delete without --kind',
    outcome: 'usage error',
    timeoutMs: 60_000,
    run: () =>
      usageErrors(
        [
          [
            'app',
            'resource',
            'delete',
            'shop',
            '--kind',
            'Pod',
            '--name',
            'p',
            '--propagation',
            'everything',
            '--yes',
          ],
          ['app', 'resource', 'delete', 'shop', '--name', 'p', '--yes'],
        ],
        /Allowed choices are foreground, background, orphan|required option '--kind <kind>'/,
      ),
  },
  {
    name: 'an edited file that is a device, a folder, 5 MiB, or missing',
    outcome: 'refused before it is read or sent, exit 1',
    timeoutMs: 90_000,
    async run() {
      const big = join(dir, 'big.yaml');
      writeFileSync(big, `a: ${'x'.repeat(5 * 1024 * 1024)}\n`);
      const cases: Array<[string, RegExp]> = [
        ['/dev/zero', /\/dev\/zero is not a file/],
        [dir, /is not a file/],
        [big, /is larger than 4 MiB/],
        [join(dir, 'missing.yaml'), /ENOENT|no such file/],
      ];
      const results = await Promise.all(cases.map(([file]) => runCli([...edit, file], env)));
      for (const [i, result] of results.entries()) {
        expect(result.code).toBe(1);
        expect(result.stderr).toMatch(cases[i]![1]);
      }
      return results.map((result) => result.stderr);
    },
  },
  {
    name: 'an application name that looks like a flag (after --)',
    outcome: 'no such application, exit 1',
    timeoutMs: 60_000,
    async run() {
      const result = await runCli(['app', 'logs', '--', '--server=http://evil.example'], env);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/--server=http:\/\/evil.example/);
      return result.stderr;
    },
  },
]);

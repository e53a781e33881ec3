// Hostile `spec.info` lists as `plumbline app NAME` prints them: a value of 200 KiB and 5000
// entries are printed whole; control characters (an escape sequence, a carriage return, a bell)
// are shown as escapes in the table and stay escaped in JSON; a javascript: URL and flag-like
// names are text; an entry without a value makes the definition invalid, named in a condition.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { runCli } from '../support/cli.ts';
import { writeKubeconfig } from '../support/kubeconfigFixture.ts';
import { tempDir } from '../support/tempDir.ts';
import { applicationYaml } from '../support/workspaceFixtures.ts';
import { badInputCases } from './corpus.ts';

/** `plumbline app shop` on a workspace whose one application has this `info`. */
async function showApp(info: unknown, output: 'table' | 'json') {
  const dir = tempDir('plumbline-app-info-');
  const workspace = join(dir, 'workspace');
  mkdirSync(workspace);
  writeFileSync(
    join(workspace, 'shop.yaml'),
    applicationYaml('shop', {
      source: { repoURL: join(dir, 'no-repository'), path: 'deploy' },
      destination: { name: 'dev', namespace: 'shop' },
      info,
    }),
  );
  const kubeconfig = writeKubeconfig(
    dir,
    'config',
    [{ name: 'dev', server: 'https://127.0.0.1:1', user: 'me' }],
    'dev',
  );
  return runCli(['app', 'shop', '--output', output], {
    KUBECONFIG: kubeconfig,
    PLUMBLINE_DATA_DIR: join(dir, 'data'),
    PLUMBLINE_WORKSPACE: workspace,
  });
}

const control = { name: 'Owner\u001b]0;pwned\u0007', value: 'team\r\u001b[2Kfaked line\u009b31m' };

badInputCases('application info', [
  {
    name: 'an info value of 200 KiB',
    outcome: 'printed whole in the table and in JSON',
    timeoutMs: 60_000,
    async run() {
      const value = 'v'.repeat(200 * 1024);
      const table = await showApp([{ name: 'Long', value }], 'table');
      expect(table.code).toBe(0);
      expect(table.stdout).toContain(`  Long: ${value}\n`);
      const json = await showApp([{ name: 'Long', value }], 'json');
      expect(JSON.parse(json.stdout).info).toEqual([{ name: 'Long', value }]);
      return table.stderr;
    },
  },
  {
    name: '5000 info entries',
    outcome: 'every one printed, in order',
    timeoutMs: 60_000,
    async run() {
      const info = Array.from({ length: 5000 }, (_, i) => ({ name: `n${i}`, value: `v${i}` }));
      const result = await showApp(info, 'table');
      expect(result.code).toBe(0);
      const lines = result.stdout.split('\n').filter((line) => /^ {2}n\d+: /.test(line));
      expect(lines).toHaveLength(5000);
      expect(lines.at(-1)).toBe('  n4999: v4999');
      return result.stderr;
    },
  },
  {
    name: 'control characters in an info name and value (OSC title, CR, erase line, C1 CSI)',
    outcome: 'shown as \\u escapes in the table; JSON keeps them escaped',
    timeoutMs: 60_000,
    async run() {
      const table = await showApp([control], 'table');
      expect(table.code).toBe(0);
      expect(table.stdout).toContain(
        '  Owner\\u001b]0;pwned\\u0007: team\\u000d\\u001b[2Kfaked line\\u009b31m\n',
      );
      // eslint-disable-next-line no-control-regex -- the test looks for them
      expect(table.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
      const json = await showApp([control], 'json');
      expect(JSON.parse(json.stdout).info).toEqual([control]);
      return table.stdout;
    },
  },
  {
    name: 'a javascript: URL and flag-like names as info',
    outcome: 'printed as text, no option read from them',
    timeoutMs: 60_000,
    async run() {
      const info = [
        { name: '--server', value: 'javascript:alert(1)' },
        { name: '-o', value: 'json' },
      ];
      const result = await showApp(info, 'table');
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('  --server: javascript:alert(1)\n  -o: json\n');
      return result.stdout;
    },
  },
  {
    name: 'an info entry without a value, and info that is not a list',
    outcome: 'the definition is invalid and a condition names the field',
    timeoutMs: 60_000,
    async run() {
      const missing = await showApp([{ name: 'Owner' }], 'json');
      expect(missing.code).toBe(0);
      expect(JSON.stringify(JSON.parse(missing.stdout).conditions)).toMatch(/info/);
      const notList = await showApp('runbook', 'json');
      expect(JSON.stringify(JSON.parse(notList.stdout).conditions)).toMatch(/info/);
      return [missing.stdout, notList.stdout];
    },
  },
]);

// Hostile input around config management plugins: parameter and env values full of shell
// metacharacters and line breaks (they stay data: the plugin receives them byte for byte and no
// shell ever reads them), a plugin that writes everywhere it can reach (the shared checkout and
// the repository cache stay as they were), a repository symlink to outside (refused before any
// plugin runs), a plugin that hangs (killed at the time limit with what it started) or prints
// without end (stopped at the output limit), a repository holding files named like a plugin's
// configuration (never run: only the user's settings define plugins), env names a process
// environment cannot hold, and plugin files that are not plugins.
import { execFileSync } from 'node:child_process';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'vitest';
import { stringify } from 'yaml';
import { createRepositoryCache } from '../../engine/git/index.ts';
import { renderSource, type RenderOptions, type RenderSource } from '../../engine/render/index.ts';
import { makeRemote } from '../support/gitFixtures.ts';
import { tempDir } from '../support/tempDir.ts';
import { treeDigest } from '../fixtures/render/workspace.ts';
import {
  ENV_REPORT_PLUGIN,
  reportedEnvironment,
  shell,
  writePlugin,
  writeTree,
} from '../fixtures/plugins/pluginFixtures.ts';
import { badInputCases, type OutsideMarker } from './corpus.ts';

const root = tempDir('plumbline-badcmp-');
const cacheDir = join(root, 'cache');
const pluginsDir = join(root, 'plugins');
const context = { appName: 'hostile', destinationNamespace: 'ns', kubeVersion: 'v1.30.0' };
let repoCount = 0;

async function repo(files: Record<string, string>): Promise<string> {
  return writeTree(join(root, `repo-${(repoCount += 1)}`), files);
}

/** The render's error message, or its objects when it succeeded. */
async function outcome(source: RenderSource, checkout: string, options: Partial<RenderOptions>) {
  try {
    return { objects: (await renderSource(source, checkout, context, { cacheDir, ...options })).objects };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

const CM = `printf '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"ok"}}'`;

/** Values a shell would run or split: each must arrive as written. */
const hostileValues = (marker: OutsideMarker) => [
  `$(cat ${marker.path})`,
  `\`cat ${marker.path}\``,
  `; cat ${marker.path} #`,
  `' "; cat ${marker.path}; echo "`,
  'first line\nsecond line\r\nPARAM_INJECTED=1',
  '--help',
  '${HOME} $PATH $$ \\ * ? [a]',
];

badInputCases('config management plugins', [
  {
    name: 'parameter and env values with shell metacharacters, globs and line breaks',
    outcome: 'reach the plugin byte for byte as data; no shell reads them',
    run: async (marker) => {
      const values = hostileValues(marker);
      const checkout = await repo({ 'app/x.env-report': '' });
      const source: RenderSource = {
        path: 'app',
        plugin: {
          name: 'env-report-v1.0',
          env: values.map((value, index) => ({ name: `V${index}`, value })),
          parameters: [
            { name: 'array', array: values },
            {
              name: 'map',
              map: Object.fromEntries(values.map((value, index) => [`key ${index}$(x)`, value])),
            },
            ...values.map((value, index) => ({ name: `string-${index}`, string: value })),
          ],
        },
      };
      const result = await outcome(source, checkout, { configManagementPlugins: [ENV_REPORT_PLUGIN] });
      const reported = reportedEnvironment(result.objects ?? []).values;
      values.forEach((value, index) => {
        expect(reported[`PARAM_ARRAY_${index}`]).toBe(value);
        expect(reported[`PARAM_MAP_KEY_${index}__X_`]).toBe(value);
        expect(reported[`PARAM_STRING_${index}`]).toBe(value);
      });
      // env values go through Argo CD's $VAR substitution of the build variables only
      expect(reported.ARGOCD_ENV_V0).toBe(values[0]);
      expect(reported.ARGOCD_ENV_V4).toBe(values[4]);
      expect(reported.ARGOCD_ENV_V6).toBe('  $ \\ * ? [a]');
      expect(reported.PARAM_INJECTED).toBeUndefined();
      expect(JSON.parse(reported.ARGOCD_APP_PARAMETERS ?? '')[0].array).toEqual(values);
      return result;
    },
  },
  {
    name: 'a plugin that overwrites, deletes and chmods every file it can reach from its folder',
    outcome:
      'changes only its own copy: the checkout and the repository cache are untouched, and the next render is the same',
    run: async () => {
      const remote = await makeRemote(root, 'victim.git');
      await remote.commit(
        {
          'app/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: victim\n',
          'app/run.sh': '#!/bin/sh\necho hi\n',
          'other/data.txt': 'shared\n',
        },
        'victim',
      );
      await remote.push('main');
      const repos = createRepositoryCache({ cacheDir: join(cacheDir, 'git') });
      const sha = await repos.resolveRevision(remote.bare, 'main');
      const checkout = await repos.checkout(remote.bare, sha);
      // a link inside the repository, and an executable file (modes are not kept in the copy)
      execFileSync('ln', ['-s', '../other/data.txt', join(checkout, 'app', 'linked.txt')]);
      execFileSync('chmod', ['+x', join(checkout, 'app', 'run.sh')]);
      const vandal = await writePlugin(pluginsDir, 'vandal', {
        generate: shell(
          [
            // through the repository's own link, into every file of the copy, then away with it all
            'test -x run.sh && echo "run.sh kept its executable bit" >&2 && exit 9',
            'echo tampered > linked.txt',
            'find .. -type f -exec sh -c \'echo tampered > "$1"\' _ {} \\;',
            'chmod -R 777 .. 2>/dev/null',
            'ls -a .. | grep -qx .git && echo "the copy holds .git" >&2 && exit 9',
            'rm -rf ../other',
            CM,
          ].join('\n'),
        ),
      });
      const before = await treeDigest(checkout);
      const gitBefore = await treeDigest(join(cacheDir, 'git'));
      const options = { configManagementPlugins: [vandal], commitSha: sha, hardRefresh: true };
      const source = { repoURL: remote.bare, path: 'app', plugin: { name: 'vandal' } };
      const first = await outcome(source, checkout, options);
      expect(first).toEqual({
        objects: [expect.objectContaining({ metadata: expect.objectContaining({ name: 'ok' }) })],
      });
      expect(await treeDigest(checkout)).toBe(before);
      expect(await treeDigest(join(cacheDir, 'git'))).toBe(gitBefore);
      expect(await outcome(source, checkout, options)).toEqual(first);
      return first;
    },
  },
  {
    name: 'a repository symlink to a file outside, with a plugin that would print it (named, or found by a find command)',
    outcome: 'refused before the plugin runs: "the repository holds a symlink pointing outside it"',
    run: async (marker) => {
      const checkout = await repo({ 'app/marker.cat': '' });
      await symlink(marker.path, join(checkout, 'app', 'secret.txt'));
      const reader = await writePlugin(pluginsDir, 'reader', {
        generate: shell('cat secret.txt >&2; exit 1'),
        discover: { find: { command: ['sh', '-c', 'cat secret.txt'] } },
      });
      const options = { configManagementPlugins: [reader] };
      const named = await outcome({ path: 'app', plugin: { name: 'reader' } }, checkout, options);
      expect(named.error).toBe('the repository holds a symlink pointing outside it: app/secret.txt');
      const found = await outcome({ path: 'app' }, checkout, options);
      expect(found.error).toBe('the repository holds a symlink pointing outside it: app/secret.txt');
      return [named, found];
    },
  },
  {
    name: 'a plugin whose generate (or init) never ends, with a child process of its own',
    outcome: 'killed at the time limit with its child, the condition naming the plugin and the phase',
    timeoutMs: 30_000,
    run: async () => {
      const checkout = await repo({ 'app/a.txt': '' });
      const pidFile = join(root, 'hang-child.pid');
      const hang = await writePlugin(pluginsDir, 'hang', {
        init: shell(`sleep 60 & echo $! > "${pidFile}"; wait`),
        generate: shell(CM),
      });
      const started = Date.now();
      const result = await outcome({ path: 'app', plugin: { name: 'hang' } }, checkout, {
        configManagementPlugins: [hang],
        timeoutMs: 1000,
      });
      expect(result.error).toBe('config management plugin hang: init failed: sh timed out after 1s');
      expect(Date.now() - started).toBeLessThan(10_000);
      if (process.platform === 'linux') {
        const { readFile } = await import('node:fs/promises');
        const child = Number(await readFile(pidFile, 'utf8'));
        await new Promise((resolve) => setTimeout(resolve, 200));
        const state = await readFile(`/proc/${child}/status`, 'utf8').catch(() => 'State:\tgone');
        expect(/^State:\s+(\w+)/m.exec(state)?.[1], 'the sleep it started is stopped too').toMatch(
          /^(gone|Z)$/,
        );
      }
      return result;
    },
  },
  {
    name: 'a plugin printing without end, or more objects than allowed',
    outcome: 'stopped at render.maxOutputMegabytes / refused over render.maxObjects',
    timeoutMs: 30_000,
    run: async () => {
      const checkout = await repo({ 'app/a.txt': '' });
      const flood = await writePlugin(pluginsDir, 'flood', { generate: shell("yes 'key: value'") });
      const floodResult = await outcome({ path: 'app', plugin: { name: 'flood' } }, checkout, {
        configManagementPlugins: [flood],
        renderSettings: { maxOutputMegabytes: 1 },
      });
      expect(floodResult.error).toMatch(
        /^config management plugin flood: generate failed: sh was stopped: its output is over the limit of 1 MB/,
      );
      const many = await writePlugin(pluginsDir, 'many', {
        generate: shell(
          `i=0; while [ $i -lt 50 ]; do printf -- '---\\napiVersion: v1\\nkind: ConfigMap\\nmetadata:\\n  name: c%s\\n' $i; i=$((i+1)); done`,
        ),
      });
      const manyResult = await outcome({ path: 'app', plugin: { name: 'many' } }, checkout, {
        configManagementPlugins: [many],
        renderSettings: { maxObjects: 10 },
      });
      expect(manyResult.error).toBe(
        'source app produced 50 objects, over the limit of 10 (setting render.maxObjects)',
      );
      return [floodResult, manyResult];
    },
  },
  {
    name: 'a repository holding ConfigManagementPlugin files (plugin.yaml, a sidecar layout) that would print a secret',
    outcome:
      'never run: a source naming that plugin is refused, discovery ignores them, the folder renders as Directory',
    run: async (marker) => {
      const evil = stringify({
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'ConfigManagementPlugin',
        metadata: { name: 'evil' },
        spec: {
          generate: { command: ['sh', '-c', `cat ${marker.path}`] },
          discover: { fileName: '*' },
        },
      });
      const checkout = await repo({
        'app/plugin.yaml': evil,
        'app/home/argocd/cmp-server/config/plugin.yaml': evil,
        'app/.argocd-cmp/evil.yaml': evil,
      });
      const configured = await writePlugin(pluginsDir, 'trusted', { generate: shell(CM) });
      const named = await outcome({ path: 'app', plugin: { name: 'evil' } }, checkout, {
        configManagementPlugins: [configured],
      });
      expect(named.error).toBe('could not find config management plugin "evil" (configured: trusted)');
      const noneConfigured = await outcome({ path: 'app', plugin: { name: 'evil' } }, checkout, {});
      expect(noneConfigured.error).toBe(
        'the source asks for a config management plugin (evil) and none is configured: list its ConfigManagementPlugin file in the setting configManagementPlugins',
      );
      const discovered = await outcome({ path: 'app' }, checkout, { configManagementPlugins: [configured] });
      // the file itself is only a document of the folder, as it would be in Argo CD
      expect(discovered.objects?.map((o) => o.kind)).toEqual(['ConfigManagementPlugin']);
      return [named, noneConfigured, discovered];
    },
  },
  {
    name: 'env entries an environment cannot hold ("=" in a name, NUL in a value), non-string parameters, 2 MiB of env',
    outcome: 'a condition naming the field; no plugin runs',
    run: async () => {
      const checkout = await repo({ 'app/a.txt': '' });
      const ran = join(root, 'ran-with-bad-env');
      const witness = await writePlugin(pluginsDir, 'witness', { generate: shell(`touch "${ran}"; ${CM}`) });
      const options = { configManagementPlugins: [witness] };
      const results = [];
      for (const [plugin, message] of [
        [{ env: [{ name: 'PATH=/tmp/evil:', value: 'x' }] }, 'plugin.env.0.name: holds "="'],
        [{ env: [{ name: 'A', value: 'x\0y' }] }, 'plugin.env.0.value: holds a NUL character'],
        [{ parameters: [{ name: 'p', string: { nested: true } }] }, 'plugin.parameters.0.string: '],
        [{ parameters: [{ name: 'p', array: ['a', 7] }] }, 'plugin.parameters.0.array.1: '],
        [
          { env: [{ name: 'BIG', value: 'x'.repeat(2 * 1024 * 1024) }] },
          'bytes of environment, over the limit',
        ],
      ] as const) {
        const result = await outcome(
          { path: 'app', plugin: { name: 'witness', ...plugin } },
          checkout,
          options,
        );
        expect(result.error).toContain(message);
        results.push(result);
      }
      const { existsSync } = await import('node:fs');
      expect(existsSync(ran)).toBe(false);
      return results;
    },
  },
  {
    name: 'plugin files in the settings that are not plugins: a FIFO, a folder, a YAML alias bomb, a ConfigMap, a missing program',
    outcome: 'a condition naming the file and what is wrong; nothing hangs',
    run: async () => {
      const checkout = await repo({ 'app/a.txt': '' });
      const dir = join(root, 'not-plugins');
      await mkdir(dir, { recursive: true });
      const fifo = join(dir, 'fifo.yaml');
      execFileSync('mkfifo', [fifo]);
      const bomb = join(dir, 'bomb.yaml');
      const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
      for (let i = 1; i < 12; i += 1)
        lines.push(
          `a${i}: &a${i} [${Array(10)
            .fill(`*a${i - 1}`)
            .join(', ')}]`,
        );
      await writeFile(bomb, `${lines.join('\n')}\n`);
      const configMap = join(dir, 'cm.yaml');
      await writeFile(configMap, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n');
      const missing = await writePlugin(dir, 'missing', {
        generate: { command: ['/nonexistent/plugin-binary'] },
      });
      const render = (file: string) =>
        outcome({ path: 'app', plugin: {} }, checkout, { configManagementPlugins: [file] });
      const results = {
        fifo: await render(fifo),
        folder: await render(dir),
        bomb: await render(bomb),
        configMap: await render(configMap),
        missing: await outcome({ path: 'app', plugin: { name: 'missing' } }, checkout, {
          configManagementPlugins: [missing],
        }),
      };
      expect(results.fifo.error).toMatch(/fifo\.yaml is a FIFO \(named pipe\); only regular files are read$/);
      expect(results.folder.error).toMatch(/not-plugins is a (folder|directory)/);
      expect(results.bomb.error).toMatch(/bomb\.yaml.*alias/i);
      expect(results.configMap.error).toContain('kind should be ConfigManagementPlugin, found ConfigMap');
      expect(results.missing.error).toBe(
        'config management plugin missing: generate failed: plugin-binary could not be started: /nonexistent/plugin-binary does not exist',
      );
      return results;
    },
  },
]);

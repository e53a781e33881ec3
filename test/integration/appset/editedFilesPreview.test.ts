// The blast radius of an edit to a file a set's git generators read, before it is committed:
// appsets.file opens the file at the revision the generator reads, and appsets.preview with the
// edited text shows what the commit would create or change, the repository's checkout untouched.
// Hostile paths (climbing, absolute, through a symbolic link the repository holds) are refused.
import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlumblineClient } from '../../../engine/api/client.ts';
import type { Engine } from '../../../engine/index.ts';
import { envsSetYaml } from '../../support/appsetFixtures.ts';
import { git, makeRemote, type Remote } from '../../support/gitFixtures.ts';
import { unreachableDevKubeconfig } from '../../support/kubeconfigFixture.ts';
import { tempDir } from '../../support/tempDir.ts';
import { until } from '../../support/until.ts';
import { testEngine } from '../../support/testEngine.ts';

const root = tempDir();
const workspace = join(root, 'workspace');
const outside = join(root, 'outside');
let config: Remote;
let engine: Engine;
let client: PlumblineClient;

beforeAll(async () => {
  await mkdir(outside, { recursive: true });
  await writeFile(join(outside, 'secret.json'), '{"env": "stolen"}');
  config = await makeRemote(root, 'config.git');
  await config.commit({ 'envs/dev/config.json': '{"env": "dev", "replicas": 1}' }, 'dev');
  await symlink(outside, join(config.work, 'linked'));
  await git(config.work, 'add', '--all');
  await git(config.work, 'commit', '--quiet', '-m', 'a link out');
  await config.push('main');
  await mkdir(workspace, { recursive: true });
  await writeFile(
    join(workspace, 'envs.yaml'),
    envsSetYaml(config.bare, { name: 'dev' }, { info: [{ name: 'replicas', value: '{{replicas}}' }] }),
  );
  const kubeconfig = unreachableDevKubeconfig(root);
  ({ engine, client } = testEngine(root, workspace, { kubeconfig }));
  await until(
    async () => (await client.call('apps.list', {})).apps.map((app) => app.name),
    (names) => names.includes('dev-app'),
  );
}, 60_000);
afterAll(async () => engine?.close());

const preview = (files: { repoURL: string; path: string; text: string }[]) =>
  client.call('appsets.preview', { name: 'envs', files });

describe('previewing an edit of a file the generators read', () => {
  it('opens the file at the revision read, and null for a file not there yet', async () => {
    expect(
      await client.call('appsets.file', { name: 'envs', repoURL: config.bare, path: 'envs/dev/config.json' }),
    ).toEqual({
      text: '{"env": "dev", "replicas": 1}',
    });
    expect(
      await client.call('appsets.file', {
        name: 'envs',
        repoURL: config.bare,
        path: 'envs/prod/config.json',
      }),
    ).toEqual({
      text: null,
    });
  });

  it('shows what committing a new file or a changed one would do, nothing written anywhere', async () => {
    const created = await preview([
      { repoURL: config.bare, path: 'envs/prod/config.json', text: '{"env": "prod", "replicas": 3}' },
    ]);
    expect(created.errors).toEqual([]);
    expect(created.entries.map((entry) => [entry.name, entry.action]).sort()).toEqual([
      ['dev-app', 'unchanged'],
      ['prod-app', 'create'],
    ]);
    const changed = await preview([
      { repoURL: config.bare, path: 'envs/dev/config.json', text: '{"env": "dev", "replicas": 5}' },
    ]);
    expect(changed.entries.map((entry) => [entry.name, entry.action])).toEqual([['dev-app', 'update']]);
    expect(changed.entries[0]!.patch).toMatch(/-\s+value: "1"[\s\S]*\+\s+value: "5"/);
    // the real checkout still holds the committed file: a plain preview changes nothing
    const plain = await client.call('appsets.preview', { name: 'envs' });
    expect(plain.entries.map((entry) => entry.action)).toEqual(['unchanged']);
    expect(await readFile(join(outside, 'secret.json'), 'utf8')).toBe('{"env": "stolen"}');
  });

  it('refuses paths that climb, are absolute or go through a link the repository holds', async () => {
    for (const path of ['../outside/x.json', '/etc/passwd', 'envs/../../x']) {
      const refused = await preview([{ repoURL: config.bare, path, text: '{}' }]);
      expect(refused.errors).toEqual([expect.stringMatching(/is not a path inside the repository/)]);
    }
    const linked = await preview([
      { repoURL: config.bare, path: 'linked/secret.json', text: '{"env": "x"}' },
    ]);
    expect(linked.errors).toEqual([
      expect.stringMatching(/goes through a symbolic link of the repository: not written/),
    ]);
    expect(await readFile(join(outside, 'secret.json'), 'utf8')).toBe('{"env": "stolen"}');
    await expect(
      client.call('appsets.file', { name: 'envs', repoURL: config.bare, path: 'linked/secret.json' }),
    ).rejects.toThrow(/goes through a symbolic link/);
    await expect(
      client.call('appsets.file', { name: 'envs', repoURL: 'https://git.example.test/other.git', path: 'a' }),
    ).rejects.toThrow(/no git generator of ApplicationSet envs reads/);
  });
});

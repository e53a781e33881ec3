// `plumbline appset preview NAME --edit PATH=FILE`, run as a user runs it before pushing a change
// to the repository a set's git generators read: the local file's text stands in for PATH, the
// preview says what the commit would create, and a set reading no single repository needs --repo.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { envsSetYaml } from '../../support/appsetFixtures.ts';
import { runCli } from '../../support/cli.ts';
import { makeRemote, type Remote } from '../../support/gitFixtures.ts';
import { tempDir } from '../../support/tempDir.ts';
import { cliWorkspaceEnv } from '../../support/workspaceFixtures.ts';

const dir = tempDir();
const { workspace, env } = cliWorkspaceEnv(dir);
let config: Remote;

beforeAll(async () => {
  config = await makeRemote(dir, 'config.git');
  await config.commit({ 'envs/dev/config.json': '{"env": "dev"}' }, 'dev');
  await config.push('main');
  await mkdir(workspace, { recursive: true });
  await writeFile(join(workspace, 'envs.yaml'), envsSetYaml(config.bare, { server: 'https://127.0.0.1:9' }));
  await writeFile(join(dir, 'prod.json'), '{"env": "prod"}');
}, 60_000);

describe('plumbline appset preview --edit', () => {
  it('previews the set as if the repository held the local file', { timeout: 180_000 }, async () => {
    const result = await runCli(
      [
        'appset',
        'preview',
        'envs',
        '--edit',
        `envs/prod/config.json=${join(dir, 'prod.json')}`,
        '--output',
        'json',
      ],
      env,
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const preview = JSON.parse(result.stdout) as { entries: { name: string; action: string }[] };
    expect(preview.entries.map((entry) => [entry.name, entry.action]).sort()).toEqual([
      ['dev-app', 'create'],
      ['prod-app', 'create'],
    ]);
  });

  it('says what is wrong with an --edit that is not PATH=FILE', { timeout: 180_000 }, async () => {
    const result = await runCli(['appset', 'preview', 'envs', '--edit', 'envs/prod/config.json'], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('--edit envs/prod/config.json: write PATH=FILE');
  });
});

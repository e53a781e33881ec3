import { execFile } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
import type { Application } from '../../../engine/model/index.ts';
import { loadWorkspace } from '../../../engine/workspace/load.ts';
import { createApplication, deleteApplication, updateApplication } from '../../../engine/workspace/writes.ts';
import { appYaml, makeWorkspace, writeFiles } from './fixtures.ts';

const run = promisify(execFile);

// No user identity anywhere: the workspace code must supply one where the user has none.
// (simple-git drops ambient GIT_* variables, so an empty HOME is what hides the user's config.)
beforeEach(async () => {
  const home = await makeWorkspace();
  vi.stubEnv('HOME', home);
  vi.stubEnv('XDG_CONFIG_HOME', home);
  vi.stubEnv('GIT_CONFIG_GLOBAL', join(home, '.gitconfig'));
});
afterEach(() => {
  vi.unstubAllEnvs();
});

async function git(dir: string, ...args: string[]): Promise<string> {
  return (await run('git', args, { cwd: dir, env: process.env })).stdout.trim();
}

async function initRepo(dir: string): Promise<void> {
  await git(dir, 'init', '--quiet');
  await git(dir, 'add', '--all');
  await git(
    dir,
    '-c',
    'user.name=Test',
    '-c',
    'user.email=test@example.test',
    'commit',
    '--quiet',
    '-m',
    'start',
  );
}

describe('a workspace that is a git repository', () => {
  it('commits each write with a message saying what changed', async () => {
    const dir = await makeWorkspace({ 'apps/guestbook.yaml': appYaml('guestbook') });
    await initRepo(dir);
    const app = (await loadWorkspace(dir)).applications[0]!.definition!;
    app.spec.destination.namespace = 'web';

    const updated = await updateApplication(dir, app);
    const created = await createApplication(dir, parse(appYaml('shop')) as Application);
    const deleted = await deleteApplication(dir, 'guestbook');

    expect(await git(dir, 'log', '--format=%s')).toBe(
      [
        'plumbline: delete application guestbook',
        'plumbline: create application shop',
        'plumbline: update application guestbook',
        'start',
      ].join('\n'),
    );
    expect(await git(dir, 'rev-parse', 'HEAD')).toBe(deleted.commit);
    expect(updated.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(await git(dir, 'show', '--name-only', '--format=', created.commit!)).toBe(
      'applications/shop.yaml',
    );
    expect(await git(dir, 'status', '--porcelain')).toBe('');
    expect(await git(dir, 'log', '-1', '--format=%an <%ae>')).toBe('Plumbline <plumbline@localhost>');
  });

  it('commits as the user where the user has an identity', async () => {
    const dir = await makeWorkspace({ 'a.yaml': appYaml('a') });
    await initRepo(dir);
    await git(dir, 'config', 'user.name', 'Dana Ops');
    await git(dir, 'config', 'user.email', 'dana@example.test');
    await createApplication(dir, parse(appYaml('b')) as Application);
    expect(await git(dir, 'log', '-1', '--format=%an <%ae>')).toBe('Dana Ops <dana@example.test>');
  });

  it('commits only its own file and leaves what the user staged', async () => {
    const dir = await makeWorkspace({ 'a.yaml': appYaml('a'), 'notes.txt': 'one' });
    await initRepo(dir);
    await writeFiles(dir, { 'notes.txt': 'two' });
    await git(dir, 'add', 'notes.txt');
    await createApplication(dir, parse(appYaml('b')) as Application);
    expect(await git(dir, 'show', '--name-only', '--format=', 'HEAD')).toBe('applications/b.yaml');
    expect(await git(dir, 'status', '--porcelain')).toBe('M  notes.txt');
  });

  it('commits in a workspace that is a tracked folder of a larger repository', async () => {
    const repo = await makeWorkspace({ 'argocd/apps/a.yaml': appYaml('a'), 'src/main.go': 'package main' });
    await initRepo(repo);
    const result = await createApplication(join(repo, 'argocd'), parse(appYaml('b')) as Application);
    expect(result.file).toBe('applications/b.yaml');
    expect(await git(repo, 'show', '--name-only', '--format=', 'HEAD')).toBe('argocd/applications/b.yaml');
  });
});

describe('a workspace that is not a git repository', () => {
  it('just gets files', async () => {
    const dir = await makeWorkspace();
    const result = await createApplication(dir, parse(appYaml('a')) as Application);
    expect(result).toEqual({ file: 'applications/a.yaml', commit: null });
  });

  it('is not committed into an unrelated repository around it', async () => {
    const home = await makeWorkspace({ '.bashrc': 'export A=1' });
    await initRepo(home);
    const dataWorkspace = join(home, '.config/plumbline/workspace');
    await mkdir(dataWorkspace, { recursive: true });
    const result = await createApplication(dataWorkspace, parse(appYaml('a')) as Application);
    expect(result.commit).toBeNull();
    expect(await git(home, 'log', '--format=%s')).toBe('start');
  });
});

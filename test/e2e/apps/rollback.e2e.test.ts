// History and rollback on a real cluster and a real git remote: auto-sync deploys the newest
// commit and records it; the preview of a rollback shows what will change; "sync to this commit"
// restores the earlier live state and pins the application (a newer commit is not deployed)
// until auto-sync is resumed; "revert in git" pushes a commit whose tree is the earlier one and
// deploys it.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { PlumblineClient } from '../../../engine/api/client.ts';
import type { AppSummary } from '../../../engine/api/contract.ts';
import { type Engine } from '../../../engine/index.ts';
import { git, makeRemote, type Remote } from '../../support/gitFixtures.ts';
import { tempDir } from '../../support/tempDir.ts';
import { writeApplication } from '../../support/workspaceFixtures.ts';
import { clientsOf, connect, testNamespace, until } from '../live/liveTestKit.ts';
import { testEngine } from '../../support/testEngine.ts';

const root = tempDir();
const namespace = testNamespace('rollback');
const { core } = clientsOf(connect('plumbline-a'));
const appName = `web-${namespace.split('-').at(-1)}`;
let remote: Remote;
let engine: Engine;
let client: PlumblineClient;
const commits: Record<'one' | 'two' | 'three', string> = { one: '', two: '', three: '' };

function configMap(name: string, level: string): string {
  return stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace }, data: { level } });
}

async function summary(): Promise<AppSummary> {
  return (await client.call('apps.get', { name: appName })).app;
}

async function liveLevel(): Promise<string | undefined> {
  return (await core.readNamespacedConfigMap({ name: 'settings', namespace })).data?.level;
}

async function extraExists(): Promise<boolean> {
  return core.readNamespacedConfigMap({ name: 'extra', namespace }).then(
    () => true,
    () => false,
  );
}

beforeAll(async () => {
  remote = await makeRemote(root, 'web.git');
  commits.one = await remote.commit({ 'web/settings.yaml': configMap('settings', 'one') }, 'level one');
  commits.two = await remote.commit(
    { 'web/settings.yaml': configMap('settings', 'two'), 'web/extra.yaml': configMap('extra', 'x') },
    'level two, with an extra map',
  );
  await remote.push('main');
  const workspace = join(root, 'workspace');
  await writeApplication(workspace, appName, {
    source: { repoURL: remote.bare, path: 'web', targetRevision: 'main' },
    destination: { name: 'plumbline-a', namespace },
    syncPolicy: { automated: { prune: true } },
  });
  ({ engine, client } = testEngine(root, workspace, { repoPollMs: 300 }));
}, 60_000);

afterAll(async () => engine?.close());

describe('history and rollback', () => {
  it('records what auto-sync deployed, with the commit', async () => {
    await until('level two deployed', async () => (await liveLevel().catch(() => undefined)) === 'two');
    const { history } = await until('history recorded', async () => {
      const answer = await client.call('apps.history', { name: appName });
      return answer.history.length > 0 && answer;
    });
    expect(history[0]).toMatchObject({
      id: 1,
      revisions: [commits.two],
      result: 'Succeeded',
      initiatedBy: { automated: true },
      source: { path: 'web', targetRevision: 'main' },
      commit: { sha: commits.two, author: 'Test Author', message: 'level two, with an extra map' },
    });
    const { branch, commits: log } = await client.call('apps.commits', { name: appName });
    expect(branch).toBe('main');
    expect(log.map((c) => c.sha)).toEqual([commits.two, commits.one]);
  });

  it('previews a rollback without changing anything', async () => {
    const preview = await client.call('apps.rollbackPreview', { name: appName, revision: commits.one });
    expect(preview.revision).toBe(commits.one);
    const byName = Object.fromEntries(preview.resources.map((r) => [r.key.name, r]));
    expect(byName.settings).toMatchObject({ status: 'OutOfSync', reason: 'changed' });
    expect(byName.settings?.changedPaths).toContain('/data/level');
    expect(byName.extra).toMatchObject({ reason: 'extraneous', requiresPruning: true });
    expect(await liveLevel()).toBe('two');
  });

  it('syncs to an earlier commit, pins the application, and resumes auto-sync on demand', async () => {
    const result = await client.call('apps.rollback', { name: appName, revision: commits.one, prune: true });
    expect(result.operation.phase, result.operation.message).toBe('Succeeded');
    expect(result).toMatchObject({ revision: commits.one, revertCommit: null });
    expect(await liveLevel()).toBe('one');
    expect(await extraExists()).toBe(false);
    expect((await summary()).pin).toMatchObject({ revision: commits.one });

    commits.three = await remote.commit(
      { 'web/settings.yaml': configMap('settings', 'three') },
      'level three',
    );
    await remote.push('main');
    // the repository poll sees the new commit; the pinned application stays where it is
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(await liveLevel()).toBe('one');
    expect((await summary()).revision).toBe(commits.one);

    const resumed = await client.call('apps.resumeAutoSync', { name: appName });
    expect(resumed.app.pin).toBeNull();
    await until('level three deployed by auto-sync', async () => (await liveLevel()) === 'three');
    const { history } = await client.call('apps.history', { name: appName });
    expect(history.slice(0, 2).map((h) => [h.revisions[0], h.initiatedBy.automated])).toEqual([
      [commits.three, true],
      [commits.one, false],
    ]);
  });

  it('reverts in git: pushes a commit with the earlier tree and deploys it', async () => {
    const result = await client.call('apps.rollback', {
      name: appName,
      revision: commits.one,
      revertInGit: true,
      prune: true,
    });
    expect(result.operation.phase, result.operation.message).toBe('Succeeded');
    const head = await git(remote.bare, 'rev-parse', 'refs/heads/main');
    expect(result.revertCommit).toBe(head);
    expect(await git(remote.bare, 'rev-parse', `${head}^{tree}`)).toBe(
      await git(remote.bare, 'rev-parse', `${commits.one}^{tree}`),
    );
    expect(await git(remote.bare, 'rev-parse', `${head}^`)).toBe(commits.three);
    expect(await liveLevel()).toBe('one');
    const app = await summary();
    expect(app.pin).toBeNull();
    expect(app.revision).toBe(head);
  });
});

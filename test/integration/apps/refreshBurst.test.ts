// A burst of refreshes on one repository (issue 19): 200 applications of one local repository
// and a few of three others, all rendered at start and then refreshed at once after a push.
// Every application must get its own revision and its own objects, with no spurious errors; the
// repository is fetched once per new commit for all of them, and no more git processes run at
// once than the `concurrency.git` setting allows. Git runs through a shim on PATH that logs
// each process's start and end, so the count is of real processes.
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlumblineClient } from '../../../engine/api/client.ts';
import type { Engine } from '../../../engine/index.ts';
import type { AppSummary } from '../../../engine/api/contract.ts';
import { makeRemote, type Remote } from '../../support/gitFixtures.ts';
import { tempDir } from '../../support/tempDir.ts';
import { testEngine } from '../../support/testEngine.ts';
import { writeApplication } from '../../support/workspaceFixtures.ts';

const root = tempDir();
const dataDir = join(root, 'data');
const workspace = join(root, 'workspace');
const gitLog = join(root, 'git-processes.log');
const MAIN_APPS = 200;
const OTHER_REPOS = 3;
const OTHER_APPS = 4;
const GIT_SLOTS = 3;

let engine: Engine;
let client: PlumblineClient;
let main: Remote;
const others: Remote[] = [];
const expected = new Map<string, { remote: () => Remote; marker: string }>();
const originalPath = process.env.PATH;

const configMap = (app: string, generation: number) =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ${app}}\ndata: {app: ${app}, generation: "${generation}"}\n`;

function filesFor(apps: string[], generation: number): Record<string, string> {
  return Object.fromEntries(apps.map((app) => [`apps/${app}/cm.yaml`, configMap(app, generation)]));
}

/** A `git` on PATH that logs `+ <cwd> <args>` and `-` around the real git. */
async function installGitShim(): Promise<void> {
  const realGit = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
  const shimDir = join(root, 'shim');
  await mkdir(shimDir, { recursive: true });
  const shim = `#!/bin/sh\necho "+ $PWD $*" >> '${gitLog}'\n'${realGit}' "$@"\nrc=$?\necho "- $PWD" >> '${gitLog}'\nexit $rc\n`;
  await writeFile(join(shimDir, 'git'), shim);
  await chmod(join(shimDir, 'git'), 0o755);
  await writeFile(gitLog, '');
  process.env.PATH = `${shimDir}:${originalPath}`;
}

/** The engine's git processes (run in its data folder): how many at most at once, and their command lines. */
async function engineGit(): Promise<{ peak: number; commands: string[] }> {
  const lines = (await readFile(gitLog, 'utf8')).split('\n').filter((line) => line.includes(dataDir));
  let running = 0;
  let peak = 0;
  for (const line of lines) {
    running += line.startsWith('+') ? 1 : -1;
    peak = Math.max(peak, running);
  }
  return { peak, commands: lines.filter((line) => line.startsWith('+')) };
}

const fetchesOf = (commands: string[], remote: Remote) =>
  commands.filter((line) => / fetch /.test(line) && line.includes(remote.bare)).length;

async function allApps(): Promise<AppSummary[]> {
  return (await client.call('apps.list', {})).apps;
}

async function waitUntil(done: (apps: AppSummary[]) => boolean, what: string, timeoutMs = 120_000) {
  const started = Date.now();
  for (;;) {
    const apps = await allApps();
    if (done(apps)) return apps;
    if (Date.now() - started > timeoutMs) {
      const stuck = apps.filter((app) => !done([app])).slice(0, 3);
      throw new Error(`${what}: still waiting for ${JSON.stringify(stuck)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Every application at the head of its remote with its own ConfigMap of this generation. */
async function expectRightAnswers(apps: AppSummary[], generation: number): Promise<void> {
  expect(apps).toHaveLength(MAIN_APPS + OTHER_REPOS * OTHER_APPS);
  const heads = new Map<Remote, string>();
  for (const remote of [main, ...others])
    heads.set(
      remote,
      execFileSync('git', ['rev-parse', 'main'], { cwd: remote.bare, encoding: 'utf8' }).trim(),
    );
  for (const app of apps) {
    expect(
      app.conditions.filter((c) => c.type === 'ComparisonError'),
      app.name,
    ).toEqual([]);
    expect(app.phase, app.name).toBe('rendered');
    expect(app.revision, app.name).toBe(heads.get(expected.get(app.name)!.remote()));
  }
  const manifests = await Promise.all(apps.map((app) => client.call('apps.manifests', { name: app.name })));
  for (const [index, manifest] of manifests.entries()) {
    const name = apps[index]!.name;
    expect(
      manifest.objects.map((obj) => obj.data),
      name,
    ).toEqual([{ app: name, generation: String(generation) }]);
  }
}

beforeAll(async () => {
  main = await makeRemote(root, 'fleet.git');
  const mainApps = Array.from({ length: MAIN_APPS }, (_, i) => `fleet-${i}`);
  await main.commit(filesFor(mainApps, 1), 'fleet');
  await main.push('main');
  for (const name of mainApps) {
    expected.set(name, { remote: () => main, marker: name });
    await writeApplication(workspace, name, {
      source: { repoURL: main.bare, path: `apps/${name}`, targetRevision: 'main' },
      destination: { name: 'nowhere', namespace: 'default' },
    });
  }
  for (let r = 0; r < OTHER_REPOS; r++) {
    const remote = await makeRemote(root, `other-${r}.git`);
    const names = Array.from({ length: OTHER_APPS }, (_, i) => `other-${r}-${i}`);
    await remote.commit(filesFor(names, 1), 'others');
    await remote.push('main');
    others.push(remote);
    for (const name of names) {
      expected.set(name, { remote: () => remote, marker: name });
      await writeApplication(workspace, name, {
        source: { repoURL: remote.bare, path: `apps/${name}`, targetRevision: r === 0 ? 'HEAD' : 'main' },
        destination: { name: 'nowhere', namespace: 'default' },
      });
    }
  }
  await mkdir(dataDir, { recursive: true });
  await writeFile(
    join(dataDir, 'config.json'),
    JSON.stringify({ concurrency: { git: GIT_SLOTS, render: 2 }, reconciliation: { periodSeconds: 0 } }),
  );
  await installGitShim();
  ({ engine, client } = testEngine(root, workspace, {
    kubeconfig: join(root, 'no-kubeconfig'),
    repoPollMs: 3_600_000,
  }));
}, 180_000);

afterAll(async () => {
  process.env.PATH = originalPath;
  await engine?.close();
});

describe('a burst of refreshes on one repository', () => {
  it('renders every application at start with its own revision and objects, one fetch per repository', async () => {
    const apps = await waitUntil(
      (list) =>
        list.length === MAIN_APPS + OTHER_REPOS * OTHER_APPS &&
        list.every((app) => app.phase === 'rendered' || app.phase === 'error'),
      'all rendered',
    );
    await expectRightAnswers(apps, 1);
    const { peak, commands } = await engineGit();
    expect(peak).toBeLessThanOrEqual(GIT_SLOTS);
    expect(fetchesOf(commands, main)).toBe(1);
    for (const remote of others) expect(fetchesOf(commands, remote)).toBe(1);
  });

  it('gives every application of a burst of refreshes the new commit, with one fetch for it', async () => {
    const before = fetchesOf((await engineGit()).commands, main);
    await main.commit(
      filesFor(
        [...expected.keys()].filter((name) => name.startsWith('fleet-')),
        2,
      ),
      'next',
    );
    await main.push('main');
    for (const remote of others) {
      const names = [...expected].filter(([, e]) => e.remote() === remote).map(([name]) => name);
      await remote.commit(filesFor(names, 2), 'next');
      await remote.push('main');
    }
    const refreshed = await Promise.all(
      [...expected.keys()].map((name) => client.call('apps.refresh', { name, hard: false })),
    );
    await expectRightAnswers(
      refreshed.map((answer) => answer.app),
      2,
    );
    const { peak, commands } = await engineGit();
    expect(peak).toBeLessThanOrEqual(GIT_SLOTS);
    expect(fetchesOf(commands, main) - before).toBe(1);
  });
});

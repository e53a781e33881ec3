// Sync, history, rollback and refresh from the CLI on a real cluster and a real git remote, first
// with the engine in the CLI's own process, then through a running `plumbline serve` started on
// the same data folder (--server/--token, the CLI keeping a data folder of its own): the host
// lists what the CLI recorded, streams the sync's waves, and rolls back the same way.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { HistoryEntry } from '../../../engine/api/contract.ts';
import { testKubeconfigPath } from '../../cluster/kubeconfig.ts';
import { cliBin, repoRoot, runCli, startServe, type CliResult, type ServingHost } from '../../support/cli.ts';
import { makeRemote } from '../../support/gitFixtures.ts';
import { tempDir } from '../../support/tempDir.ts';
import { writeApplication } from '../../support/workspaceFixtures.ts';
import { clientsOf, connect, testNamespace } from '../live/liveTestKit.ts';

const root = tempDir();
const namespace = testNamespace('history-cli');
const { core } = clientsOf(connect('plumbline-a'));
const appName = `web-${namespace.split('-').at(-1)}`;
const workspace = join(root, 'workspace');
const dataDir = join(root, 'data');
const engineEnv = { KUBECONFIG: testKubeconfigPath(), PLUMBLINE_WORKSPACE: workspace };
const commits = { one: '', two: '' };
const short = (sha: string) => sha.slice(0, 7);
let host: ServingHost | undefined;

function configMap(name: string, wave: number, level: string): string {
  return stringify({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, namespace, annotations: { 'argocd.argoproj.io/sync-wave': String(wave) } },
    data: { level },
  });
}

async function liveLevel(name: string): Promise<string | undefined> {
  return core.readNamespacedConfigMap({ name, namespace }).then(
    (map) => map.data?.level,
    () => undefined,
  );
}

/** The CLI with the engine in its own process, on the shared data folder. */
const inProcess = (...args: string[]) => runCli(args, { ...engineEnv, PLUMBLINE_DATA_DIR: dataDir });

/** The CLI through the host: a data folder and workspace of its own that it must not use. */
const viaHost = (...args: string[]) =>
  runCli(['--server', host!.url, '--token', host!.token, ...args], {
    KUBECONFIG: testKubeconfigPath(),
    PLUMBLINE_DATA_DIR: join(root, 'cli-own-data'),
  });

function ok(result: CliResult): CliResult {
  expect(result.code, `${result.stderr}\n${result.stdout}`).toBe(0);
  return result;
}

/** The CLI on a terminal (util-linux `script` gives it one), answering its questions with `input`. */
function onTerminal(args: string[], input: string): Promise<CliResult> {
  const quote = (word: string) => `'${word.replaceAll("'", `'\\''`)}'`;
  const command = [process.execPath, cliBin, ...args].map(quote).join(' ');
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['--quiet', '--return', '--command', command, '/dev/null'], {
      cwd: repoRoot,
      env: { ...process.env, ...engineEnv, PLUMBLINE_DATA_DIR: dataDir },
    });
    let stdout = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr: '' }));
    child.stdin.end(input);
  });
}

async function history(run: typeof inProcess): Promise<HistoryEntry[]> {
  return JSON.parse(ok(await run('history', appName, '--output', 'json')).stdout);
}

beforeAll(async () => {
  const remote = await makeRemote(root, 'web.git');
  commits.one = await remote.commit({ 'web/settings.yaml': configMap('settings', 0, 'one') }, 'level one');
  commits.two = await remote.commit(
    {
      'web/settings.yaml': configMap('settings', 0, 'two'),
      'web/limits.yaml': configMap('limits', 1, 'two'),
    },
    'level two, with limits',
  );
  await remote.push('main');
  await writeApplication(workspace, appName, {
    source: { repoURL: remote.bare, path: 'web', targetRevision: 'main' },
    destination: { name: 'plumbline-a', namespace },
  });
}, 60_000);

afterAll(() => host?.stop());

describe('history, rollback and refresh from the CLI, in its own process', () => {
  it('syncs, showing each wave, and the history records it', async () => {
    const sync = ok(await inProcess('sync', appName));
    expect(sync.stdout).toMatch(/ConfigMap\s+\S+\s+limits\s+Synced/);
    expect(sync.stderr).toContain(`${appName}: Sync wave 0: 1 Synced`);
    expect(sync.stderr).toContain(`${appName}: Sync wave 1: 1 Synced`);
    expect(await liveLevel('settings')).toBe('two');

    const entries = await history(inProcess);
    expect(entries).toMatchObject([
      {
        revisions: [commits.two],
        result: 'Succeeded',
        initiatedBy: { automated: false },
        commit: { sha: commits.two, author: 'Test Author' },
      },
    ]);
    const table = ok(await inProcess('history', appName)).stdout;
    expect(table.split('\n')[0]).toMatch(/^ID\s+REVISION\s+DEPLOYED\s+INITIATED BY\s+RESULT\s+COMMIT$/);
    expect(table).toContain(short(commits.two));
    expect(table).toMatch(/Succeeded\s+level two, with limits \(Test Author\)/);
  });

  it('rolls back to a commit with --yes: previews, prunes, pins', async () => {
    const rollback = ok(await inProcess('rollback', appName, '--revision', commits.one, '--prune', '--yes'));
    expect(rollback.stdout).toContain(`===== ConfigMap ${namespace}/settings (changed)`);
    expect(rollback.stdout).toMatch(/-\s+level: two\n\+\s+level: one/);
    expect(rollback.stdout).toContain(`rolling back to ${short(commits.one)} changes 2 object(s)`);
    expect(rollback.stdout).toMatch(/limits\s+Pruned/);
    expect(rollback.stdout).toContain(`pinned to ${short(commits.one)}`);
    expect(await liveLevel('settings')).toBe('one');
    expect(await liveLevel('limits')).toBeUndefined();
  });

  it('asks on a terminal, and a "no" changes nothing', async () => {
    const declined = await onTerminal(['rollback', appName, '--revision', commits.two], 'n\n');
    expect(declined.stdout).toContain(`Roll ${appName} back to ${short(commits.two)}? [y/N]`);
    expect(declined.stdout).toContain(`${appName}: rollback declined, nothing changed`);
    expect(declined.code).toBe(1);
    expect(await liveLevel('settings')).toBe('one');
  });

  it('refreshes hard and shows the pinned status; resume ends the pin', async () => {
    const refresh = ok(await inProcess('refresh', appName, '--hard'));
    expect(refresh.stdout).toMatch(
      new RegExp(`^${appName}: Synced, \\w+ at ${short(commits.one)} \\(pinned to ${short(commits.one)}\\)`),
    );
    const resumed = ok(await inProcess('resume', appName));
    expect(resumed.stdout).toMatch(new RegExp(`^${appName}: OutOfSync`));
    expect(resumed.stdout).not.toContain('pinned');
  });
});

describe('the same through a running host', () => {
  beforeAll(async () => {
    host = await startServe({ ...engineEnv, PLUMBLINE_DATA_DIR: dataDir });
  });

  it("lists the history the CLI recorded, from the host's data folder", async () => {
    const entries = await history(viaHost);
    expect(entries.map((entry) => entry.revisions[0])).toEqual([commits.one, commits.two]);
  });

  it('syncs only the objects given, with sync options, streaming its progress', async () => {
    const sync = ok(
      await viaHost(
        'sync',
        appName,
        '--resource',
        `/ConfigMap/${namespace}/settings`,
        '--option',
        'ServerSideApply=true',
      ),
    );
    expect(sync.stderr).toContain(`${appName}: Sync wave 0: 1 Synced`);
    expect(sync.stdout).not.toContain('limits');
    expect(await liveLevel('settings')).toBe('two');
    expect(await liveLevel('limits')).toBeUndefined();
  });

  it('rolls back by history id, refreshes hard, resumes', async () => {
    const [, , first] = await history(viaHost);
    expect(first?.revisions).toEqual([commits.two]);
    const rollback = ok(await viaHost('rollback', appName, '--id', String(first!.id), '--yes'));
    expect(rollback.stdout).toContain(`rolling back to ${short(commits.two)}`);
    expect(rollback.stdout).toContain(`pinned to ${short(commits.two)}`);
    expect(await liveLevel('limits')).toBe('two');

    const refresh = ok(await viaHost('refresh', appName, '--hard', '--output', 'json'));
    expect(JSON.parse(refresh.stdout)).toMatchObject({
      name: appName,
      sync: { status: 'Synced' },
      pin: { revision: commits.two },
    });
    ok(await viaHost('resume', appName));
    expect((await history(viaHost)).length).toBe(4);
  });

  it('terminate says where nothing is running', async () => {
    const result = await viaHost('terminate', appName);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `${appName}: no operation is running in the Plumbline host at http://127.0.0.1:${host!.port}`,
    );
  });
});

// The CLI's work on an application's live objects on the test cluster, each command a real
// `plumbline` process with its own engine: `app logs` prints a known line of the Deployment's pod
// (all pods, or by owner), `--follow` prints a line written later and ends cleanly on SIGINT;
// `app resource edit` applies a file and an $EDITOR change after a server dry run and shows the
// engine's refusal of a renamed object; an action defined in the settings runs on the
// Deployment; `app resource delete` deletes the pod.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { testKubeconfigPath } from '../../cluster/kubeconfig.ts';
import { cliBin, repoRoot, runCli, startServe } from '../../support/cli.ts';
import { tempDir } from '../../support/tempDir.ts';
import {
  NOT_CONFIGURED,
  POD_IO_NAMESPACE,
  STARTING_LINES,
  kwokServesLogs,
  podIoApplication,
  writeLogLine,
} from '../pods/podTestKit.ts';
import { clientsOf, connect, until } from './liveTestKit.ts';

const root = tempDir();
const app = `cli-${randomBytes(3).toString('hex')}`;
const { workspace } = podIoApplication(root, app);
const admin = connect('plumbline-a');
const { core, apps } = clientsOf(admin);
const dataDir = join(root, 'cli-data');
const env = (extra: Record<string, string> = {}) => ({
  KUBECONFIG: testKubeconfigPath(),
  PLUMBLINE_WORKSPACE: workspace,
  PLUMBLINE_DATA_DIR: dataDir,
  ...extra,
});
/** A running `plumbline` whose output is gathered as it comes. */
function spawnCli(args: string[]) {
  const child = spawn(process.execPath, [cliBin, ...args], {
    env: { ...process.env, ...env() },
    cwd: repoRoot,
  });
  const output = { stdout: '', stderr: '' };
  child.stdout.on('data', (chunk) => (output.stdout += chunk));
  child.stderr.on('data', (chunk) => (output.stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output, exited };
}

let pod = '';
let served = false;

const touch = {
  'discovery.lua': 'local a = {} a["touch"] = { params = { { name = "who" } } } return a',
  definitions: [
    {
      name: 'touch',
      'action.lua': `if obj.metadata.annotations == nil then obj.metadata.annotations = {} end
obj.metadata.annotations["plumbline.test/touched-by"] = actionParams["who"]
return obj`,
    },
  ],
  mergeBuiltinActions: true,
};

beforeAll(async () => {
  mkdirSync(dataDir, { recursive: true });
  // argocd-cm's form: the YAML text under Argo CD's <group>_<kind> key
  writeFileSync(
    join(dataDir, 'config.json'),
    JSON.stringify({ resourceActions: { apps_Deployment: stringify(touch) } }),
  );
  pod = await until(
    `a Running pod of ${app}`,
    async () => {
      const { items } = await core.listNamespacedPod({
        namespace: POD_IO_NAMESPACE,
        labelSelector: `app=${app}`,
      });
      return items.find((p) => p.status?.phase === 'Running' && !p.metadata?.deletionTimestamp)?.metadata
        ?.name;
    },
    90_000,
  );
  served = (await kwokServesLogs(admin, { name: pod, container: app })).served;
}, 120_000);

describe('plumbline app logs', () => {
  it("prints the log of the application's pod, and of the Deployment's pods by owner", async (context) => {
    if (!served) context.skip(NOT_CONFIGURED);
    const all = await runCli(['app', 'logs', app], env());
    expect(all.code, all.stderr).toBe(0);
    expect(all.stdout.split('\n').slice(0, 3)).toEqual(STARTING_LINES);
    const owned = await runCli(
      ['app', 'logs', app, '--kind', 'Deployment', '--name', app, '--tail', '1'],
      env(),
    );
    expect(owned.code, owned.stderr).toBe(0);
    expect(owned.stdout.trim().split('\n')).toHaveLength(1);
    const none = await runCli(['app', 'logs', app, '--kind', 'StatefulSet'], env());
    expect(none.code).toBe(1);
    expect(none.stderr).toContain(`no pods of kind StatefulSet in application ${app}`);
  });

  it('reads the log through a running host (--server) the same way', async (context) => {
    if (!served) context.skip(NOT_CONFIGURED);
    const host = await startServe(env({ PLUMBLINE_DATA_DIR: join(root, 'host-data') }));
    try {
      // the host renders and compares its applications after it starts: asked again until it has
      const result = await until(
        'the host reads the pod log',
        async () => {
          const answer = await runCli(
            ['--server', host.url, '--token', host.token, 'app', 'logs', app, '--tail', '2'],
            env(),
          );
          return answer.code === 0 ? answer : false;
        },
        90_000,
      );
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout.trim().split('\n')).toHaveLength(2);
      // a followed log ends, exit 1 with the reason, when the host goes away
      const follow = spawnCli(['--server', host.url, '--token', host.token, 'app', 'logs', app, '-f']);
      await until(
        'the followed lines',
        async () => follow.output.stdout.includes(STARTING_LINES[2]!),
        60_000,
      );
      await host.stop();
      expect(await follow.exited).toBe(1);
      expect(follow.output.stderr).toMatch(/the connection to the Plumbline host at .* closed/);
    } finally {
      await host.stop();
    }
  });

  it('follows the log: a line written later shows, and SIGINT ends it with exit code 0', async (context) => {
    if (!served) context.skip(NOT_CONFIGURED);
    const { child, output, exited } = spawnCli(['app', 'logs', app, '--follow']);
    await until('the starting lines', async () => output.stdout.includes(STARTING_LINES[2]!), 60_000);
    const line = `followed ${randomBytes(4).toString('hex')}`;
    await writeLogLine(line);
    await until(`"${line}" printed`, async () => output.stdout.includes(line), 30_000);
    child.kill('SIGINT');
    expect(await exited, output.stderr).toBe(0);
  });
});

describe('plumbline app resource edit', () => {
  it('applies an edited file after the dry run', async () => {
    const live = await apps.readNamespacedDeployment({ name: app, namespace: POD_IO_NAMESPACE });
    // the whole object, as the editor shows it: what is left out is removed (a merge patch from the live text)
    const edited = JSON.parse(JSON.stringify(live)) as { metadata: Record<string, unknown> };
    delete edited.metadata.managedFields;
    edited.metadata.annotations = { ...live.metadata?.annotations, 'plumbline.test/edited': 'file' };
    const file = join(root, 'edited.yaml');
    writeFileSync(file, stringify(edited));
    const result = await runCli(
      ['app', 'resource', 'edit', app, '--kind', 'Deployment', '--name', app, '--file', file, '--yes'],
      env(),
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('+++ edited (server dry run)');
    expect(result.stdout).toContain('plumbline.test/edited: file');
    expect(result.stdout).toContain(`Deployment ${app} edited`);
    const after = await apps.readNamespacedDeployment({ name: app, namespace: POD_IO_NAMESPACE });
    expect(after.metadata?.annotations?.['plumbline.test/edited']).toBe('file');
    expect(after.metadata?.resourceVersion).not.toBe(live.metadata?.resourceVersion);
  });

  it('opens $EDITOR on the live YAML and applies what it saved', async () => {
    const editor = join(root, 'editor.sh');
    writeFileSync(
      editor,
      `#!/bin/sh\nsed -i 's|^  annotations:$|  annotations:\\n    plumbline.test/editor: saved|' "$1"\n`,
    );
    chmodSync(editor, 0o755);
    const result = await runCli(
      ['app', 'resource', 'edit', app, '--kind', 'Deployment', '--name', app, '--yes'],
      env({ EDITOR: editor, VISUAL: '' }),
    );
    expect(result.code, result.stderr).toBe(0);
    const after = await apps.readNamespacedDeployment({ name: app, namespace: POD_IO_NAMESPACE });
    expect(after.metadata?.annotations?.['plumbline.test/editor']).toBe('saved');
    expect(after.metadata?.annotations?.['plumbline.test/edited']).toBe('file');
  });

  it('shows the refusal of an edit that renames the object, and changes nothing', async () => {
    const file = join(root, 'renamed.yaml');
    writeFileSync(
      file,
      stringify({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'other', namespace: POD_IO_NAMESPACE },
      }),
    );
    const result = await runCli(
      ['app', 'resource', 'edit', app, '--kind', 'Deployment', '--name', app, '--file', file, '--yes'],
      env(),
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/its apiVersion group, kind, namespace and name cannot change/);
  });
});

describe('an action defined in the settings', () => {
  it('is listed beside the built-in ones and runs on the Deployment', async () => {
    const listed = await runCli(
      ['app', 'actions', 'list', app, '--kind', 'Deployment', '--name', app],
      env(),
    );
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toMatch(/touch\s+false\s+lua\s+who/);
    expect(listed.stdout).toMatch(/restart\s+false\s+builtin/);
    const run = await runCli(
      ['app', 'actions', 'run', app, 'touch', '--kind', 'Deployment', '--name', app, '--param', 'who=cli'],
      env(),
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`apps/Deployment ${POD_IO_NAMESPACE}/${app} patched`);
    const after = await apps.readNamespacedDeployment({ name: app, namespace: POD_IO_NAMESPACE });
    expect(after.metadata?.annotations?.['plumbline.test/touched-by']).toBe('cli');
  });
});

describe('plumbline app resource delete', () => {
  it('asks for --yes without a terminal', async () => {
    const result = await runCli(['app', 'resource', 'delete', app, '--kind', 'Pod', '--name', pod], env());
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('give --yes');
  });

  it("deletes the application's pod, forced", async () => {
    const result = await runCli(
      ['app', 'resource', 'delete', app, '--kind', 'Pod', '--name', pod, '--force', '--yes'],
      env(),
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`Pod ${pod} deleted (foreground propagation, forced)`);
    await until(`pod ${pod} gone`, async () =>
      core.readNamespacedPod({ name: pod, namespace: POD_IO_NAMESPACE }).then(
        () => false,
        () => true,
      ),
    );
  });
});

// `plumbline cluster` as a user runs it, with a real gnome-keyring in a D-Bus session: register
// from a kubeconfig that is then deleted, test, list, remove; and no token ever shows up in the
// data folder or in what the CLI prints.
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { sendKubeRequest } from '../../../engine/cluster/kubeHttp.ts';
import { kubeConfigForContext } from '../../../engine/cluster/kubeConfigForContext.ts';
import { testKubeconfigPath } from '../../cluster/kubeconfig.ts';
import { cliBin, runCli } from '../../support/cli.ts';
import { tempDir } from '../../support/tempDir.ts';
import {
  keyringUnavailableReason,
  nodeWithTsx,
  runInKeyring,
} from '../../integration/keychain/keyringSession.ts';

const unavailable = keyringUnavailableReason();
const probe = fileURLToPath(new URL('../../integration/keychain/secretStoreProbe.ts', import.meta.url));
const home = tempDir();
const dataDir = join(home, 'data');
const kubeconfig = join(home, 'kubeconfig');
const printed: string[] = [];
const admin = () => kubeConfigForContext([testKubeconfigPath()], 'plumbline-a');

async function cli(...args: string[]) {
  const result = await runInKeyring(home, process.execPath, [cliBin, ...args], {
    PLUMBLINE_DATA_DIR: dataDir,
    KUBECONFIG: kubeconfig,
  });
  printed.push(result.stdout, result.stderr);
  return result;
}

/** Every file under `dir`, as text. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile())
    .map((path) => readFileSync(path, 'latin1'));
}

const tokens: string[] = [];
let restrictedToken = '';
beforeAll(() => {
  const text = readFileSync(testKubeconfigPath(), 'utf8');
  const users = (parse(text) as { users: Array<{ name: string; user: { token: string } }> }).users;
  tokens.push(...users.map((user) => user.user.token));
  restrictedToken = users.find((user) => user.name === 'plumbline-a-restricted')!.user.token;
  writeFileSync(kubeconfig, text);
});
afterAll(async () => {
  const rbac = '/apis/rbac.authorization.k8s.io/v1';
  for (const path of [
    '/api/v1/namespaces/kube-system/serviceaccounts/plumbline-manager',
    '/api/v1/namespaces/kube-system/secrets/plumbline-manager-token',
    `${rbac}/clusterroles/plumbline-manager`,
    `${rbac}/clusterrolebindings/plumbline-manager`,
  ])
    await sendKubeRequest(admin(), { method: 'DELETE', path, idleTimeoutMs: 30_000, what: path }).catch(
      () => {},
    );
});

describe.skipIf(unavailable !== null)(`plumbline cluster ${unavailable ?? ''}`, () => {
  it('registers clusters that keep working after the kubeconfig is deleted', async () => {
    expect(
      await cli(
        'cluster',
        'add',
        '--context',
        'plumbline-a-restricted',
        '--name',
        'team',
        '--label',
        'env=test',
      ),
    ).toMatchObject({
      code: 0,
      stdout: expect.stringContaining('Registered cluster team'),
    });
    const withAccount = await cli(
      'cluster',
      'add',
      '--context',
      'plumbline-a',
      '--name',
      'admin-sa',
      '--service-account',
    );
    expect(withAccount.code, withAccount.stderr).toBe(0);
    rmSync(kubeconfig);

    const listed = await cli('cluster', 'list', '--output', 'json');
    const records = JSON.parse(listed.stdout) as Array<{ name: string; labels: object; authKind: string }>;
    expect(records.map((r) => [r.name, r.authKind])).toEqual([
      ['team', 'token'],
      ['admin-sa', 'token'],
    ]);
    expect(records[0]!.labels).toEqual({ env: 'test' });
    const table = (await cli('cluster', 'list')).stdout.split('\n');
    expect(table[0]).toMatch(/^NAME\s+SERVER\s+AUTH\s+NAMESPACES\s+LABELS$/);
    expect(table[1]).toMatch(/^team\s+https:\S+\s+token\s+team-a\s+env=test$/);
    expect(table[2]).toMatch(/^admin-sa\s+https:\S+\s+token\s+\(all\)$/);

    const team = await cli('cluster', 'test', 'team');
    expect(team.code, team.stderr).toBe(0);
    expect(team.stdout).toMatch(/Cluster team \(https:\/\/[^)]+\): Kubernetes v1\./);
    // Managed in team-a only, where it may do everything: nothing is missing.
    expect(team.stdout).not.toContain('cannot');
    expect((await cli('cluster', 'test', 'admin-sa')).code).toBe(0);
  });

  it('removes a cluster with its keychain entry', async () => {
    expect((await cli('cluster', 'remove', 'team')).code).toBe(0);
    const [node, args] = nodeWithTsx(probe);
    const left = await runInKeyring(home, node, [...args, 'get', 'cluster:team']);
    expect(JSON.parse(left.stdout)).toEqual({ value: null });
    const again = await cli('cluster', 'test', 'team');
    expect([again.code, again.stderr]).toEqual([1, 'plumbline: no cluster named team is registered\n']);
  });

  it('says plainly when a token is refused', async () => {
    // The restricted user's context with a token the server does not know.
    const text = readFileSync(testKubeconfigPath(), 'utf8');
    writeFileSync(kubeconfig, text.replaceAll(restrictedToken, 'stale-token-0000'));
    expect((await cli('cluster', 'add', '--context', 'plumbline-a-restricted', '--name', 'stale')).code).toBe(
      0,
    );
    rmSync(kubeconfig);
    const stale = await cli('cluster', 'test', 'stale');
    expect([stale.code, stale.stderr]).toEqual([
      1,
      'plumbline: cluster stale: the token was refused (401): it may be expired or wrong\n',
    ]);
  });

  it('reconnects that cluster with a working token, keeping its name and namespaces', async () => {
    writeFileSync(kubeconfig, readFileSync(testKubeconfigPath(), 'utf8'));
    const reconnected = await cli('cluster', 'reconnect', 'stale', '--context', 'plumbline-a-restricted');
    expect(reconnected.code, reconnected.stderr).toBe(0);
    expect(reconnected.stdout).toMatch(/^Cluster stale now reaches https:\/\/\S+ with new credentials/);
    rmSync(kubeconfig);
    const tested = await cli('cluster', 'test', 'stale');
    expect(tested.code, tested.stderr).toBe(0);
    const listed = JSON.parse((await cli('cluster', 'list', '--output', 'json')).stdout) as Array<{
      name: string;
      namespaces?: string[];
    }>;
    expect(listed.find((record) => record.name === 'stale')?.namespaces).toEqual(['team-a']);
    const unknown = await cli('cluster', 'reconnect', 'nowhere', '--context', 'plumbline-a');
    expect([unknown.code, unknown.stderr]).toEqual([
      1,
      'plumbline: no cluster named nowhere is registered\n',
    ]);
  });

  it('never writes or prints a token', async () => {
    const secret = await sendKubeRequest(admin(), {
      method: 'GET',
      path: '/api/v1/namespaces/kube-system/secrets/plumbline-manager-token',
      idleTimeoutMs: 30_000,
      what: 'read the service account token',
    });
    const saToken = Buffer.from(JSON.parse(secret.body).data.token, 'base64').toString();
    const everything = [
      ...filesUnder(dataDir),
      ...filesUnder(join(home, 'share', 'keyrings')),
      ...printed,
    ].join('\n');
    for (const token of [...tokens, saToken, 'stale-token-0000']) expect(everything).not.toContain(token);
  });
});

describe('plumbline cluster without a keychain', () => {
  it('refuses to register instead of storing the token in plain text', async () => {
    const dir = tempDir();
    const result = await runCli(['cluster', 'add', '--context', 'plumbline-a', '--name', 'nokeychain'], {
      PLUMBLINE_DATA_DIR: dir,
      KUBECONFIG: testKubeconfigPath(),
      DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus',
      HOME: dir,
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^plumbline: the OS keychain is not available to store cluster:nokeychain/);
    for (const token of tokens) expect([result.stderr, ...filesUnder(dir)].join()).not.toContain(token);
  });
});

// `plumbline render --repo` of a chart whose dependency comes from a private Helm repository, as
// a user runs it with a real gnome-keyring: the repository's CA added for its host and the
// repository added with a name and its password (stdin) through `plumbline repo`, then the chart
// renders with its `@name` dependency built; without them it says why. The password is in no
// output and no file of the data folder (its cache folder included).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliBin } from '../../support/cli.ts';
import { filesUnder, leaksIn } from '../../support/credentialLeaks.ts';
import { startHelmRepoServer, writeChart, type HelmRepoServer } from '../../support/helmRepoServer.ts';
import { tempDir } from '../../support/tempDir.ts';
import { keyringUnavailableReason, runInKeyring } from '../keychain/keyringSession.ts';

const root = tempDir('plumbline-render-private-');
const login = { username: 'chart-reader', password: 'render-cli-pass-5d1c9e' };
let server: HelmRepoServer;

beforeAll(async () => {
  server = await startHelmRepoServer({ dir: join(root, 'server'), cacheDir: join(root, 'tools'), login });
  await server.publish(await writeChart(join(root, 'src', 'lib'), { name: 'lib', version: '1.2.0' }));
  await writeChart(join(root, 'repo', 'shop'), {
    name: 'shop',
    version: '0.1.0',
    extra: 'dependencies:\n  - name: lib\n    version: "^1.0.0"\n    repository: "@team-charts"\n',
  });
}, 60_000);
afterAll(() => server?.stop());

describe.skipIf(keyringUnavailableReason())('plumbline render --repo with a private chart repository', () => {
  it('builds the dependency with the stored credentials, name and CA', { timeout: 120_000 }, async () => {
    const home = join(root, 'home');
    const dataDir = join(home, 'data');
    mkdirSync(join(home, '.cache'), { recursive: true });
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(join(root, 'password'), `${login.password}\n`);
    writeFileSync(join(root, 'ca.pem'), server.ca);
    const printed: Array<[string, string]> = [];
    const cli = async (command: string) => {
      const result = await runInKeyring(home, 'sh', ['-c', `'${process.execPath}' '${cliBin}' ${command}`], {
        PLUMBLINE_DATA_DIR: dataDir,
        PLUMBLINE_WORKSPACE: join(root, 'no-workspace'),
        KUBECONFIG: join(root, 'no-kubeconfig'),
      });
      printed.push([`stdout of ${command}`, result.stdout], [`stderr of ${command}`, result.stderr]);
      return result;
    };
    const render = `render --repo '${join(root, 'repo')}' --path shop --output json`;

    const unnamed = await cli(render);
    expect(unnamed.code).not.toBe(0);
    expect(unnamed.stderr).toMatch(/"team-charts".*not configured/);

    const added = await cli(
      `repo add ${server.url} --type helm --name team-charts --username ${login.username} --password-stdin < '${join(root, 'password')}'`,
    );
    expect(added.code, added.stderr).toBe(0);
    const untrusted = await cli(render);
    expect(untrusted.code).not.toBe(0);
    expect(untrusted.stderr).toMatch(/certificate/);

    const host = new URL(server.url).host;
    expect((await cli(`repo cert add ${host} '${join(root, 'ca.pem')}'`)).code).toBe(0);
    const rendered = await cli(render);
    expect(rendered.code, rendered.stderr).toBe(0);
    const objects = JSON.parse(rendered.stdout) as Array<{ metadata: { name: string }; data: unknown }>;
    expect(objects.find((o) => o.metadata.name === 'shop-lib')?.data).toEqual({
      greeting: 'from-lib',
      version: '1.2.0',
    });
    expect(server.requests.some((r) => r.path.endsWith('lib-1.2.0.tgz') && r.authorized)).toBe(true);

    const planted = [{ what: 'Helm repository password', secret: login.password, user: login.username }];
    expect(leaksIn([...printed, ...filesUnder(dataDir)], planted)).toEqual([]);
  });
});

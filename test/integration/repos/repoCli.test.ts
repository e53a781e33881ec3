// `plumbline repo` as a user runs it, in a real gnome-keyring: the password piped on stdin
// (never an argument), the CA added for the host, the repository tried, listed and removed;
// nothing of the password in any output or any file of the data folder.
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliBin } from '../../support/cli.ts';
import { makeHistory, makeScratch, type Scratch } from '../../support/gitFixtures.ts';
import { startHttpGitServer, type HttpGitServer } from '../../support/httpGitServer.ts';
import { selfSignedCertificate } from '../../support/selfSignedCertificate.ts';
import { keyringUnavailableReason, runInKeyring } from '../keychain/keyringSession.ts';

const PASSWORD = 'cli-password-8e2b7a';
let scratch: Scratch;
let server: HttpGitServer;
let certificate: { key: string; cert: string };

beforeAll(async () => {
  scratch = await makeScratch();
  await makeHistory(scratch.root, 'private.git');
  certificate = selfSignedCertificate('127.0.0.1', '127.0.0.1');
  server = await startHttpGitServer({
    projectRoot: scratch.root,
    username: 'deployer',
    password: PASSWORD,
    protect: 'all',
    tls: certificate,
  });
});
afterAll(async () => {
  await server?.close();
  await scratch?.remove();
});

describe.skipIf(keyringUnavailableReason())('plumbline repo, in a real keychain', () => {
  it(
    'adds with --password-stdin, trusts the CA, tests, lists and removes',
    { timeout: 120_000 },
    async () => {
      const home = join(scratch.root, 'home');
      const dataDir = join(home, 'data');
      const printed: string[] = [];
      const plumbline = `'${process.execPath}' '${cliBin}'`;
      const cli = async (command: string) => {
        const result = await runInKeyring(home, 'sh', ['-c', command], {
          PLUMBLINE_DATA_DIR: dataDir,
          PLUMBLINE_WORKSPACE: join(scratch.root, 'no-workspace'),
          KUBECONFIG: join(scratch.root, 'no-kubeconfig'),
        });
        printed.push(result.stdout, result.stderr);
        return result;
      };
      mkdirSync(join(home, '.cache'), { recursive: true });
      mkdirSync(dataDir, { recursive: true });
      const url = server.url('private.git');
      writeFileSync(join(scratch.root, 'password'), `${PASSWORD}\n`);
      writeFileSync(join(scratch.root, 'ca.pem'), certificate.cert);

      const added = await cli(
        `${plumbline} repo add ${url} --username deployer --password-stdin < '${join(scratch.root, 'password')}'`,
      );
      expect(added.code, added.stderr).toBe(0);
      expect(added.stdout).toBe(`added repository ${url} (password)\n`);
      const untrusted = await cli(`${plumbline} repo test ${url}`);
      expect(untrusted.code).toBe(1);
      expect(untrusted.stdout).toMatch(/^failed \(tls\): /);

      expect((await cli(`${plumbline} repo cert add 127.0.0.1 '${join(scratch.root, 'ca.pem')}'`)).code).toBe(
        0,
      );
      const tested = await cli(`${plumbline} repo test ${url}`);
      expect(tested.code, tested.stdout + tested.stderr).toBe(0);
      expect(tested.stdout).toMatch(/^ok: \d+ refs/);

      const listed = await cli(`${plumbline} repo list`);
      expect(listed.stdout).toMatch(
        /repository\s+git\s+https:\/\/127\.0\.0\.1:\d+\/private\.git\s+deployer\s+password/,
      );
      expect((await cli(`${plumbline} repo remove ${url}`)).stdout).toBe(`removed ${url}\n`);
      expect((await cli(`${plumbline} repo test ${url}`)).stdout).toMatch(/^failed \(auth\)/);

      for (const text of printed) expect(text).not.toContain(PASSWORD);
      for (const file of readdirSync(dataDir, { recursive: true, encoding: 'utf8' }))
        if (statSync(join(dataDir, file)).isFile())
          expect(readFileSync(join(dataDir, file), 'latin1'), file).not.toContain(PASSWORD);
    },
  );
});

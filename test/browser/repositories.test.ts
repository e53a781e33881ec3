// The Repositories view in Chromium against the headless host, with a real git server that
// demands basic auth: a wrong password is saved and the test says authentication failed; the
// right one connects; the table says which credentials are stored, never their values; an Argo
// CD repo-creds Secret is imported as a template; a known host is added and listed. No secret
// reaches the page or the data folder.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshotDir } from '../support/browser.ts';
import { useDemoHost } from '../support/demoHost.ts';
import { makeRemote } from '../support/gitFixtures.ts';
import { makeSigners, type Signers } from '../support/gpgFixtures.ts';
import { startHttpGitServer, type HttpGitServer } from '../support/httpGitServer.ts';
import { tempDir } from '../support/tempDir.ts';
import { inKeyring, keyringEnv, keyringUnavailableReason } from '../integration/keychain/keyringSession.ts';

const unavailable = keyringUnavailableReason();
const session = useDemoHost(
  { viewport: { width: 1280, height: 1000 } },
  keyringEnv(tempDir()),
  unavailable ? undefined : inKeyring,
);
const PASSWORD = 'view-test-password-5c1e';
const TEMPLATE_PASSWORD = 'imported-template-password-9b7d';
let server: HttpGitServer;
/** A host key as ssh-keyscan prints it: `<type> <base64>`. */
let hostKey: string;
let signers: Signers;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

beforeAll(async () => {
  const root = tempDir();
  const remote = await makeRemote(root, 'private.git');
  await remote.commit({ 'README.md': 'private\n' }, 'first');
  await remote.push('main');
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(root, 'host_key')]);
  hostKey = readFileSync(join(root, 'host_key.pub'), 'utf8').split(' ').slice(0, 2).join(' ');
  signers = await makeSigners();
  server = await startHttpGitServer({
    projectRoot: root,
    username: 'ci',
    password: PASSWORD,
    protect: 'all',
  });
});
afterAll(async () => {
  await server?.close();
  await signers?.remove();
});

describe.skipIf(unavailable !== null)(
  `the Repositories view, keychain a real gnome-keyring ${unavailable ?? ''}`,
  () => {
    it('offers to connect a repository or import Argo CD secrets when none is configured', async () => {
      const { page, host } = session;
      await page.goto(host.appUrl);
      await page.getByRole('button', { name: 'Repositories', exact: true }).click();
      await expect.poll(() => page.getByText('No repository credentials').count()).toBe(1);
      await page.screenshot({ path: join(screenshotDir, 'repositories-empty.png'), fullPage: true });
    });

    it('saves a wrong password, and its test says authentication failed', async () => {
      const { page } = session;
      await page.getByRole('button', { name: 'Connect a repository' }).click();
      const form = page.getByRole('form', { name: 'Repository' });
      await form.getByLabel('URL', { exact: true }).fill(server.url('private'));
      await form.getByLabel('Username').fill('ci');
      await form.getByLabel('Password or token', { exact: true }).fill('not-the-password');
      await form.getByRole('button', { name: 'Save and test' }).click();
      await expect
        .poll(() => form.getByRole('alert').textContent(), { timeout: 20_000 })
        .toMatch(/Authentication failed/);
      expect(await form.getByLabel('Password or token', { exact: true }).inputValue()).toBe('');
      await page.screenshot({ path: join(screenshotDir, 'repositories-auth-failed.png'), fullPage: true });
    });

    it('connects with the right password and lists what is stored without showing it', async () => {
      const { page } = session;
      const form = page.getByRole('form', { name: 'Repository' });
      await form.getByLabel('Password or token', { exact: true }).fill(PASSWORD);
      await form.getByRole('button', { name: 'Save and test' }).click();
      await expect
        .poll(
          async () =>
            (await form.count()) === 0
              ? 'closed'
              : (await form.getByRole('alert').allTextContents()).join(' | '),
          {
            timeout: 20_000,
          },
        )
        .toBe('closed');
      const table = page.getByRole('table', { name: 'Repositories' });
      await expect.poll(() => table.getByText('user ci, password').count()).toBe(1);
      await table.getByRole('button', { name: 'Test' }).click();
      await expect
        .poll(() => table.getByLabel(`Connection of ${server.url('private')}`).textContent(), {
          timeout: 20_000,
        })
        .toBe('Connected');
    });

    it('imports an Argo CD repo-creds Secret as a credential template', async () => {
      const { page } = session;
      await page.getByRole('button', { name: 'Import Argo CD secrets' }).click();
      const secret = [
        'apiVersion: v1',
        'kind: Secret',
        'metadata:',
        '  name: private-repo-creds',
        '  namespace: argocd',
        '  labels:',
        '    argocd.argoproj.io/secret-type: repo-creds',
        'stringData:',
        '  url: https://git.example.com/team',
        '  username: bot',
        `  password: ${TEMPLATE_PASSWORD}`,
      ].join('\n');
      await page.getByLabel('Secrets (YAML)').fill(secret);
      await page.getByRole('button', { name: 'Import', exact: true }).click();
      await expect.poll(() => page.getByLabel('Import result').textContent()).toMatch(/Imported 1 secret/);
      await page.getByRole('button', { name: 'Close', exact: true }).click();
      const table = page.getByRole('table', { name: 'Repositories' });
      await expect.poll(() => table.getByText('https://git.example.com/team').count()).toBe(1);
      expect(await table.getByText('template').count()).toBe(1);
    });

    it('adds a known host and lists its fingerprint', async () => {
      const { page } = session;
      await page.getByLabel('Add known hosts (ssh-keyscan output)').fill(`git.example.com ${hostKey}`);
      await page.getByRole('button', { name: 'Add known hosts' }).click();
      const hosts = page.getByRole('table', { name: 'Known hosts' });
      await expect.poll(() => hosts.getByText('git.example.com').count()).toBe(1);
      expect(await hosts.textContent()).toMatch(/SHA256:/);
      await page.screenshot({ path: join(screenshotDir, 'repositories-light.png'), fullPage: true });
      await page.emulateMedia({ colorScheme: 'dark' });
      await page.screenshot({ path: join(screenshotDir, 'repositories-dark.png'), fullPage: true });
      await page.emulateMedia({ colorScheme: 'light' });
    });

    it('adds a GnuPG public key, refuses a secret key, and removes the key', async () => {
      const { page } = session;
      await page.getByLabel('Or paste a public key (armored)').fill(signers.alice.publicKey);
      await page.getByRole('button', { name: 'Add key' }).click();
      const keys = page.getByRole('table', { name: 'GnuPG keys' });
      await expect.poll(() => keys.getByText(signers.alice.keyId).count(), { timeout: 20_000 }).toBe(1);
      expect(await keys.textContent()).toMatch(/Alice <alice@example.test>.*valid/);
      expect(await keys.textContent()).toContain(signers.alice.subkeyId);
      await page.screenshot({ path: join(screenshotDir, 'repositories-gpg-keys.png'), fullPage: true });
      await page.getByLabel('Or paste a public key (armored)').fill(signers.bob.secretKey);
      await page.getByRole('button', { name: 'Add key' }).click();
      await expect
        .poll(() => page.getByRole('alert').textContent(), { timeout: 20_000 })
        .toMatch(/secret key/i);
      await page.getByRole('button', { name: `Remove key ${signers.alice.keyId}` }).click();
      await expect
        .poll(() => page.getByText('No keys: projects that require signatures sync nothing.').count())
        .toBe(1);
    });

    it('keeps every secret out of the page and the data folder', async () => {
      const html = await session.page.content();
      const stored = filesUnder(session.dataDir)
        .map((file) => readFileSync(file, 'utf8'))
        .join('\n');
      for (const secret of [PASSWORD, TEMPLATE_PASSWORD]) {
        expect(html).not.toContain(secret);
        expect(stored).not.toContain(secret);
      }
    });
  },
);

// `plumbline gpg add|list|remove` as a user runs it, through the contract: a real key made by
// gpg goes into the data folder's keyring (never GNUPGHOME or ~/.gnupg), a secret key is refused.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.ts';
import { makeSigners, type Signers } from '../../support/gpgFixtures.ts';
import { tempDir } from '../../support/tempDir.ts';

const dir = tempDir();
let signers: Signers;
// the user's own GnuPG home is pointed at the signers' home: Plumbline must not touch it
let env: Record<string, string>;

beforeAll(async () => {
  signers = await makeSigners();
  env = {
    PLUMBLINE_DATA_DIR: join(dir, 'data'),
    PLUMBLINE_WORKSPACE: join(dir, 'workspace'),
    GNUPGHOME: signers.home,
    KUBECONFIG: join(dir, 'none.yaml'),
  };
  await mkdir(join(dir, 'workspace'));
  await writeFile(join(dir, 'alice.asc'), signers.alice.publicKey);
  await writeFile(join(dir, 'secret.asc'), signers.alice.secretKey);
}, 120_000);
afterAll(() => signers?.remove());

describe('plumbline gpg', () => {
  it('adds, lists and removes a public key in the data folder', async () => {
    const added = await runCli(['gpg', 'add', join(dir, 'alice.asc')], env);
    expect(added.stderr).toBe('');
    expect(added.stdout).toBe(`imported ${signers.alice.keyId} Alice <alice@example.test>\n`);
    const listed = await runCli(['gpg', 'list', '-o', 'json'], env);
    const { keys } = JSON.parse(listed.stdout) as {
      keys: Array<{ keyId: string; subkeys: Array<{ keyId: string }> }>;
    };
    expect(keys.map((key) => key.keyId)).toEqual([signers.alice.keyId]);
    expect(keys[0]?.subkeys.map((subkey) => subkey.keyId)).toEqual([signers.alice.subkeyId]);
    const removed = await runCli(['gpg', 'remove', signers.alice.fingerprint], env);
    expect(removed.stdout).toBe(`removed ${signers.alice.fingerprint}\n`);
    const again = await runCli(['gpg', 'remove', signers.alice.keyId], env);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain(`no key ${signers.alice.keyId}`);
  }, 180_000);

  it('refuses a secret key file and says why', async () => {
    const result = await runCli(['gpg', 'add', join(dir, 'secret.asc')], env);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('holds a secret key');
    expect((await runCli(['gpg', 'list'], env)).stdout).toBe('No keys\n');
  }, 120_000);
});

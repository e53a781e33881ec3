// keychainSecretStore against a real gnome-keyring in a private D-Bus session, and the clear
// refusal when no keychain can be reached.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../support/tempDir.ts';
import { keyringUnavailableReason, nodeWithTsx, runInKeyring } from './keyringSession.ts';

const probe = fileURLToPath(new URL('./secretStoreProbe.ts', import.meta.url));
const unavailable = keyringUnavailableReason();

describe.skipIf(unavailable !== null)(`keychainSecretStore ${unavailable ?? ''}`, () => {
  it('stores, updates, reads and deletes a secret in gnome-keyring', async () => {
    const [node, args] = nodeWithTsx(probe);
    const result = await runInKeyring(tempDir(), node, [...args, 'roundtrip', 'cluster:demo', 'tok-12345']);
    expect(result.stderr).not.toContain('tok-12345');
    expect(JSON.parse(result.stdout)).toEqual({
      afterSet: 'tok-12345',
      afterUpdate: 'tok-12345-changed',
      deleted: true,
      afterDelete: null,
      deletedAgain: false,
    });
  });

  it('keeps secrets across sessions of the same login keyring', async () => {
    const home = tempDir();
    const [node, args] = nodeWithTsx(probe);
    await runInKeyring(home, node, [...args, 'set', 'persisted', 'kept-secret']);
    const read = await runInKeyring(home, node, [...args, 'get', 'persisted']);
    expect(JSON.parse(read.stdout)).toEqual({ value: 'kept-secret' });
  });
});

describe('keychainSecretStore without a keychain', () => {
  it('refuses with a plain error instead of storing in plain text', async () => {
    const { execFile } = await import('node:child_process');
    const [node, args] = nodeWithTsx(probe);
    const env: NodeJS.ProcessEnv = { ...process.env, HOME: tempDir(), DISPLAY: '' };
    delete env.DBUS_SESSION_BUS_ADDRESS;
    const stdout = await new Promise<string>((resolve) =>
      execFile(node, [...args, 'set', 'cluster:demo', 'tok-67890'], { env, timeout: 30_000 }, (_e, out) =>
        resolve(out),
      ),
    );
    const { error } = JSON.parse(stdout) as { error: string };
    expect(error).toMatch(/OS keychain is not available to store cluster:demo/);
    expect(error).toMatch(/refuses plain-text storage/);
    expect(error).not.toContain('tok-67890');
  });
});

// The desktop's secret store: keytar when the keychain answers, safeStorage's encrypted file
// when it does not, and a plain refusal rather than plain text when neither can keep a secret.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memorySecretStore, type SecretStore } from '../../../engine/secrets/secretStore.ts';
import { KeychainUnavailableError } from '../../../main/host/keychainSecretStore.ts';
import { desktopSecretStore } from '../../../main/electron/desktopSecretStore.ts';
import { SAFE_STORAGE_FILE, type SafeStorage } from '../../../main/electron/safeStorageSecretStore.ts';
import { answerSecretsRequest, remoteSecretStore } from '../../../main/electron/secretsChannel.ts';
import { tempDir } from '../../support/tempDir.ts';

const SECRET = 'tok-desktop-4711';

const unreachableKeychain: SecretStore = {
  get: async () => {
    throw new KeychainUnavailableError('read', new Error('no D-Bus session'));
  },
  set: async () => {
    throw new KeychainUnavailableError('store', new Error('no D-Bus session'));
  },
  delete: async () => {
    throw new KeychainUnavailableError('delete', new Error('no D-Bus session'));
  },
};

/** Reverses and base64s: enough to show the file never holds the plain text. */
function fakeSafeStorage(backend = 'gnome_libsecret', available = true): SafeStorage {
  return {
    isEncryptionAvailable: () => available,
    encryptString: (text) => Buffer.from([...text].reverse().join('')),
    decryptString: (data) => [...data.toString()].reverse().join(''),
    getSelectedStorageBackend: () => backend,
  };
}

function store(keychain: SecretStore, safeStorage: SafeStorage, dataDir = tempDir()) {
  return { dataDir, store: desktopSecretStore({ keychain, safeStorage, dataDir, platform: 'linux' }) };
}

describe('desktopSecretStore', () => {
  it('uses the keychain when it answers', async () => {
    const keychain = memorySecretStore();
    const { store: secrets, dataDir } = store(keychain, fakeSafeStorage());
    await secrets.set('cluster:a', SECRET);
    expect(await keychain.get('cluster:a')).toBe(SECRET);
    expect(() => statSync(join(dataDir, SAFE_STORAGE_FILE))).toThrow();
  });

  it('falls back to an encrypted 0600 file through safeStorage', async () => {
    const { store: secrets, dataDir } = store(unreachableKeychain, fakeSafeStorage());
    await secrets.set('cluster:a', SECRET);
    const file = join(dataDir, SAFE_STORAGE_FILE);
    expect(readFileSync(file, 'utf8')).not.toContain(SECRET);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(await secrets.get('cluster:a')).toBe(SECRET);
    expect(await secrets.delete('cluster:a')).toBe(true);
    expect(await secrets.get('cluster:a')).toBeNull();
  });

  it.each([
    ['basic_text', true],
    ['gnome_libsecret', false],
  ])(
    'refuses plain text (backend %s, encryption available: %s) but reads find nothing',
    async (backend, available) => {
      const { store: secrets, dataDir } = store(unreachableKeychain, fakeSafeStorage(backend, available));
      await expect(secrets.set('cluster:a', SECRET)).rejects.toThrow(/refuses plain-text storage/);
      expect(await secrets.get('repo:https://example.test/x')).toBeNull();
      expect(() => statSync(join(dataDir, SAFE_STORAGE_FILE))).toThrow();
    },
  );
});

describe('secretsChannel', () => {
  it('carries get, set and delete between the engine and the main process, errors included', async () => {
    const main = memorySecretStore();
    const engine = remoteSecretStore(
      (message) => void answerSecretsRequest(main, message, (answer) => engine.receive(answer)),
    );
    await engine.store.set('cluster:a', SECRET);
    expect(await main.get('cluster:a')).toBe(SECRET);
    expect(await engine.store.get('cluster:a')).toBe(SECRET);
    expect(await engine.store.delete('cluster:a')).toBe(true);
    expect(await engine.store.get('cluster:a')).toBeNull();

    const refusing = remoteSecretStore(
      (message) =>
        void answerSecretsRequest(unreachableKeychain, message, (answer) => refusing.receive(answer)),
    );
    await expect(refusing.store.set('cluster:a', SECRET)).rejects.toThrow(/OS keychain is not available/);
  });
});

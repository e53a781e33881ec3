// The desktop app's SecretStore: the OS keychain through keytar; where keytar cannot reach one,
// safeStorage's encrypted file; where neither can keep a secret safely, the keychain's plain
// refusal (reads find nothing, so git and kubeconfig contexts still work). Chosen on first use.
import type { SecretStore } from '../../engine/secrets/secretStore.ts';
import { KeychainUnavailableError } from '../host/keychainSecretStore.ts';
import { hostSecretStore } from '../host/hostSecretStore.ts';
import { safeStorageSecretStore, safeStorageUnusable, type SafeStorage } from './safeStorageSecretStore.ts';

/** The account the first use reads to learn whether the keychain answers. */
const PROBE_ACCOUNT = 'plumbline:probe';

export interface DesktopSecretStoreOptions {
  keychain: SecretStore;
  safeStorage: SafeStorage;
  dataDir: string;
  platform: string;
}

export function desktopSecretStore(options: DesktopSecretStoreOptions): SecretStore {
  let chosen: Promise<SecretStore> | null = null;

  async function choose(): Promise<SecretStore> {
    try {
      await options.keychain.get(PROBE_ACCOUNT);
      return options.keychain;
    } catch (error) {
      if (!(error instanceof KeychainUnavailableError)) throw error;
      const unusable = safeStorageUnusable(options.safeStorage, options.platform);
      if (unusable === null) return safeStorageSecretStore(options.safeStorage, options.dataDir);
      // Neither: the keychain's refusal says what to do.
      return hostSecretStore(options.keychain);
    }
  }

  const store = () => (chosen ??= choose());
  return {
    get: async (account) => (await store()).get(account),
    set: async (account, secret) => (await store()).set(account, secret),
    delete: async (account) => (await store()).delete(account),
  };
}

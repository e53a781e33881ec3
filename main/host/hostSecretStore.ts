// The secret store of the headless host and the CLI's engine: the OS keychain. Where no
// keychain answers (a server or CI without a D-Bus session), reads find nothing, so git and
// kubeconfig contexts keep working, while storing a credential (registering a cluster) fails
// with the keychain's clear refusal: nothing is ever kept in plain text.
import type { SecretStore } from '../../engine/secrets/secretStore.ts';
import { KeychainUnavailableError, keychainSecretStore } from './keychainSecretStore.ts';

/** After the keychain failed, reads skip it this long before asking again. */
const RETRY_MS = 30_000;

export function hostSecretStore(keychain: SecretStore = keychainSecretStore()): SecretStore {
  let skipUntil = 0;
  return {
    async get(account) {
      if (Date.now() < skipUntil) return null;
      try {
        return await keychain.get(account);
      } catch (error) {
        if (!(error instanceof KeychainUnavailableError)) throw error;
        skipUntil = Date.now() + RETRY_MS;
        return null;
      }
    },
    set: (account, secret) => keychain.set(account, secret),
    delete: (account) => keychain.delete(account),
  };
}

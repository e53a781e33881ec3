// The SecretStore of the desktop and the CLI: the OS keychain through keytar (macOS Keychain,
// Windows Credential Manager, libsecret's Secret Service on Linux), service `plumbline`.
// Without a reachable keychain every call fails with a plain error: Plumbline never falls back
// to storing credentials in plain text.
import type * as KeytarModule from 'keytar';
import type { SecretStore } from '../../engine/secrets/secretStore.ts';

export const KEYCHAIN_SERVICE = 'plumbline';

type Keytar = Pick<typeof KeytarModule, 'getPassword' | 'setPassword' | 'deletePassword'>;

export class KeychainUnavailableError extends Error {
  constructor(operation: string, cause: unknown) {
    // keytar's messages name the D-Bus or keychain problem, never the secret.
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(
      `the OS keychain is not available to ${operation} (${reason}); Plumbline keeps credentials ` +
        'only in the keychain and refuses plain-text storage: unlock or start a keychain ' +
        '(on Linux a Secret Service such as gnome-keyring or KWallet)',
      { cause },
    );
    this.name = 'KeychainUnavailableError';
  }
}

// Loaded on first use: the native module fails to load where libsecret is missing, and that
// must be the same clear error as an unreachable keychain, not a crash at start-up.
let loaded: Promise<Keytar> | null = null;
function keytar(): Promise<Keytar> {
  if (!loaded) loaded = import('keytar').then((module): Keytar => module.default);
  return loaded;
}

async function withKeytar<T>(operation: string, work: (kt: Keytar) => Promise<T>): Promise<T> {
  let kt: Keytar;
  try {
    kt = await keytar();
  } catch (error) {
    loaded = null;
    throw new KeychainUnavailableError(operation, error);
  }
  try {
    return await work(kt);
  } catch (error) {
    throw new KeychainUnavailableError(operation, error);
  }
}

export function keychainSecretStore(service: string = KEYCHAIN_SERVICE): SecretStore {
  return {
    get: (account) => withKeytar(`read ${account}`, (kt) => kt.getPassword(service, account)),
    set: (account, secret) =>
      withKeytar(`store ${account}`, (kt) => kt.setPassword(service, account, secret)),
    delete: (account) => withKeytar(`delete ${account}`, (kt) => kt.deletePassword(service, account)),
  };
}

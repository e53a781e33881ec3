// The one place the engine keeps secrets (git credentials, cluster tokens and keys). The desktop
// host backs it with the OS keychain (service `plumbline`); tests and headless runs without a
// keychain use the in-memory store below.

/** A store of secrets by account name. Values never leave it except to the operation using them. */
export interface SecretStore {
  get(account: string): Promise<string | null>;
  set(account: string, secret: string): Promise<void>;
  /** Removes the secret; `true` when there was one. */
  delete(account: string): Promise<boolean>;
}

/** A SecretStore that lives only as long as the process: for tests and throwaway sessions. */
export function memorySecretStore(initial: Record<string, string> = {}): SecretStore {
  const secrets = new Map(Object.entries(initial));
  return {
    async get(account) {
      return secrets.get(account) ?? null;
    },
    async set(account, secret) {
      secrets.set(account, secret);
    },
    async delete(account) {
      return secrets.delete(account);
    },
  };
}

// Secrets a set names as a Secret and a key (a plugin's `$secret:key` token, an SCM provider's or
// pull-request service's `tokenRef`) live in the SecretStore (the OS keychain), never in a cluster
// Secret, config.json or a workspace file: the account is `appset-secret:<secret>:<key>`. Reading
// one through the engine's remembering store hands it to the scrubber, so no error, log or answer
// can carry it afterwards.
import { rememberSecret } from '../git/scrub.ts';
import type { SecretStore } from '../secrets/secretStore.ts';

// Secret names and keys as Kubernetes allows them: nothing that could name another account.
const SECRET_NAME = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;
const SECRET_KEY = /^[-._a-zA-Z0-9]{1,253}$/;

export function generatorSecretAccount(secretName: string, key: string): string {
  if (!SECRET_NAME.test(secretName))
    throw new Error(`${JSON.stringify(secretName.slice(0, 80))} is not a Secret name`);
  if (!SECRET_KEY.test(key)) throw new Error(`${JSON.stringify(key.slice(0, 80))} is not a Secret key`);
  return `appset-secret:${secretName}:${key}`;
}

/** The secret `secretName`/`key`; an error naming the account when the keychain has none. */
export async function storedGeneratorSecret(
  store: SecretStore,
  secretName: string,
  key: string,
): Promise<string> {
  const account = generatorSecretAccount(secretName, key);
  const secret = await store.get(account);
  if (secret === null || secret === '')
    throw new Error(
      `the keychain holds no ${account}: store it with plumbline appset secret ${secretName} ${key}`,
    );
  rememberSecret(secret);
  return secret;
}

// Plugin tokens in the SecretStore (the OS keychain), never in a cluster Secret, config.json or a
// workspace file: the ConfigMap's `$secret:key` reference names the account
// `appset-plugin:<secret>:<key>`. Reading it through the engine's remembering store hands the
// token to the scrubber, so no error, log or answer can carry it afterwards.
import { rememberSecret } from '../../git/scrub.ts';
import type { SecretStore } from '../../secrets/secretStore.ts';

// Secret names and keys as Kubernetes allows them: nothing that could name another account.
const SECRET_NAME = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;
const SECRET_KEY = /^[-._a-zA-Z0-9]{1,253}$/;

export function pluginTokenAccount(secretName: string, key: string): string {
  if (!SECRET_NAME.test(secretName))
    throw new Error(`${JSON.stringify(secretName.slice(0, 80))} is not a Secret name`);
  if (!SECRET_KEY.test(key)) throw new Error(`${JSON.stringify(key.slice(0, 80))} is not a Secret key`);
  return `appset-plugin:${secretName}:${key}`;
}

/** The token of `$secretName:key`; an error naming the account when the keychain has none. */
export async function storedPluginToken(
  store: SecretStore,
  secretName: string,
  key: string,
): Promise<string> {
  const account = pluginTokenAccount(secretName, key);
  const token = await store.get(account);
  if (token === null || token === '') throw new Error(`the keychain holds no plugin token ${account}`);
  rememberSecret(token);
  return token;
}

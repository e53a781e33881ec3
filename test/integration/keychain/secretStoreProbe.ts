// Child process of the keychain tests: `roundtrip|set|get <account> [secret]` through
// keychainSecretStore, printing what it saw as JSON (or the error message).
import { keychainSecretStore } from '../../../main/host/keychainSecretStore.ts';

const [mode, account = 'probe', secret = 'probe-secret'] = process.argv.slice(2);
const store = keychainSecretStore();

async function roundTrip(): Promise<unknown> {
  await store.set(account, secret);
  const afterSet = await store.get(account);
  await store.set(account, `${secret}-changed`);
  const afterUpdate = await store.get(account);
  const deleted = await store.delete(account);
  const afterDelete = await store.get(account);
  const deletedAgain = await store.delete(account);
  return { afterSet, afterUpdate, deleted, afterDelete, deletedAgain };
}

try {
  if (mode === 'set') await store.set(account, secret);
  const result = mode === 'roundtrip' ? await roundTrip() : { value: await store.get(account) };
  process.stdout.write(JSON.stringify(result));
} catch (error) {
  process.stdout.write(JSON.stringify({ error: (error as Error).message }));
}

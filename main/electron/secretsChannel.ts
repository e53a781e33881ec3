// The engine's SecretStore in the desktop app lives in the main process (keytar, or safeStorage,
// which only the main process has); the engine's utility process reaches it through numbered
// messages on the same port as the contract, marked `secrets` so neither side mixes them up.
import { z } from 'zod';
import type { SecretStore } from '../../engine/secrets/secretStore.ts';

const requestSchema = z.object({
  type: z.literal('secrets'),
  id: z.number().int(),
  op: z.enum(['get', 'set', 'delete']),
  account: z.string().min(1),
  secret: z.string().optional(),
});
const answerSchema = z.object({
  type: z.literal('secrets-answer'),
  id: z.number().int(),
  value: z.union([z.string(), z.boolean(), z.null()]).optional(),
  error: z.string().optional(),
});

export const isSecretsRequest = (message: unknown) => requestSchema.safeParse(message).success;
export const isSecretsAnswer = (message: unknown) => answerSchema.safeParse(message).success;

/** Main process: answers one request of the engine from `store`. */
export async function answerSecretsRequest(
  store: SecretStore,
  message: unknown,
  send: (message: unknown) => void,
): Promise<void> {
  const request = requestSchema.parse(message);
  const { id, op, account } = request;
  try {
    const value =
      op === 'get'
        ? await store.get(account)
        : op === 'set'
          ? await store.set(account, request.secret ?? '').then(() => null)
          : await store.delete(account);
    send({ type: 'secrets-answer', id, value });
  } catch (error) {
    // Store errors name the account and the keychain's problem, never the secret.
    send({ type: 'secrets-answer', id, error: (error as Error).message });
  }
}

/** Engine process: a SecretStore whose calls go to the main process. */
export function remoteSecretStore(send: (message: unknown) => void): {
  store: SecretStore;
  receive(message: unknown): void;
} {
  let next = 0;
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  const ask = (op: 'get' | 'set' | 'delete', account: string, secret?: string) =>
    new Promise<unknown>((resolve, reject) => {
      const id = next++;
      pending.set(id, { resolve, reject });
      send({ type: 'secrets', id, op, account, ...(secret === undefined ? {} : { secret }) });
    });
  return {
    store: {
      get: async (account) => (await ask('get', account)) as string | null,
      set: async (account, secret) => void (await ask('set', account, secret)),
      delete: async (account) => (await ask('delete', account)) === true,
    },
    receive(message) {
      const answer = answerSchema.parse(message);
      const waiting = pending.get(answer.id);
      pending.delete(answer.id);
      if (answer.error !== undefined) waiting?.reject(new Error(answer.error));
      else waiting?.resolve(answer.value ?? null);
    },
  };
}

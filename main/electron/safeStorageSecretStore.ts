// The desktop's fallback SecretStore where keytar cannot reach a keychain: each secret encrypted
// with Electron's safeStorage (the OS's own key: Keychain, DPAPI, libsecret or KWallet) in one
// 0600 file of the data folder. Linux's `basic_text` backend is a hard-coded key, plain text in
// all but name, so it is refused like an unavailable one.
import { open, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { SecretStore } from '../../engine/secrets/secretStore.ts';
import { writeFileAtomic } from '../../engine/workspace/atomic-write.ts';

/** The part of Electron's `safeStorage` this store uses. */
export interface SafeStorage {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only. */
  getSelectedStorageBackend?(): string;
}

export const SAFE_STORAGE_FILE = 'secrets.encrypted.json';

const fileSchema = z.object({ version: z.literal(1), secrets: z.record(z.string(), z.string()) });
type SecretsFile = z.infer<typeof fileSchema>;

/** Why safeStorage cannot keep secrets here, or null when it can. */
export function safeStorageUnusable(safeStorage: SafeStorage, platform: string): string | null {
  if (!safeStorage.isEncryptionAvailable()) return 'Electron safeStorage has no encryption available';
  const backend = platform === 'linux' ? safeStorage.getSelectedStorageBackend?.() : undefined;
  if (backend === 'basic_text' || backend === 'unknown')
    return `Electron safeStorage would use the ${backend} backend, which is plain text`;
  return null;
}

export function safeStorageSecretStore(safeStorage: SafeStorage, dataDir: string): SecretStore {
  const path = join(dataDir, SAFE_STORAGE_FILE);

  async function read(): Promise<SecretsFile> {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, secrets: {} };
      throw error;
    }
    const parsed = fileSchema.safeParse(JSON.parse(text));
    if (!parsed.success) throw new Error(`the encrypted secrets file ${path} is damaged; remove it`);
    return parsed.data;
  }

  async function write(file: SecretsFile): Promise<void> {
    // Created 0600 before the first write; the atomic write keeps the mode.
    await (await open(path, 'a', 0o600)).close();
    await writeFileAtomic(path, JSON.stringify(file));
  }

  return {
    async get(account) {
      const encrypted = (await read()).secrets[account];
      return encrypted === undefined ? null : safeStorage.decryptString(Buffer.from(encrypted, 'base64'));
    },
    async set(account, secret) {
      const file = await read();
      file.secrets[account] = safeStorage.encryptString(secret).toString('base64');
      await write(file);
    },
    async delete(account) {
      const file = await read();
      if (!(account in file.secrets)) return false;
      delete file.secrets[account];
      await write(file);
      return true;
    },
  };
}

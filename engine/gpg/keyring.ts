// Plumbline's GnuPG keyring: the public keys the user trusts to sign commits and tags, in a
// GnuPG home inside Plumbline's data folder (`<data>/gpg`; public keys are not secrets). Only
// public keys get in: a file over the size limit, without an OpenPGP public key, or holding a
// secret key is refused before anything is imported. gpg never fetches a key (no key server, no
// agent): a signature by a key not imported here is "signed with a key not in the keyring".
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runGpg } from './gpgRun.ts';
import { hasSecretKey, parseKeyListing, type GpgKey } from './keyListing.ts';
import { longKeyId } from './keyIds.ts';

/** A key file bigger than this is refused (a real public key is a few KiB). */
export const MAX_KEY_FILE_BYTES = 256 * 1024;
/** Keys one file may hold. */
export const MAX_KEYS_PER_FILE = 20;

// Read by every gpg that runs in this home, git's included: nothing is fetched or started, and
// an imported key is trusted as such (which key may sign what is the AppProject's to say).
const GPG_CONF = `no-autostart
no-auto-key-retrieve
auto-key-locate local
trust-model always
`;

/** A key file the keyring refuses; the message says why. */
export class KeyFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeyFileError';
  }
}

const keyrings = new Map<string, GpgKeyring>();

export class GpgKeyring {
  /** The GnuPG home (`GNUPGHOME`) of verifications. */
  readonly home: string;
  private prepared: Promise<void> | undefined;
  private writes: Promise<unknown> = Promise.resolve();

  private constructor(dataDir: string) {
    this.home = join(dataDir, 'gpg');
  }

  /** The keyring of a data folder; one instance per folder in a process, so writes queue up. */
  static of(dataDir: string): GpgKeyring {
    let keyring = keyrings.get(dataDir);
    if (!keyring) keyrings.set(dataDir, (keyring = new GpgKeyring(dataDir)));
    return keyring;
  }

  /** The home, made private and configured; a failure is tried again next time. */
  ready(): Promise<void> {
    return (this.prepared ??= (async () => {
      await mkdir(this.home, { recursive: true, mode: 0o700 });
      await chmod(this.home, 0o700);
      await writeFile(join(this.home, 'gpg.conf'), GPG_CONF, { mode: 0o600 });
    })().catch((error: unknown) => {
      this.prepared = undefined;
      throw error;
    }));
  }

  async list(): Promise<GpgKey[]> {
    await this.ready();
    const result = await runGpg(this.home, ['--fixed-list-mode', '--list-keys']);
    if (result.failure && !result.stdout) throw new Error(`list the GnuPG keyring: ${result.failure}`);
    return parseKeyListing(result.stdout);
  }

  /** Imports the public keys of an armored or binary key file; returns the keys it added or updated. */
  add(keyFile: Buffer): Promise<GpgKey[]> {
    return this.serially(async () => {
      if (keyFile.length === 0) throw new KeyFileError('the key file is empty');
      if (keyFile.length > MAX_KEY_FILE_BYTES)
        throw new KeyFileError(
          `the key file is ${Math.ceil(keyFile.length / 1024)} KiB, over the limit of ${MAX_KEY_FILE_BYTES / 1024} KiB`,
        );
      await this.ready();
      const scratch = await mkdtemp(join(this.home, '.import-'));
      try {
        const file = join(scratch, 'key');
        await writeFile(file, keyFile, { mode: 0o600 });
        const shown = await runGpg(this.home, ['--show-keys'], [file]);
        if (hasSecretKey(shown.stdout))
          throw new KeyFileError(
            'the file holds a secret key: give only the public key (gpg --export --armor KEYID)',
          );
        const offered = parseKeyListing(shown.stdout);
        if (offered.length === 0)
          throw new KeyFileError(
            `the file holds no OpenPGP public key${shown.failure ? `: ${firstLine(shown.failure)}` : ''}`,
          );
        if (offered.length > MAX_KEYS_PER_FILE)
          throw new KeyFileError(
            `the file holds ${offered.length} keys, over the limit of ${MAX_KEYS_PER_FILE}`,
          );
        const imported = await runGpg(this.home, ['--import-options', 'import-minimal', '--import'], [file]);
        const fingerprints = new Set(
          imported.status
            .filter((line) => line.startsWith('IMPORT_OK '))
            .map((line) => (line.split(' ')[2] ?? '').toUpperCase()),
        );
        if (fingerprints.size === 0)
          throw new KeyFileError(
            `gpg imported no key${imported.failure ? `: ${firstLine(imported.failure)}` : ''}`,
          );
        return (await this.list()).filter((key) => fingerprints.has(key.fingerprint));
      } finally {
        await rm(scratch, { recursive: true, force: true });
      }
    });
  }

  /** Removes a key by long ID or fingerprint; false when the keyring has no such key. */
  remove(keyId: string): Promise<boolean> {
    return this.serially(async () => {
      const wanted = longKeyId(keyId);
      if (!wanted) throw new KeyFileError(`"${keyId}" is not a GnuPG key ID (16 or 40 hex digits)`);
      const key = (await this.list()).find((candidate) => candidate.keyId === wanted);
      if (!key) return false;
      const removed = await runGpg(this.home, ['--yes', '--delete-keys'], [key.fingerprint]);
      if (removed.failure) throw new Error(`remove key ${wanted}: ${firstLine(removed.failure)}`);
      return true;
    });
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const next = this.writes.then(work, work);
    this.writes = next.catch(() => undefined);
    return next;
  }
}

function firstLine(text: string): string {
  return (
    text
      .split('\n')
      .find((line) => line.trim())
      ?.replace(/^gpg: /, '') ?? text
  );
}

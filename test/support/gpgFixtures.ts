// Real GnuPG keys for the signature tests, made by gpg in a throwaway GnuPG home (never the
// user's): a key with a signing subkey, another key, and a key that expires seconds after it is
// made; commits and tags signed with them by git itself; and a commit carrying a signature
// taken from another commit.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { git } from './gitFixtures.ts';

const execFileAsync = promisify(execFile);

export interface TestKey {
  /** Long ID of the primary key. */
  keyId: string;
  fingerprint: string;
  /** Long ID of the signing subkey, when the key has one. */
  subkeyId?: string;
  /** The armored public key. */
  publicKey: string;
  /** The armored secret key (for the "secret key refused" case). */
  secretKey: string;
}

export interface Signers {
  home: string;
  alice: TestKey;
  bob: TestKey;
  /** A key that expired seconds after it signed (call `expiring.waitExpired()` before checking). */
  expiring: TestKey & { waitExpired(): Promise<void> };
  remove(): Promise<void>;
}

async function gpg(home: string, ...args: string[]): Promise<string> {
  const { stdout } = await execFileAsync('gpg', ['--batch', '--no-tty', '--homedir', home, ...args], {
    env: { PATH: process.env.PATH ?? '', GNUPGHOME: home, LC_ALL: 'C' },
    timeout: 60_000,
  });
  return stdout;
}

async function makeKey(home: string, uid: string, expire: string, withSubkey: boolean): Promise<TestKey> {
  await gpg(
    home,
    '--passphrase',
    '',
    '--quick-gen-key',
    uid,
    'ed25519',
    withSubkey ? 'cert' : 'sign',
    expire,
  );
  const listing = await gpg(home, '--with-colons', '--list-keys', uid);
  const fingerprint = /^fpr:+([0-9A-F]{40}):/m.exec(listing)?.[1] ?? '';
  let subkeyId: string | undefined;
  if (withSubkey) {
    await gpg(home, '--passphrase', '', '--quick-add-key', fingerprint, 'ed25519', 'sign', expire);
    const withSub = await gpg(home, '--with-colons', '--list-keys', fingerprint);
    subkeyId = /^sub:[^:]*:[^:]*:[^:]*:([0-9A-F]{16}):/m.exec(withSub)?.[1];
  }
  return {
    keyId: fingerprint.slice(24),
    fingerprint,
    ...(subkeyId ? { subkeyId } : {}),
    publicKey: await gpg(home, '--armor', '--export', fingerprint),
    secretKey: await gpg(
      home,
      '--pinentry-mode',
      'loopback',
      '--passphrase',
      '',
      '--armor',
      '--export-secret-keys',
      fingerprint,
    ),
  };
}

export async function makeSigners(): Promise<Signers> {
  // short: gpg-agent's socket lives in the home, and socket paths are short
  const home = await mkdtemp(join(tmpdir(), 'pl-gpg-'));
  const alice = await makeKey(home, 'Alice <alice@example.test>', '1y', true);
  const bob = await makeKey(home, 'Bob <bob@example.test>', '1y', false);
  const made = Date.now();
  const expiring = await makeKey(home, 'Eve Expiring <eve@example.test>', 'seconds=4', false);
  return {
    home,
    alice,
    bob,
    expiring: {
      ...expiring,
      waitExpired: () =>
        new Promise((resolve) => setTimeout(resolve, Math.max(0, made + 6_000 - Date.now()))),
    },
    async remove() {
      await execFileAsync('gpgconf', ['--kill', 'all'], {
        env: { PATH: process.env.PATH ?? '', GNUPGHOME: home },
      }).catch(() => undefined);
      await rm(home, { recursive: true, force: true });
    },
  };
}

/** git in a working clone, signing with `key` (a commit: `commit -S`, a tag: `tag -s`). */
export async function signedGit(
  signers: Signers,
  key: TestKey,
  cwd: string,
  ...args: string[]
): Promise<string> {
  const { stdout } = await execFileAsync(
    'git',
    [
      '-c',
      'user.name=Signer',
      '-c',
      'user.email=signer@example.test',
      '-c',
      `user.signingkey=${key.fingerprint}`,
      ...args,
    ],
    {
      cwd,
      timeout: 60_000,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: cwd,
        GNUPGHOME: signers.home,
        GIT_CONFIG_NOSYSTEM: '1',
        LC_ALL: 'C',
      },
    },
  );
  return stdout.trim();
}

/**
 * A commit whose content is `content`'s and whose signature is `signatureFrom`'s: what a forger
 * gets by copying a signature onto another commit. Written into the working clone; returns its SHA.
 */
export async function commitWithBorrowedSignature(
  work: string,
  content: string,
  signatureFrom: string,
): Promise<string> {
  const signed = await git(work, 'cat-file', 'commit', signatureFrom);
  const signature = /^gpgsig [\s\S]*?-----END PGP SIGNATURE-----\n?/m.exec(`${signed}\n`)?.[0] ?? '';
  const target = await git(work, 'cat-file', 'commit', content);
  const [header = '', ...body] = target.split('\n\n');
  const forged = `${header}\n${signature.trimEnd()}\n\n${body.join('\n\n')}\n`;
  return hashObject(work, forged);
}

async function hashObject(work: string, content: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      'git',
      ['hash-object', '-t', 'commit', '-w', '--stdin'],
      { cwd: work, env: { PATH: process.env.PATH ?? '', HOME: work, GIT_CONFIG_NOSYSTEM: '1' } },
      (error, stdout) => (error ? reject(error) : resolve(stdout.trim())),
    );
    child.stdin?.end(content);
  });
}

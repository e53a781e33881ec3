// Signature verification against real keys, real signed commits and tags made by git and gpg,
// and Plumbline's own keyring: what is accepted, what is refused, and in which words.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositoryCache, type RepositoryCache } from '../../../engine/git/index.ts';
import { GpgKeyring } from '../../../engine/gpg/keyring.ts';
import { verifySignedObject } from '../../../engine/gpg/verifySignature.ts';
import { signatureVerdict } from '../../../engine/policy/signatureKeys.ts';
import type { AppProject } from '../../../engine/model/index.ts';
import { git, makeRemote, makeScratch, type Remote, type Scratch } from '../../support/gitFixtures.ts';
import {
  commitWithBorrowedSignature,
  makeSigners,
  signedGit,
  type Signers,
} from '../../support/gpgFixtures.ts';

let scratch: Scratch;
let signers: Signers;
let remote: Remote;
let cache: RepositoryCache;
let keyring: GpgKeyring;
const commits: Record<string, string> = {};

function project(...keyIDs: string[]): AppProject {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'AppProject',
    metadata: { name: 'signed' },
    spec: { signatureKeys: keyIDs.map((keyID) => ({ keyID })) },
  };
}

async function verdict(revision: string, keyIDs: string[]) {
  const sha = await cache.resolveRevision(remote.bare, revision);
  const signed = await cache.signedRevision(remote.bare, revision, sha);
  const check = await verifySignedObject(keyring, signed);
  return { check, signed, verdict: signatureVerdict(project(...keyIDs), check, signed.name) };
}

beforeAll(async () => {
  scratch = await makeScratch();
  signers = await makeSigners();
  remote = await makeRemote(scratch.root);
  const commit = async (name: string, key?: keyof Pick<Signers, 'alice' | 'bob' | 'expiring'>) => {
    await git(remote.work, 'commit', '--quiet', '--allow-empty', '-m', name);
    if (key)
      await signedGit(
        signers,
        signers[key],
        remote.work,
        'commit',
        '--quiet',
        '--amend',
        '--allow-empty',
        '-S',
        '--no-edit',
      );
    commits[name] = await git(remote.work, 'rev-parse', 'HEAD');
    await git(remote.work, 'branch', name);
  };
  await commit('unsigned');
  await commit('by-alice', 'alice');
  await commit('by-bob', 'bob');
  await commit('by-expiring', 'expiring');
  // a release tag signed by alice on an unsigned commit, a lightweight tag on the same commit
  await commit('tagged');
  await signedGit(signers, signers.alice, remote.work, 'tag', '-s', '-m', 'release', 'v1.0.0');
  await git(remote.work, 'tag', 'light');
  await git(remote.work, 'tag', '-a', '-m', 'unsigned release', 'v0.9.0', commits.unsigned!);
  // alice's signature copied onto another commit's content
  const content = await git(
    remote.work,
    'commit-tree',
    '-p',
    commits.tagged!,
    '-m',
    'forged',
    `${commits.tagged}^{tree}`,
  );
  commits.forged = await commitWithBorrowedSignature(remote.work, content, commits['by-alice']!);
  await git(remote.work, 'branch', 'forged', commits.forged);
  await remote.push('--all');
  await remote.push('--tags');
  cache = createRepositoryCache({ cacheDir: scratch.cacheDir });
  keyring = GpgKeyring.of(scratch.root);
  await keyring.add(Buffer.from(signers.alice.publicKey));
  await keyring.add(Buffer.from(signers.bob.publicKey));
  await keyring.add(Buffer.from(signers.expiring.publicKey));
}, 120_000);
afterAll(async () => {
  await signers?.remove();
  await scratch?.remove();
});

describe('signed revisions against the project keys', () => {
  it('accepts a commit signed by a project key, named by primary key ID, fingerprint or signing subkey', async () => {
    for (const id of [
      signers.alice.keyId,
      signers.alice.fingerprint,
      signers.alice.subkeyId!,
      signers.alice.keyId.toLowerCase(),
    ]) {
      const { check, verdict: result } = await verdict('by-alice', [id]);
      expect(check).toMatchObject({
        result: 'good',
        keyId: signers.alice.subkeyId,
        primaryKeyId: signers.alice.keyId,
      });
      expect(result).toEqual({ allowed: true });
    }
  });

  it('refuses an unsigned commit', async () => {
    const { verdict: result } = await verdict('unsigned', [signers.alice.keyId]);
    expect(result).toEqual({
      allowed: false,
      message: `Target revision ${commits.unsigned} in Git is not signed, but a signature is required`,
    });
  });

  it('refuses a good signature by a key the project does not list', async () => {
    const { verdict: result } = await verdict('by-bob', [signers.alice.keyId]);
    expect(result).toEqual({
      allowed: false,
      message: `Found good signature made with EdDSA key ${signers.bob.keyId}, but this key is not allowed in AppProject signed`,
    });
  });

  it('refuses a signature copied from another commit as a bad signature', async () => {
    const { check, verdict: result } = await verdict('forged', [signers.alice.keyId]);
    expect(check.result).toBe('bad');
    expect(result.allowed).toBe(false);
    expect(!result.allowed && result.message).toMatch(
      /^Found BAD signature made with .*key .* on revision [0-9a-f]{40}/,
    );
  });

  it('refuses a signature by a key that has expired', async () => {
    await signers.expiring.waitExpired();
    const { check, verdict: result } = await verdict('by-expiring', [signers.expiring.keyId]);
    expect(check.result).toBe('expired-key');
    expect(!result.allowed && result.message).toContain(
      "verification result was invalid: 'signed with expired key'",
    );
  });

  it('verifies an annotated tag by its own signature, a lightweight tag by its commit', async () => {
    const tag = await verdict('v1.0.0', [signers.alice.keyId]);
    expect(tag.signed).toMatchObject({ kind: 'tag', name: `tag v1.0.0 (${commits.tagged})` });
    expect(tag.verdict).toEqual({ allowed: true });
    const byConstraint = await verdict('^1.0', [signers.alice.keyId]);
    expect(byConstraint.signed.kind).toBe('tag');
    expect(byConstraint.verdict).toEqual({ allowed: true });
    const light = await verdict('light', [signers.alice.keyId]);
    expect(light.signed.kind).toBe('commit');
    expect(light.verdict.allowed).toBe(false);
    const unsignedTag = await verdict('v0.9.0', [signers.alice.keyId]);
    expect(unsignedTag.verdict).toEqual({
      allowed: false,
      message: `Target revision tag v0.9.0 (${commits.unsigned}) in Git is not signed, but a signature is required`,
    });
  });

  it('refuses a signature by a key removed from the keyring', async () => {
    expect(await keyring.remove(signers.bob.keyId)).toBe(true);
    expect(await keyring.remove(signers.bob.keyId)).toBe(false);
    const { check, verdict: result } = await verdict('by-bob', [signers.bob.keyId]);
    expect(check).toMatchObject({ result: 'missing-key', keyId: signers.bob.keyId });
    expect(!result.allowed && result.message).toBe(
      `Found signature made with EdDSA key ${signers.bob.keyId}, but verification result was invalid: 'the key is not in Plumbline's GnuPG keyring (plumbline gpg add)'`,
    );
    await keyring.add(Buffer.from(signers.bob.publicKey));
  });
});

describe('the keyring', () => {
  it('lists imported keys with owner, subkeys and state', async () => {
    const keys = await keyring.list();
    const alice = keys.find((key) => key.keyId === signers.alice.keyId);
    expect(alice).toMatchObject({
      fingerprint: signers.alice.fingerprint,
      owner: 'Alice <alice@example.test>',
      state: 'valid',
      subkeys: [expect.objectContaining({ keyId: signers.alice.subkeyId, capabilities: 's' })],
    });
    expect(keys.find((key) => key.keyId === signers.expiring.keyId)?.state).toBe('expired');
  });

  it('refuses a secret key, a file that is not a key, an empty and a huge file, importing nothing', async () => {
    const before = (await keyring.list()).length;
    await expect(keyring.add(Buffer.from(signers.alice.secretKey))).rejects.toThrow(/holds a secret key/);
    await expect(keyring.add(Buffer.from('not a key at all\n'))).rejects.toThrow(/no OpenPGP public key/);
    await expect(keyring.add(Buffer.alloc(0))).rejects.toThrow(/empty/);
    await expect(keyring.add(Buffer.alloc(300 * 1024, 'A'))).rejects.toThrow(/over the limit of 256 KiB/);
    await expect(keyring.remove('not-a-key-id')).rejects.toThrow(/not a GnuPG key ID/);
    expect((await keyring.list()).length).toBe(before);
  });
});

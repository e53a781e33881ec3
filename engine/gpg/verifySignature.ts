// Checks the signature of a commit or tag with gpg in Plumbline's keyring and says what it is,
// from gpg's status lines (not its human words): good, bad (the object does not match its
// signature — a signature taken from another commit), by a key not in the keyring, by an
// expired or revoked key, expired, or unsigned. Which keys may sign is the AppProject's
// question, answered by engine/policy/signatureKeys.ts.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runGpg } from './gpgRun.ts';
import type { GpgKeyring } from './keyring.ts';
import { commitSignature, tagSignature, type SignedPayload } from './signedPayload.ts';

export type SignatureResult =
  | 'good'
  | 'bad'
  | 'missing-key'
  | 'expired-key'
  | 'expired-signature'
  | 'revoked-key'
  | 'unsupported'
  | 'invalid';

export type SignatureCheck =
  | { result: 'unsigned' }
  | {
      result: SignatureResult;
      /** Long ID of the key that made the signature (a subkey, often). */
      keyId: string;
      /** Long ID of its primary key, when gpg knows the key. */
      primaryKeyId?: string;
      /** The signer's user ID, when gpg knows the key. */
      signer?: string;
      /** `RSA`, `EdDSA`... as Argo CD names the cipher in its messages. */
      algorithm: string;
      /** gpg's failure, for `invalid`. */
      detail?: string;
    };

export interface SignedObject {
  kind: 'commit' | 'tag';
  /** The raw object, `git cat-file <kind>`. */
  raw: Buffer;
}

// OpenPGP public-key algorithm numbers (RFC 4880, 6637, 9580).
const ALGORITHMS: Record<string, string> = {
  '1': 'RSA',
  '3': 'RSA',
  '17': 'DSA',
  '18': 'ECDH',
  '19': 'ECDSA',
  '22': 'EdDSA',
  '27': 'Ed25519',
  '28': 'Ed448',
};

const algorithmName = (number: string | undefined) =>
  ALGORITHMS[number ?? ''] ?? `algorithm ${number ?? '?'}`;
const longId = (id: string | undefined) => (id ?? '').slice(-16).toUpperCase();

export async function verifySignedObject(keyring: GpgKeyring, object: SignedObject): Promise<SignatureCheck> {
  const signed = object.kind === 'commit' ? commitSignature(object.raw) : tagSignature(object.raw);
  if (!signed) return { result: 'unsigned' };
  if (signed.format !== 'openpgp')
    return {
      result: 'unsupported',
      keyId: '',
      algorithm: signed.format,
      detail: `an ${signed.format} signature`,
    };
  await keyring.ready();
  return parseVerification(await gpgVerify(keyring.home, signed));
}

async function gpgVerify(home: string, signed: SignedPayload) {
  const scratch = await mkdtemp(join(home, '.verify-'));
  try {
    const signature = join(scratch, 'signature.asc');
    const payload = join(scratch, 'payload');
    await writeFile(signature, signed.signature);
    await writeFile(payload, signed.payload);
    return await runGpg(home, ['--verify'], [signature, payload]);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** What gpg's status lines say of the first signature. */
export function parseVerification(run: { status: string[]; failure: string }): SignatureCheck {
  let check: Exclude<SignatureCheck, { result: 'unsigned' }> | undefined;
  let signatures = 0;
  for (const line of run.status) {
    const [keyword = '', ...fields] = line.split(' ');
    if (keyword === 'NEWSIG') signatures += 1;
    // one signature is judged: a second one (rare in git) does not change the first's outcome
    if (signatures > 1) break;
    const outcome = (
      {
        GOODSIG: 'good',
        BADSIG: 'bad',
        EXPKEYSIG: 'expired-key',
        EXPSIG: 'expired-signature',
        REVKEYSIG: 'revoked-key',
      } as Record<string, SignatureResult>
    )[keyword];
    if (outcome) {
      check = {
        ...check,
        result: outcome,
        keyId: longId(fields[0]),
        signer: fields.slice(1).join(' '),
        algorithm: check?.algorithm ?? '',
      };
    } else if (keyword === 'VALIDSIG' && check) {
      check.keyId = longId(fields[0]);
      check.primaryKeyId = longId(fields[9] ?? fields[0]);
      check.algorithm = algorithmName(fields[6]);
    } else if (keyword === 'ERRSIG' && !check) {
      const missing = fields[5] === '9';
      check = {
        result: missing ? 'missing-key' : 'invalid',
        keyId: longId(fields[0]),
        algorithm: algorithmName(fields[1]),
        ...(missing ? {} : { detail: `gpg could not check the signature (code ${fields[5] ?? '?'})` }),
      };
    }
  }
  return (
    check ?? {
      result: 'invalid',
      keyId: '',
      algorithm: '',
      detail: run.failure.split('\n')[0]?.replace(/^gpg: /, '') || 'gpg gave no verdict',
    }
  );
}

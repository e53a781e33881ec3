// The GnuPG keys area of the contract: the public keys whose signatures an AppProject's
// `signatureKeys` may require, kept in Plumbline's own keyring (engine/gpg). Public keys are not
// secrets; a file holding a secret key is refused.
import { z } from 'zod';

const keyState = z.enum(['valid', 'expired', 'revoked']);

export const gpgKeySchema = z.object({
  /** Long key ID (16 hex digits): what `signatureKeys[].keyID` names. */
  keyId: z.string(),
  fingerprint: z.string(),
  owner: z.string(),
  algorithm: z.string(),
  created: z.string(),
  expires: z.string().nullable(),
  state: keyState,
  subkeys: z.array(
    z.object({
      keyId: z.string(),
      fingerprint: z.string(),
      capabilities: z.string(),
      expires: z.string().nullable(),
      state: keyState,
    }),
  ),
});
export type GpgKeyInfo = z.infer<typeof gpgKeySchema>;

// A little over the keyring's own limit (256 KiB), so the keyring says why it refuses.
const MAX_KEY_TEXT = 512 * 1024;

export const gpgKeyCalls = {
  'gpg.list': { input: z.object({}).strict(), output: z.object({ keys: z.array(gpgKeySchema) }) },
  'gpg.add': {
    input: z
      .object({
        /** The key file: ASCII-armored text, or the binary file in base64. */
        keyData: z.string().min(1).max(MAX_KEY_TEXT),
        encoding: z.enum(['armored', 'base64']).optional(),
      })
      .strict(),
    /** The keys the file added (or updated). */
    output: z.object({ keys: z.array(gpgKeySchema) }),
  },
  'gpg.remove': {
    input: z.object({ keyId: z.string().min(1).max(64) }).strict(),
    output: z.object({ removed: z.boolean() }),
  },
} as const;

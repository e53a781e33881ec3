// GnuPG key IDs as Argo CD accepts them in an AppProject's `signatureKeys`: the long key ID
// (16 hex digits) or the fingerprint (40), in any case; both name the key by its long ID.

const LONG_KEY_ID = /^[0-9a-f]{16}$/i;
const FINGERPRINT = /^[0-9a-f]{40}$/i;

/** The long key ID (upper case) of a key ID or fingerprint; null when the text is neither. */
export function longKeyId(text: string): string | null {
  const trimmed = text.trim();
  if (FINGERPRINT.test(trimmed)) return trimmed.slice(24).toUpperCase();
  if (LONG_KEY_ID.test(trimmed)) return trimmed.toUpperCase();
  return null;
}

// Reads gpg's machine-readable key listing (`--with-colons`) into the keys Plumbline shows: the
// primary key with its long ID, fingerprint, owner, dates and state, and its subkeys.

export type KeyState = 'valid' | 'expired' | 'revoked';

export interface GpgSubkey {
  keyId: string;
  fingerprint: string;
  /** `s` sign, `e` encrypt, `a` authenticate, `c` certify. */
  capabilities: string;
  expires: string | null;
  state: KeyState;
}

export interface GpgKey {
  keyId: string;
  fingerprint: string;
  /** The first user ID (`Name <email>`). */
  owner: string;
  /** gpg's algorithm name (`rsa4096`, `ed25519`) or number. */
  algorithm: string;
  created: string;
  expires: string | null;
  state: KeyState;
  subkeys: GpgSubkey[];
}

function date(epoch: string | undefined): string | null {
  const seconds = Number(epoch);
  return epoch && Number.isFinite(seconds) && seconds > 0 ? new Date(seconds * 1000).toISOString() : null;
}

function state(validity: string | undefined): KeyState {
  if (validity === 'r') return 'revoked';
  if (validity === 'e') return 'expired';
  return 'valid';
}

// gpg escapes `:` and control characters in user IDs as `\xNN`.
function unescape(text: string): string {
  return text.replace(/\\x([0-9a-f]{2})/gi, (_whole, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** The public keys of a `gpg --with-colons --list-keys` (or `--show-keys`) listing. */
export function parseKeyListing(listing: string): GpgKey[] {
  const keys: GpgKey[] = [];
  let current: GpgKey | undefined;
  let last: { fingerprint: string } | undefined;
  for (const line of listing.split('\n')) {
    const fields = line.split(':');
    const type = fields[0];
    if (type === 'pub') {
      current = {
        keyId: (fields[4] ?? '').toUpperCase(),
        fingerprint: '',
        owner: '',
        algorithm: fields[16] || fields[3] || '',
        created: date(fields[5]) ?? '',
        expires: date(fields[6]),
        state: state(fields[1]),
        subkeys: [],
      };
      keys.push(current);
      last = current;
    } else if (type === 'sub' && current) {
      const subkey: GpgSubkey = {
        keyId: (fields[4] ?? '').toUpperCase(),
        fingerprint: '',
        capabilities: fields[11] ?? '',
        expires: date(fields[6]),
        state: state(fields[1]),
      };
      current.subkeys.push(subkey);
      last = subkey;
    } else if (type === 'fpr' && last && !last.fingerprint) {
      last.fingerprint = (fields[9] ?? '').toUpperCase();
    } else if (type === 'uid' && current && !current.owner) {
      current.owner = unescape(fields[9] ?? '');
    } else if (type === 'sec' || type === 'ssb') {
      // a secret key in a listing of public keys: the caller refuses it (see hasSecretKey)
      current = undefined;
      last = undefined;
    }
  }
  return keys;
}

/** Whether a `--show-keys` listing holds secret key material. */
export function hasSecretKey(listing: string): boolean {
  return listing.split('\n').some((line) => line.startsWith('sec:') || line.startsWith('ssb:'));
}

// Splits a raw git object into what was signed and the signature, as git does before it asks gpg:
// a commit's signature is its `gpgsig` header (continuation lines start with a space), the
// payload the commit without it; a tag's signature is the armored block at the end of its message.

export interface SignedPayload {
  payload: Buffer;
  signature: string;
  /** `openpgp`, or what else signed it (`ssh`, `x509`): only OpenPGP signatures are checked. */
  format: 'openpgp' | 'ssh' | 'x509';
}

const SIGNATURE_STARTS: Array<[string, SignedPayload['format']]> = [
  ['-----BEGIN PGP SIGNATURE-----', 'openpgp'],
  ['-----BEGIN PGP MESSAGE-----', 'openpgp'],
  ['-----BEGIN SSH SIGNATURE-----', 'ssh'],
  ['-----BEGIN SIGNED MESSAGE-----', 'x509'],
];

function formatOf(line: string): SignedPayload['format'] | null {
  return SIGNATURE_STARTS.find(([start]) => line.startsWith(start))?.[1] ?? null;
}

/** The signed part of a raw commit object (`git cat-file commit`); null when it is not signed. */
export function commitSignature(raw: Buffer): SignedPayload | null {
  const headerEnd = raw.indexOf('\n\n');
  const header = raw.subarray(0, headerEnd < 0 ? raw.length : headerEnd + 1);
  const kept: Buffer[] = [];
  const signature: string[] = [];
  let inSignature = false;
  let start = 0;
  while (start < header.length) {
    const end = header.indexOf('\n', start);
    const stop = end < 0 ? header.length : end + 1;
    const line = header.subarray(start, stop);
    const text = line.toString('utf8');
    if (text.startsWith('gpgsig ') && signature.length === 0) {
      inSignature = true;
      signature.push(text.slice('gpgsig '.length));
    } else if (inSignature && text.startsWith(' ')) {
      signature.push(text.slice(1));
    } else {
      inSignature = false;
      kept.push(line);
    }
    start = stop;
  }
  if (signature.length === 0) return null;
  const text = signature.join('');
  const format = formatOf(text);
  if (!format) return null;
  return { payload: Buffer.concat([...kept, raw.subarray(header.length)]), signature: text, format };
}

/** The signed part of a raw annotated tag object (`git cat-file tag`); null when it is not signed. */
export function tagSignature(raw: Buffer): SignedPayload | null {
  // the last line that starts a signature, as git's parse_signed_buffer finds it
  let found: { at: number; format: SignedPayload['format'] } | null = null;
  let start = 0;
  while (start < raw.length) {
    const end = raw.indexOf('\n', start);
    const stop = end < 0 ? raw.length : end + 1;
    const format = formatOf(raw.subarray(start, Math.min(stop, start + 40)).toString('utf8'));
    if (format) found = { at: start, format };
    start = stop;
  }
  if (!found) return null;
  return {
    payload: raw.subarray(0, found.at),
    signature: raw.subarray(found.at).toString('utf8'),
    format: found.format,
  };
}

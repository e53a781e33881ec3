// The encodings in which a tool may print a secret: as written, percent-encoded (a URL),
// JSON-escaped (a key in a JSON answer), line by line (a key quoted by a parse error) and base64
// (an `Authorization: Basic` header echoed by a git server, a token inside a Secret's data).
// Free of Node, like the scrubber that uses it.

// A key's header and footer lines are not secret; shorter lines would only garble the text.
const MIN_LINE_LENGTH = 16;
// Eight base64 characters are 48 bits of the secret: ordinary base64 data does not match by chance.
const MIN_BASE64_CORE = 8;

export function secretForms(secret: string): string[] {
  if (secret === '') return [];
  const forms = new Set<string>([secret]);
  const percent = encodeURIComponent(secret);
  forms.add(percent);
  forms.add(percent.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase()));
  forms.add(JSON.stringify(secret).slice(1, -1));
  for (const line of secret.split(/\r?\n/)) if (line.trim().length >= MIN_LINE_LENGTH) forms.add(line.trim());
  for (const form of base64Forms(secret)) forms.add(form);
  return [...forms];
}

/**
 * The secret in base64 wherever it sits in the encoded bytes: encoded alone (with its padding),
 * and for each of the three alignments the characters that depend on the secret alone, so
 * `user:secret` (Basic auth) or a token inside a larger document is found too. Both alphabets.
 */
function base64Forms(secret: string): string[] {
  const bytes = new TextEncoder().encode(secret);
  const forms = [toBase64(bytes)];
  for (let offset = 0; offset < 3; offset++) {
    const padded = new Uint8Array(offset + bytes.length);
    padded.set(bytes, offset);
    const firstGroup = offset === 0 ? 0 : 1;
    const endGroup = Math.floor(padded.length / 3);
    const core = toBase64(padded).slice(firstGroup * 4, endGroup * 4);
    if (core.length >= MIN_BASE64_CORE) forms.push(core);
  }
  return forms.flatMap((form) => [form, form.replace(/\+/g, '-').replace(/\//g, '_')]);
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

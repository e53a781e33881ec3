// Where a planted credential may leak to, and in which spellings a tool may print it: the search
// the secret scan runs over files, outputs, answers and events, shared with end-to-end tests that
// check their own credentials stayed out of the data and cache folders.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** One planted credential: the secret, and the user it goes with (for `user:secret` encodings). */
export interface Planted {
  what: string;
  secret: string;
  user?: string;
}

/**
 * Every way a tool may print a secret: as is, percent-encoded (either case of hex), JSON-escaped,
 * base64 in both alphabets — alone, as `user:secret` (HTTP basic auth), and at each of the three
 * byte alignments inside any larger base64 text.
 */
export function encodings({ secret, user }: Planted): string[] {
  const forms = new Set([secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)]);
  forms.add(encodeURIComponent(secret).replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase()));
  const base64 = (bytes: Buffer) => [bytes.toString('base64'), bytes.toString('base64url')];
  for (const form of base64(Buffer.from(secret))) forms.add(form);
  if (user) for (const form of base64(Buffer.from(`${user}:${secret}`))) forms.add(form);
  for (let offset = 1; offset < 3; offset++) {
    const bytes = Buffer.concat([Buffer.alloc(offset), Buffer.from(secret)]);
    const end = Math.floor(bytes.length / 3) * 4;
    for (const form of base64(bytes)) forms.add(form.slice(4, end));
  }
  return [...forms].filter((form) => form.length >= 8);
}

/** Every file below `dir` as [path, content read byte for byte] (one removed meanwhile is left out). */
export function filesUnder(dir: string): Array<[string, string]> {
  const files: Array<[string, string]> = [];
  for (const name of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const path = join(dir, name);
    try {
      if (statSync(path).isFile()) files.push([path, readFileSync(path, 'latin1')]);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  return files;
}

/** Each credential found in a place: which, in which encoding, where. */
export function leaksIn(places: ReadonlyArray<[string, string]>, planted: readonly Planted[]): string[] {
  const leaks: string[] = [];
  for (const [where, text] of places)
    for (const credential of planted)
      for (const form of encodings(credential))
        if (text.includes(form)) leaks.push(`${credential.what} as ${form} in ${where}`);
  return leaks;
}

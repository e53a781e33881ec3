// ssh known hosts lines as the user gives them (ssh-keyscan's output, Argo CD's ssh_known_hosts
// ConfigMap): `hosts keytype base64key [comment]`. Lines that are not that shape are refused,
// so nothing but host keys (no `@cert-authority` options, no stray text) reaches ssh's file.
import { createHash } from 'node:crypto';

export interface KnownHost {
  /** The line as written to the file (without the comment). */
  line: string;
  hosts: string;
  keyType: string;
  /** `SHA256:...`, as ssh-keygen -l prints it. */
  fingerprint: string;
}

const KEY_TYPES =
  /^(ssh-(rsa|ed25519|dss)|ecdsa-sha2-nistp(256|384|521)|sk-(ssh-ed25519|ecdsa-sha2-nistp256)@openssh\.com)$/;
const HOSTS =
  /^(\[[a-z0-9.:-]+\](:\d{1,5})?|[a-z0-9.:-]+|\|1\|[A-Za-z0-9+/=]+\|[A-Za-z0-9+/=]+)(,(\[[a-z0-9.:-]+\](:\d{1,5})?|[a-z0-9.:-]+))*$/i;

/** Every host key line of a text; throws naming the first line that is not one (comments and blanks pass). */
export function parseKnownHosts(text: string): KnownHost[] {
  const found: KnownHost[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const [hosts = '', keyType = '', key = ''] = line.split(/\s+/);
    if (!HOSTS.test(hosts) || !KEY_TYPES.test(keyType) || !/^[A-Za-z0-9+/]+=*$/.test(key))
      throw new Error(`known hosts line ${index + 1}: not "<hosts> <key type> <base64 key>"`);
    const fingerprint = `SHA256:${createHash('sha256').update(Buffer.from(key, 'base64')).digest('base64').replace(/=+$/, '')}`;
    found.push({ line: `${hosts} ${keyType} ${key}`, hosts, keyType, fingerprint });
  });
  return found;
}

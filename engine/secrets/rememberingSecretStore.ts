// A SecretStore that tells the scrubber every credential passing through it (read for an
// operation, or stored by the registration wizard), so no tool output, error or answer can
// carry one afterwards. Entries are JSON objects (repository and cluster credentials); every
// string in them is a secret except the few fields that only name or describe something.
import { rememberSecret } from '../git/scrub.ts';
import type { SecretStore } from './secretStore.ts';

// Fields that are not secret: remembering them would scrub ordinary words (a user name, `kubectl`).
const PUBLIC_FIELDS = new Set([
  'username',
  'apiVersion',
  'command',
  'installHint',
  'name',
  'args',
  'clientCertificateData',
  // repository credentials (repoCredentials.ts): IDs, URLs and a certificate, not secrets
  'githubAppId',
  'githubAppInstallationId',
  'githubAppEnterpriseBaseUrl',
  'tlsClientCertData',
  'templateUrls',
]);
// An exec plugin's environment mixes secrets with settings (`AWS_PROFILE=default`): only values
// long enough to be a key or token are taken for secrets.
const MIN_ENV_SECRET = 16;

export function rememberingSecretStore(store: SecretStore): SecretStore {
  return {
    async get(account) {
      const secret = await store.get(account);
      if (secret !== null) rememberEntry(secret);
      return secret;
    },
    async set(account, secret) {
      rememberEntry(secret);
      await store.set(account, secret);
    },
    delete: (account) => store.delete(account),
  };
}

function rememberEntry(text: string): void {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    rememberSecret(text);
    return;
  }
  rememberStrings(value, undefined);
}

function rememberStrings(value: unknown, field: string | undefined): void {
  if (field !== undefined && PUBLIC_FIELDS.has(field)) return;
  if (typeof value === 'string') {
    if (field === 'value' && value.length < MIN_ENV_SECRET) return;
    rememberSecret(value);
    // `clientKeyData`: a base64 PEM, whose decoded lines a parse error may quote.
    if (field?.endsWith('Data')) rememberSecret(Buffer.from(value, 'base64').toString('utf8'));
    return;
  }
  if (Array.isArray(value)) for (const item of value) rememberStrings(item, field);
  else if (value !== null && typeof value === 'object')
    for (const [key, item] of Object.entries(value)) rememberStrings(item, key);
}

// Credentials of repositories in the SecretStore, as Argo CD's `repository` and `repo-creds`
// Secrets hold them. One repository: account `repo:<normalized url>`. A credential template
// (repo-creds), used by every repository whose URL starts with its URL: account
// `repo-creds:<normalized url>`, and the list of template URLs in `repo-creds:templates` (the
// store can not list its accounts). Values are JSON objects. Normalizing the URL makes
// `https://host/org/app.git` and `https://HOST/org/app/` share one entry.
import { z } from 'zod';
import { normalizeRepoUrl } from '../git/repoUrl.ts';
import type { SecretStore } from './secretStore.ts';

export const repoCredentialsSchema = z.object({
  username: z.string().min(1).optional(),
  /** Password or access token (https). */
  password: z.string().min(1).optional(),
  /** PEM/OpenSSH private key (ssh). Keys with a passphrase are not supported: git runs unattended. */
  sshPrivateKey: z.string().min(1).optional(),
  /** GitHub App: the app's ID, the installation's ID and the app's PEM private key. */
  githubAppId: z
    .string()
    .regex(/^\d{1,20}$/)
    .optional(),
  githubAppInstallationId: z
    .string()
    .regex(/^\d{1,20}$/)
    .optional(),
  githubAppPrivateKey: z.string().min(1).optional(),
  /** GitHub Enterprise API base URL (`https://ghe.example.com/api/v3`); github.com's API otherwise. */
  githubAppEnterpriseBaseUrl: z.string().url().optional(),
  /** TLS client certificate (PEM) and its key (PEM), for Helm repositories and git over https. */
  tlsClientCertData: z.string().min(1).optional(),
  tlsClientCertKey: z.string().min(1).optional(),
});
export type RepoCredentials = z.infer<typeof repoCredentialsSchema>;

export interface RepoCredentialsEntry {
  /** The SecretStore account: `repo:<normalized url>`. */
  readonly account: string;
  get(): Promise<RepoCredentials | null>;
  set(credentials: RepoCredentials): Promise<void>;
  delete(): Promise<boolean>;
}

const TEMPLATE_LIST_ACCOUNT = 'repo-creds:templates';
const CREDENTIAL_FIELDS = [
  'username',
  'password',
  'sshPrivateKey',
  'githubAppPrivateKey',
  'tlsClientCertData',
  'tlsClientCertKey',
] as const;

/**
 * The form of a URL credentials are filed and matched under: git URLs as the repository cache
 * normalizes them; other URLs (`oci://`, a registry written without scheme) lower-cased with
 * no credentials and no trailing `/` or `.git`.
 */
export function credentialUrlKey(url: string): string {
  try {
    return normalizeRepoUrl(url);
  } catch {
    return genericUrlKey(url);
  }
}

export function repoCredentialsAccount(url: string): string {
  return `repo:${credentialUrlKey(url)}`;
}

export function repoCredsTemplateAccount(urlPrefix: string): string {
  return `repo-creds:${credentialUrlKey(urlPrefix)}`;
}

/** The credentials entry of one repository URL. */
export function repoCredentials(store: SecretStore, url: string): RepoCredentialsEntry {
  return credentialsEntry(store, repoCredentialsAccount(url));
}

/**
 * The credential template (Argo CD's repo-creds) of a URL prefix. Setting it files the prefix
 * in the template list; deleting it takes it out.
 */
export function repoCredsTemplate(store: SecretStore, urlPrefix: string): RepoCredentialsEntry {
  const key = credentialUrlKey(urlPrefix);
  const entry = credentialsEntry(store, `repo-creds:${key}`);
  return {
    account: entry.account,
    get: entry.get,
    async set(credentials) {
      await entry.set(credentials);
      const keys = await templateKeys(store);
      if (!keys.includes(key)) await writeTemplateKeys(store, [...keys, key]);
    },
    async delete() {
      const keys = await templateKeys(store);
      if (keys.includes(key))
        await writeTemplateKeys(
          store,
          keys.filter((k) => k !== key),
        );
      return entry.delete();
    },
  };
}

/** The URL prefixes of the stored credential templates. */
export async function templateKeys(store: SecretStore): Promise<string[]> {
  const stored = await store.get(TEMPLATE_LIST_ACCOUNT);
  if (stored === null) return [];
  try {
    const list: unknown = (JSON.parse(stored) as { templateUrls?: unknown }).templateUrls;
    return Array.isArray(list) ? list.filter((item): item is string => typeof item === 'string') : [];
  } catch {
    return [];
  }
}

// An object, not a bare array: the remembering store takes every string of an entry for a
// secret except those under public field names, and URLs are not secrets.
async function writeTemplateKeys(store: SecretStore, keys: readonly string[]): Promise<void> {
  await store.set(TEMPLATE_LIST_ACCOUNT, JSON.stringify({ templateUrls: keys }));
}

/**
 * The credentials a repository is used with, as Argo CD finds them: the repository's own entry
 * when it holds any credential; otherwise the template whose URL is the longest prefix of the
 * repository's URL (compared lower-cased, as Argo CD does), its fields under the repository's
 * own non-credential ones. Null when neither exists.
 */
export async function findRepoCredentials(store: SecretStore, url: string): Promise<RepoCredentials | null> {
  const own = await repoCredentials(store, url).get();
  if (own && hasCredentials(own)) return own;
  const template = longestPrefix(await templateKeys(store), credentialUrlKey(url));
  const inherited = template ? await credentialsEntry(store, `repo-creds:${template}`).get() : null;
  if (!inherited) return own;
  return { ...inherited, ...own };
}

/** The template URL among `keys` that is the longest prefix of `urlKey`, as Argo CD's getRepositoryCredentialIndex picks it. */
export function longestPrefix(keys: readonly string[], urlKey: string): string | null {
  const target = urlKey.toLowerCase();
  let best: string | null = null;
  for (const key of keys) {
    if (target.startsWith(key.toLowerCase()) && (best === null || key.length > best.length)) best = key;
  }
  return best;
}

function hasCredentials(credentials: RepoCredentials): boolean {
  return (
    CREDENTIAL_FIELDS.some((field) => credentials[field] !== undefined) ||
    credentials.githubAppId !== undefined
  );
}

function genericUrlKey(url: string): string {
  let text = url.trim().toLowerCase();
  try {
    const parsed = new URL(text);
    parsed.username = '';
    parsed.password = '';
    text = parsed.href;
  } catch {
    // a registry written without scheme (`ghcr.io/org/charts`): compared as written
    text = text.replace(/^[^/@]*@/, '');
  }
  return text
    .replace(/\/+$/, '')
    .replace(/\.git$/, '')
    .replace(/\/+$/, '');
}

function credentialsEntry(store: SecretStore, account: string): RepoCredentialsEntry {
  return {
    account,
    async get() {
      const stored = await store.get(account);
      if (stored === null) return null;
      return parseStored(account, stored);
    },
    async set(credentials) {
      await store.set(account, JSON.stringify(repoCredentialsSchema.parse(credentials)));
    },
    delete: () => store.delete(account),
  };
}

// The stored text is a secret: a parse error must name the account and the problem, never
// quote the value.
function parseStored(account: string, stored: string): RepoCredentials {
  let json: unknown;
  try {
    json = JSON.parse(stored);
  } catch {
    throw new Error(`secret store entry ${account}: not valid JSON`);
  }
  const parsed = repoCredentialsSchema.safeParse(json);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((issue) => issue.path.join('.') || '(root)').join(', ');
    throw new Error(`secret store entry ${account}: unexpected shape at ${fields}`);
  }
  return parsed.data;
}

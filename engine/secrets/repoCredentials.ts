// Credentials of a git repository in the SecretStore: account `repo:<normalized url>`, value a
// JSON object. Normalizing the URL makes `https://host/org/app.git` and `https://HOST/org/app/`
// share one entry, as Argo CD's repository credentials do.
import { z } from 'zod';
import { normalizeRepoUrl } from '../git/repoUrl.ts';
import type { SecretStore } from './secretStore.ts';

export const repoCredentialsSchema = z.object({
  username: z.string().min(1).optional(),
  /** Password or access token (https). */
  password: z.string().min(1).optional(),
  /** PEM/OpenSSH private key (ssh). Keys with a passphrase are not supported: git runs unattended. */
  sshPrivateKey: z.string().min(1).optional(),
});
export type RepoCredentials = z.infer<typeof repoCredentialsSchema>;

export interface RepoCredentialsEntry {
  /** The SecretStore account: `repo:<normalized url>`. */
  readonly account: string;
  get(): Promise<RepoCredentials | null>;
  set(credentials: RepoCredentials): Promise<void>;
  delete(): Promise<boolean>;
}

export function repoCredentialsAccount(url: string): string {
  return `repo:${normalizeRepoUrl(url)}`;
}

/** The credentials entry of one repository URL. */
export function repoCredentials(store: SecretStore, url: string): RepoCredentialsEntry {
  const account = repoCredentialsAccount(url);
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

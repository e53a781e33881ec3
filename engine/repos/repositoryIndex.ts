// The repositories index: what the user configured about each repository and credential
// template, without a secret — URL, type, name, project, user name, which kinds of credential
// the keychain holds, `insecure`, proxy — and the CA certificates trusted per host (Argo CD's
// argocd-tls-certs-cm). One JSON file in the data folder (`repositories.json`), written
// atomically. The secrets themselves are in the keychain (secrets/repoCredentials.ts); the
// keychain can not list its entries, so this file is what the Repositories list shows.
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../workspace/atomic-write.ts';
import { DEFAULT_KNOWN_HOSTS } from './defaultKnownHosts.ts';
import { repoEntrySchema, type RepoEntry } from './repoEntry.ts';

export const tlsCertificateSchema = z.object({
  /** Host name (and `:port` when not 443) the certificates are trusted for. */
  host: z.string(),
  /** PEM certificates. */
  pem: z.string(),
});
export type TlsCertificate = z.infer<typeof tlsCertificateSchema>;

const indexSchema = z.object({
  repositories: z.array(repoEntrySchema).default([]),
  tlsCertificates: z.array(tlsCertificateSchema).default([]),
});
export type RepositoryIndexContent = z.infer<typeof indexSchema>;

export class RepositoryIndex {
  readonly path: string;
  /** The user-managed known_hosts of ssh repositories (Argo CD's ssh_known_hosts). */
  readonly knownHostsPath: string;
  // Writes one after another, so two changes at once never lose one of them.
  private writing: Promise<unknown> = Promise.resolve();

  constructor(dataDir: string) {
    this.path = join(dataDir, 'repositories.json');
    this.knownHostsPath = join(dataDir, 'ssh_known_hosts');
  }

  async read(): Promise<RepositoryIndexContent> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT')
        return { repositories: [], tlsCertificates: [] };
      throw error;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new Error(`${this.path}: not valid JSON`);
    }
    const parsed = indexSchema.safeParse(json);
    if (!parsed.success)
      throw new Error(`${this.path}: ${parsed.error.issues[0]?.message ?? 'unexpected shape'}`);
    return parsed.data;
  }

  /** Applies `change` to the index and writes it; returns what `change` returns. */
  update<T>(change: (content: RepositoryIndexContent) => T): Promise<T> {
    const next = this.writing.then(async () => {
      const content = await this.read();
      const result = change(content);
      await writeFileAtomic(this.path, `${JSON.stringify(content, null, 2)}\n`);
      return result;
    });
    this.writing = next.catch(() => undefined);
    return next;
  }

  /** The known hosts; Argo CD's defaults until the user's file exists. */
  async readKnownHosts(): Promise<string> {
    try {
      return await readFile(this.knownHostsPath, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return `${DEFAULT_KNOWN_HOSTS}\n`;
      throw error;
    }
  }

  /** The known hosts file ssh is given, written from the defaults the first time. */
  async knownHostsFile(): Promise<string> {
    const seed = async () => {
      const present = await stat(this.knownHostsPath).then(
        () => true,
        () => false,
      );
      if (!present) await writeFileAtomic(this.knownHostsPath, `${DEFAULT_KNOWN_HOSTS}\n`);
    };
    const seeded = this.writing.then(seed);
    this.writing = seeded.catch(() => undefined);
    await seeded;
    return this.knownHostsPath;
  }

  async writeKnownHosts(text: string): Promise<void> {
    await (this.writing = this.writing.then(() => writeFileAtomic(this.knownHostsPath, text)));
  }
}

/** The entry that configures `key`: the repository's own, else the template with the longest prefix of it. */
export function entryFor(entries: readonly RepoEntry[], key: string): RepoEntry | undefined {
  const own = entries.find((entry) => entry.kind === 'repository' && entry.key === key);
  if (own) return own;
  const lower = key.toLowerCase();
  return entries
    .filter((entry) => entry.kind === 'template' && lower.startsWith(entry.key.toLowerCase()))
    .sort((a, b) => b.key.length - a.key.length)[0];
}

// The repositories the user configured: add (credentials to the keychain, the rest to the
// index), list, remove, test, import Argo CD's repository Secrets; known hosts and trusted CA
// certificates. Every change is announced (`repos.changed`) and the applications reading from
// the changed URLs are refreshed, so a credential that was missing takes effect at once.
import { parseRepoUrl } from '../git/repoUrl.ts';
import { hasControlCharacters } from '../git/refs.ts';
import type { RepositoryCache } from '../git/repositoryCache.ts';
import {
  credentialUrlKey,
  repoCredentials,
  repoCredentialsSchema,
  repoCredsTemplate,
  type RepoCredentials,
} from '../secrets/repoCredentials.ts';
import type { SecretStore } from '../secrets/secretStore.ts';
import type { ImportedSecret, ParsedArgoSecrets, RepoDefinition, SkippedSecret } from './argoSecrets.ts';
import { parseKnownHosts } from './knownHosts.ts';
import type { RepoConnections } from './repoConnections.ts';
import { testRepository, type RepoTestResult } from './repoTest.ts';
import type { RepoEntry } from './repoEntry.ts';
import type { RepositoryIndex, RepositoryIndexContent } from './repositoryIndex.ts';

export interface RepositoriesOptions {
  index: RepositoryIndex;
  secrets: SecretStore;
  connections: RepoConnections;
  git: RepositoryCache;
  /** The list changed: the whole new view. */
  changed(view: RepositoriesView): void;
  /** Credentials or settings of URLs matching `key` (a repository, or a template's prefix) changed. */
  credentialsChanged(matches: (repoUrl: string) => boolean): void;
}

export interface RepositoriesView {
  repositories: RepoEntry[];
  tlsCertificates: Array<{ host: string; certificates: number }>;
  knownHosts: Array<{ hosts: string; keyType: string; fingerprint: string }>;
}

const MAX_URL = 2048;

export class Repositories {
  constructor(private readonly options: RepositoriesOptions) {}

  async list(): Promise<RepositoriesView> {
    const content = await this.options.index.read();
    return viewOf(content, await this.options.index.readKnownHosts());
  }

  /** Adds (or with `upsert`, replaces) a repository or template. */
  async add(
    definition: RepoDefinition,
    options: { upsert?: boolean; importedFrom?: string } = {},
  ): Promise<RepoEntry> {
    const entry = await this.store(definition, options);
    await this.announce(entry);
    return entry;
  }

  async remove(url: string, kind: RepoEntry['kind']): Promise<boolean> {
    const key = keyOf(url);
    const removed = await this.options.index.update((content) => {
      const before = content.repositories.length;
      content.repositories = content.repositories.filter((item) => !(item.key === key && item.kind === kind));
      return content.repositories.length < before;
    });
    const entry =
      kind === 'template'
        ? repoCredsTemplate(this.options.secrets, url)
        : repoCredentials(this.options.secrets, url);
    const hadSecret = await entry.delete();
    if (removed || hadSecret) await this.announce({ key, kind });
    return removed || hadSecret;
  }

  async test(url: string): Promise<RepoTestResult> {
    const key = keyOf(url);
    const content = await this.options.index.read();
    const entry = content.repositories.find((item) => item.key === key && item.kind === 'repository');
    const type = entry?.type ?? 'git';
    return testRepository(url, type, () => this.options.connections.connectionFor(url), this.options.git);
  }

  /** Adds every repository of parsed Argo CD Secrets (replacing those already there). */
  async importSecrets(
    parsed: ParsedArgoSecrets,
    importedFrom: string,
  ): Promise<{
    imported: Array<{ secret: string; url: string; kind: RepoEntry['kind'] }>;
    skipped: SkippedSecret[];
  }> {
    const imported: Array<{ secret: string; url: string; kind: RepoEntry['kind'] }> = [];
    const skipped = [...parsed.skipped];
    for (const { secret, definition } of parsed.repositories as ImportedSecret[]) {
      try {
        const entry = await this.store(definition, { upsert: true, importedFrom });
        imported.push({ secret, url: entry.url, kind: entry.kind });
      } catch (error) {
        skipped.push({ secret, reason: (error as Error).message });
      }
    }
    if (imported.length > 0) {
      this.options.credentialsChanged(() => true);
      this.options.changed(await this.list());
    }
    return { imported, skipped };
  }

  /** Adds ssh known hosts lines (ssh-keyscan's output, Argo CD's ssh_known_hosts); returns how many are new. */
  async addKnownHosts(text: string): Promise<number> {
    const lines = parseKnownHosts(text).map((entry) => entry.line);
    const current = await this.options.index.readKnownHosts();
    const have = new Set(current.split('\n').map((line) => line.trim()));
    const added = lines.filter((line) => !have.has(line));
    if (added.length === 0) return 0;
    await this.options.index.writeKnownHosts(
      `${current.trimEnd()}${current.trim() ? '\n' : ''}${added.join('\n')}\n`,
    );
    this.options.credentialsChanged(() => true);
    this.options.changed(await this.list());
    return added.length;
  }

  /** Removes every known hosts line of a host; returns how many went. */
  async removeKnownHosts(host: string): Promise<number> {
    const current = await this.options.index.readKnownHosts();
    const keep = current
      .split('\n')
      .filter((line) => !parseKnownHosts(line).some((entry) => entry.hosts.split(',').includes(host)));
    const removed = current.split('\n').length - keep.length;
    if (removed > 0) {
      await this.options.index.writeKnownHosts(keep.join('\n'));
      this.options.changed(await this.list());
    }
    return removed;
  }

  /** Trusts PEM CA certificates for a host's https (Argo CD's `argocd cert add-tls`); null `pem` removes them. */
  async setTlsCertificates(host: string, pem: string | null): Promise<void> {
    const name = host.trim().toLowerCase();
    if (!/^[a-z0-9.-]+(:\d{1,5})?$/.test(name) || name.startsWith('-'))
      throw new Error(`not a host name: ${JSON.stringify(host.slice(0, 80))}`);
    if (pem !== null && !/-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----/.test(pem))
      throw new Error(`certificates for ${name}: no PEM certificate in the text`);
    await this.options.index.update((content) => {
      content.tlsCertificates = content.tlsCertificates.filter((item) => item.host !== name);
      if (pem !== null) content.tlsCertificates.push({ host: name, pem: pem.trim() });
    });
    this.options.credentialsChanged((url) => url.toLowerCase().includes(name));
    this.options.changed(await this.list());
  }

  private async store(
    definition: RepoDefinition,
    options: { upsert?: boolean; importedFrom?: string },
  ): Promise<RepoEntry> {
    checkDefinition(definition);
    const key = keyOf(definition.url);
    const credentials = checkedCredentials(definition.credentials);
    const entry: RepoEntry = {
      kind: definition.kind,
      url: definition.url.trim(),
      key,
      type: definition.type,
      ...(definition.name ? { name: definition.name } : {}),
      ...(definition.project ? { project: definition.project } : {}),
      ...(credentials.username ? { username: credentials.username } : {}),
      hasPassword: credentials.password !== undefined,
      hasSshPrivateKey: credentials.sshPrivateKey !== undefined,
      hasTlsClientCert:
        credentials.tlsClientCertData !== undefined && credentials.tlsClientCertKey !== undefined,
      ...(credentials.githubAppId ? { githubAppId: credentials.githubAppId } : {}),
      ...(credentials.githubAppInstallationId
        ? { githubAppInstallationId: credentials.githubAppInstallationId }
        : {}),
      ...(credentials.githubAppEnterpriseBaseUrl
        ? { githubAppEnterpriseBaseUrl: credentials.githubAppEnterpriseBaseUrl }
        : {}),
      insecure: definition.insecure,
      enableOCI: definition.enableOCI,
      ...(definition.proxy ? { proxy: definition.proxy } : {}),
      ...(definition.noProxy ? { noProxy: definition.noProxy } : {}),
      ...(options.importedFrom ? { importedFrom: options.importedFrom } : {}),
    };
    const existing = (await this.options.index.read()).repositories.find(
      (item) => item.key === key && item.kind === entry.kind,
    );
    if (existing && !options.upsert)
      throw new Error(`${entry.kind} ${entry.url} exists already: remove it first, or add with upsert`);
    const secret =
      entry.kind === 'template'
        ? repoCredsTemplate(this.options.secrets, definition.url)
        : repoCredentials(this.options.secrets, definition.url);
    if (Object.keys(credentials).length > 0) await secret.set(credentials);
    else await secret.delete();
    await this.options.index.update((content) => {
      content.repositories = content.repositories.filter(
        (item) => !(item.key === key && item.kind === entry.kind),
      );
      content.repositories.push(entry);
    });
    return entry;
  }

  private async announce(entry: Pick<RepoEntry, 'key' | 'kind'>): Promise<void> {
    const key = entry.key.toLowerCase();
    this.options.credentialsChanged((repoUrl) => {
      let other: string;
      try {
        other = credentialUrlKey(repoUrl).toLowerCase();
      } catch {
        return false;
      }
      return entry.kind === 'template' ? other.startsWith(key) : other === key;
    });
    this.options.changed(await this.list());
  }
}

function keyOf(url: string): string {
  checkUrlText(url);
  return credentialUrlKey(url);
}

function checkUrlText(url: string): void {
  const text = url.trim();
  if (text === '') throw new Error('the repository URL is empty');
  if (text.length > MAX_URL) throw new Error(`the repository URL is over ${MAX_URL} characters`);
  if (hasControlCharacters(text)) throw new Error('the repository URL contains control characters');
  if (text.startsWith('-')) throw new Error('a repository URL can not start with "-"');
}

// What the URL may be for its type; credentials never in it (they would land in the index).
function checkDefinition(definition: RepoDefinition): void {
  checkUrlText(definition.url);
  const url = definition.url.trim();
  // `ssh://git@host/...` names a user, no secret; a password, or any user of an http(s) URL, is one
  if (/^[a-z][a-z0-9+.-]*:\/\/[^/@]*:[^/@]*@/i.test(url) || /^https?:\/\/[^/]+@/i.test(url))
    throw new Error('the repository URL holds credentials: give them separately, they go to the keychain');
  if (definition.type === 'git') {
    // templates are prefixes (`https://github.com/org`): the same shapes as a repository
    parseRepoUrl(url);
  } else if (definition.type === 'helm' && !definition.enableOCI) {
    if (!/^https?:\/\//i.test(url)) throw new Error('a Helm repository URL starts with https:// or http://');
    new URL(url);
  } else if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url) && !/^(oci|https?):\/\//i.test(url)) {
    throw new Error('an OCI registry URL starts with oci:// or names the host directly');
  }
  for (const [field, value] of [
    ['proxy', definition.proxy],
    ['noProxy', definition.noProxy],
  ] as const) {
    if (value === undefined || value === '') continue;
    if (hasControlCharacters(value) || value.length > MAX_URL) throw new Error(`${field}: not a valid value`);
    if (field === 'proxy' && !/^(https?|socks5h?):\/\/[^\s]+$/i.test(value))
      throw new Error('proxy: an http(s) or socks5 URL');
  }
  for (const [field, value] of [
    ['name', definition.name],
    ['project', definition.project],
  ] as const) {
    if (value !== undefined && (value.length > 253 || hasControlCharacters(value)))
      throw new Error(`${field}: at most 253 characters, no control characters`);
  }
}

function checkedCredentials(credentials: RepoCredentials): RepoCredentials {
  const cleaned = Object.fromEntries(
    Object.entries(credentials).filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = repoCredentialsSchema.strict().safeParse(cleaned);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((issue) => issue.path.join('.') || '(root)').join(', ');
    throw new Error(`credentials: unexpected value at ${fields}`);
  }
  const found = parsed.data;
  if (found.githubAppPrivateKey && (!found.githubAppId || !found.githubAppInstallationId))
    throw new Error('a GitHub App needs its app ID and installation ID with its private key');
  if (found.username && /[\r\n]/.test(found.username)) throw new Error('username: no line breaks');
  return found;
}

function viewOf(content: RepositoryIndexContent, knownHosts: string): RepositoriesView {
  return {
    repositories: content.repositories,
    tlsCertificates: content.tlsCertificates.map((item) => ({
      host: item.host,
      certificates: (item.pem.match(/-----BEGIN CERTIFICATE-----/g) ?? []).length,
    })),
    knownHosts: parseKnownHosts(knownHosts).map(({ hosts, keyType, fingerprint }) => ({
      hosts,
      keyType,
      fingerprint,
    })),
  };
}
